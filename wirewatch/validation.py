"""Pydantic's validation errors in words a user understands, each at the place it concerns.

``plain_message`` turns "Input should be a valid tuple" into "should be a list of names".
``Located`` lets a validator point below the field it validates (``routes.default[1]``, not
``routes``), several places at once. ``problems`` gives every error of a ``ValidationError``
as a ``Problem``; the caller says how a location maps to a line (``yamlfile``).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import AfterValidator, BaseModel, ModelWrapValidatorHandler, ValidationError, model_validator
from pydantic_core import ErrorDetails

from wirewatch.errors import Problem
from wirewatch.logs import mask_urls, untrusted

Loc = tuple[int | str, ...]

_STABLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def _stable_id(value: str) -> str:
    if not _STABLE_ID.match(value):
        raise ValueError(f"id {value!r} must be 1-64 letters, digits, '-', '_', '.' or ':'")
    return value


# The id of a watch entry or a rule: stable, shown in outputs and alerts.
StableId = typing.Annotated[str, AfterValidator(_stable_id)]


class Located(ValueError):
    """Raised by a validator: problems below the field it validates, each with its own location
    relative to that field (pydantic would put them all at the field itself)."""

    def __init__(self, found: Sequence[tuple[Loc, str]]) -> None:
        super().__init__("; ".join(f"{dotted(loc)}: {message}" if loc else message for loc, message in found))
        self.found = tuple(found)


class CheckedAsWritten(BaseModel):
    """A model whose cross-references (names that must exist, ids that must be unique) are checked
    on the data as written, so that they are reported together with every other problem of the
    file, not once the rest is fixed (pydantic skips "after" validators when a field fails)."""

    @classmethod
    def references(cls, data: Any) -> list[tuple[Loc, str]]:
        """Problems of ``data`` as written (anything, not only a well-formed mapping)."""
        return []

    @model_validator(mode="wrap")
    @classmethod
    def _checked_as_written(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        found = cls.references(data)
        try:
            model = handler(data)
        except ValidationError as exc:
            raise Located([*located(exc, cls), *found]) from None
        if found:
            raise Located(found)
        return model


def dotted(loc: Loc) -> str:
    """``('watch', 3, 'kind')`` as ``watch[3].kind``."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def located(exc: ValidationError, model: type[BaseModel] | None = None) -> list[tuple[Loc, str]]:
    """Every error of ``exc`` as (location, plain message); for a validator that adds its own."""
    return [found for err in exc.errors() for found in _expanded(err, model)]


def problems(
    exc: ValidationError,
    source: str,
    model: type[BaseModel] | None = None,
    line_of: Callable[[Loc], int | None] = lambda loc: None,
) -> list[Problem]:
    """Every error of ``exc`` as a ``Problem`` in ``source``, in plain words, with its line."""
    return [
        Problem(message, source, line_of(loc), dotted(loc) or None) for loc, message in located(exc, model)
    ]


def _expanded(err: ErrorDetails, model: type[BaseModel] | None) -> Iterator[tuple[Loc, str]]:
    loc = tuple(err["loc"])
    error = (err.get("ctx") or {}).get("error")
    if isinstance(error, Located):
        for below, message in error.found:
            yield (*loc, *below), message
    else:
        yield loc, plain_message(err, model)


# Types of value, as a person names them; pydantic says "a valid tuple", "a valid dictionary".
_LIST = frozenset(("tuple_type", "list_type", "set_type", "frozen_set_type", "iterable_type"))
_MAPPING = frozenset(("dict_type", "model_type", "model_attributes_type", "mapping_type"))
_SHOULD_BE = {
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "path_type": "should be a file path",
    "none_required": "should be empty",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "should be at least {}"),
    "greater_than": ("gt", "should be more than {}"),
    "less_than_equal": ("le", "should be at most {}"),
    "less_than": ("lt", "should be less than {}"),
}


def plain_message(err: ErrorDetails, model: type[BaseModel] | None = None) -> str:
    """What is wrong with one value, for the person who wrote it."""
    kind, ctx, loc = err["type"], err.get("ctx") or {}, tuple(err["loc"])
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    if kind == "missing":
        return "is missing: this field is required here"
    if kind == "extra_forbidden":
        return _unknown_field(loc, model)
    if kind in _LIST:
        last = loc[-1] if loc else None
        of = f" of {last}" if isinstance(last, str) and re.fullmatch(r"[a-z]+s", last) else ""
        return f"should be a list{of}, like [a, b]{_got(err['input'])}"
    if kind in _MAPPING:
        return f"should be a mapping of 'key: value' lines{_got(err['input'])}"
    if kind in _SHOULD_BE:
        return _SHOULD_BE[kind] + _got(err["input"])
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return words.format(_number(ctx.get(name))) + _got(err["input"])
    if kind in ("literal_error", "enum"):
        return f"should be one of {ctx.get('expected')}{_got(err['input'])}"
    if kind == "string_pattern_mismatch":
        return f"does not have the expected form (the pattern {ctx.get('pattern')}){_got(err['input'])}"
    if kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1:
        return "should not be empty"
    message = err["msg"]
    return message[:1].lower() + message[1:]


def _got(value: Any) -> str:
    """What was written instead, for scalars (quoted and escaped: it may come from anywhere; URLs
    masked: it may be a webhook or SMTP address with its secret)."""
    if isinstance(value, list | tuple):
        return ", not a list"
    if isinstance(value, dict):
        return ", not a mapping"
    if value is None:
        return ", not empty"
    if isinstance(value, bool):
        return f", not {str(value).lower()}"
    if isinstance(value, int | float):
        return f", not {_number(value)}"
    return f", not {untrusted(mask_urls(str(value)), 60)}"  # a channel URL written in the wrong place


def _number(value: Any) -> str:
    """``1`` for 1.0: the bound as the user would write it."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _unknown_field(loc: Loc, model: type[BaseModel] | None) -> str:
    known = _fields_at(model, loc[:-1]) if model is not None else []
    name = str(loc[-1]) if loc else ""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"is not a known field: did you mean '{close[0]}'?"
    if known:
        return f"is not a known field (known here: {', '.join(known)})"
    return "is not a known field"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at ``loc`` below ``model`` (empty if there is none)."""
    kind: Any = model
    for key in loc:
        kind = _unwrap(kind)
        if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(key, str):
            field = kind.model_fields.get(key)
            if field is None:
                return []
            kind = field.annotation
        elif typing.get_origin(kind) in (tuple, list) and isinstance(key, int):
            kind = typing.get_args(kind)[0]
        elif typing.get_origin(kind) is dict and isinstance(key, str):
            kind = typing.get_args(kind)[1]
        else:
            return []
    kind = _unwrap(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return list(kind.model_fields)
    return []


def _unwrap(kind: Any) -> Any:
    """``X | None`` as ``X``."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        return args[0] if len(args) == 1 else kind
    return kind
