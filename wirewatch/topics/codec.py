"""Encoding records to message bytes and back; a bad message becomes ``BadRecord``, not a crash."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from wirewatch.errors import BadRecord

R = TypeVar("R", bound=BaseModel)


def encode(record: BaseModel) -> bytes:
    return record.model_dump_json(by_alias=True).encode("utf-8")


def decode(data: bytes | None, model: type[R]) -> R:
    """Parse message bytes as ``model``; raise ``BadRecord`` naming what is wrong."""
    if data is None:
        raise BadRecord("empty message (tombstone)")
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "message"
        raise BadRecord(f"{model.__name__}: {where}: {err['msg']}") from None
    except UnicodeDecodeError:
        raise BadRecord(f"{model.__name__}: not UTF-8") from None


def key(text: str) -> bytes:
    return text.encode("utf-8")
