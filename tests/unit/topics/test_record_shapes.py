"""Record shapes: every record's shape is the one checked in for its version (wirewatch.topics.shapes).

When this fails, a record's shape changed (often through a core model it embeds): give the record
a new version, let it read the old one, and run `make record-shapes` to check the new shape in.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, create_model

from wirewatch.topics import shapes
from wirewatch.topics.records import FeedState, IncidentRecord, IncidentUpdate, NotificationRecord
from wirewatch.topics.wire import ReportLink, UpdateIncident

SNAPSHOTS = Path(__file__).resolve().parents[2] / "record_shapes"


def test_every_record_has_the_shape_checked_in_for_its_version() -> None:
    assert shapes.problems(SNAPSHOTS) == []


def test_every_record_on_a_topic_is_checked() -> None:
    names = {m.__name__ for m in shapes.RECORDS}
    assert {
        "IncidentRecord",
        "IncidentUpdate",
        "AttackReport",
        "NotificationRecord",
        "AlertStateRecord",
    } <= names
    assert {p.name for p in SNAPSHOTS.glob("*.json")} >= {
        shapes.snapshot_path(SNAPSHOTS, m).name for m in shapes.RECORDS
    }


def test_a_new_field_under_the_same_version_is_caught() -> None:
    grown = create_model("FeedState", __base__=FeedState, etag_strength=(str, "weak"))
    assert shapes.version_of(grown) == shapes.version_of(FeedState)
    [problem] = shapes.problems(SNAPSHOTS, [grown])
    assert problem.startswith("feed-state/1 (FeedState): its shape differs from feed-state-v1.json")


def test_a_change_deep_in_an_embedded_model_is_caught() -> None:
    # A report link with one more field, inside the incident of an update: the update's shape changed.
    link = create_model("ReportLink", __base__=ReportLink, summary=(str, ""))
    incident = create_model("UpdateIncident", __base__=UpdateIncident, reports=(tuple[link, ...], ()))
    update = create_model("IncidentUpdate", __base__=IncidentUpdate, wire=(incident, Field(alias="incident")))
    assert shapes.problems(SNAPSHOTS, [IncidentUpdate]) == []
    assert "incident-update/3 (IncidentUpdate): its shape differs" in shapes.problems(SNAPSHOTS, [update])[0]


def test_a_renamed_field_is_caught_and_a_new_version_needs_its_shape(tmp_path: Path) -> None:
    renamed = create_model("IncidentRecord", __base__=IncidentRecord, owner_partition=(int, 0))
    assert shapes.problems(SNAPSHOTS, [renamed]) != []
    assert shapes.problems(tmp_path, [NotificationRecord]) == [
        "notification/3 (NotificationRecord): no checked-in shape notification-v3.json; "
        "a new version: run `make record-shapes` and check the file in"
    ]
    # Writing makes the missing one, and never rewrites one that exists.
    assert shapes.write_missing(tmp_path, [NotificationRecord]) == [tmp_path / "notification-v3.json"]
    assert shapes.write_missing(tmp_path, [NotificationRecord]) == []
    assert shapes.problems(tmp_path, [NotificationRecord]) == []
