"""Loading YAML configuration files into pydantic models with errors that point at a line.

Feed lists and watchlists are edited by hand; a mistake must come back as
``watchlist.yaml:12: field 'watch[3].kind': ...``, not as a traceback, and every mistake of the
file at once, not the first one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from wirewatch.errors import ConfigError
from wirewatch.validation import Loc, problems

M = TypeVar("M", bound=BaseModel)


def _line_at(root: yaml.Node | None, loc: Loc) -> int | None:
    """The line of the YAML at a location (keys and list indexes), as deep as the file goes.

    A value reached through a key is shown at its key (``mail:`` rather than the first line of
    the mapping under it); a list item at its own line.
    """
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def read(path: Path) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree of a YAML file; ``ConfigError`` if it cannot be read or parsed."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("file not found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=str(path)) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"not valid YAML: {problem}", path=str(path), line=line) from None
    return data, root


def line_of(path: str | Path, loc: Loc) -> int | None:
    """The line of ``loc`` (``("channels", "mail")``) in a YAML file that loads; None if unknown."""
    try:
        _, root = read(Path(path))
    except ConfigError:
        return None
    return _line_at(root, loc)


def load(path: str | Path, model: type[M]) -> M:
    """Parse ``path`` and validate it as ``model``; ``ConfigError`` lists every problem with its line."""
    path = Path(path)
    data, root = read(path)
    try:
        return model.model_validate({} if data is None else data)
    except ValidationError as exc:
        found = problems(exc, str(path), model, lambda loc: _line_at(root, loc))
        raise ConfigError(problems=found) from None
