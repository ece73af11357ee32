"""Record shapes: each record's JSON schema, kept per version, so a shape never changes under one version.

A record names its version in its ``schema`` field ("incident-update/2"). Its shape is the JSON
schema of what it writes (pydantic's serialization schema, without titles and descriptions:
the structure, not the prose), including every model it embeds. The shape of each version is
checked in as ``<record>-v<version>.json`` (tests/record_shapes/), and ``problems`` says which
records differ from it: a changed shape needs a new version (and the readers of the old one).
Shapes are compared with the models they embed written out in place (``inlined``): the names
of the classes are not on the wire, so a wire schema of its own that writes what a core model
wrote has the shape that model gave.

``python -m wirewatch.topics.shapes DIR`` (``make record-shapes``) writes the snapshots of
versions that have none; it never rewrites an existing one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from wirewatch.topics import ALL
from wirewatch.topics.records import IncidentMarkRecord, StoredIncident

# Every record written to a topic: the topics' own, and those that share a topic with them
# (analysts' marks on the attack-reports topic) or live in the processor's table changelog.
RECORDS: tuple[type[BaseModel], ...] = (
    *dict.fromkeys(spec.record for spec in ALL),
    IncidentMarkRecord,
    StoredIncident,
)
_PROSE = frozenset({"title", "description"})


def version_of(model: type[BaseModel]) -> str:
    """The version a record writes ("incident-update/2")."""
    default = model.model_fields["schema_"].default
    if not isinstance(default, str) or "/" not in default:
        raise ValueError(f"{model.__name__} names no schema version")
    return default


def shape(model: type[BaseModel]) -> dict[str, Any]:
    """The structure of what ``model`` writes, as JSON schema without its prose."""
    bare: dict[str, Any] = _bare(model.model_json_schema(by_alias=True, mode="serialization"))
    return bare


def _bare(node: Any) -> Any:
    if isinstance(node, dict):
        # "title"/"description" as keywords only: a field named "title" stays in "properties"
        return {
            k: (_bare(v) if k != "properties" else {name: _bare(p) for name, p in v.items()})
            for k, v in node.items()
            if k not in _PROSE
        }
    if isinstance(node, list):
        return [_bare(v) for v in node]
    return node


def inlined(schema: dict[str, Any]) -> Any:
    """The schema with each ``$ref`` to its ``$defs`` replaced by the definition (the structure
    without the names of the classes); a model that embeds itself is refused."""
    defs = schema.get("$defs", {})

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name in seen:
                    raise ValueError(f"a record's shape embeds {name} in itself")
                rest = {k: walk(v, seen) for k, v in node.items() if k != "$ref"}
                return {**walk(defs[name], (*seen, name)), **rest}
            return {k: walk(v, seen) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v, seen) for v in node]
        return node

    return walk(schema, ())


def snapshot_path(folder: Path, model: type[BaseModel]) -> Path:
    name, version = version_of(model).split("/")
    return folder / f"{name}-v{version}.json"


def problems(folder: Path, models: Iterable[type[BaseModel]] = RECORDS) -> list[str]:
    """What differs from the checked-in shapes, one line per record (empty: all as checked in)."""
    found = []
    for model in models:
        path = snapshot_path(folder, model)
        if not path.exists():
            found.append(
                f"{version_of(model)} ({model.__name__}): no checked-in shape {path.name}; "
                "a new version: run `make record-shapes` and check the file in"
            )
        elif inlined(json.loads(path.read_text("utf-8"))) != inlined(shape(model)):
            found.append(
                f"{version_of(model)} ({model.__name__}): its shape differs from {path.name}; "
                "a changed record needs a new version (and its readers must read the old one)"
            )
    return found


def write_missing(folder: Path, models: Iterable[type[BaseModel]] = RECORDS) -> list[Path]:
    """Write the shapes of versions that have none yet (an existing one is never rewritten)."""
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for model in models:
        path = snapshot_path(folder, model)
        if not path.exists():
            path.write_text(json.dumps(shape(model), indent=1, sort_keys=True) + "\n", "utf-8")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("tests/record_shapes")
    for path in write_missing(folder):
        print(f"wrote {path}")
    left = problems(folder)
    for line in left:
        print(line, file=sys.stderr)
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
