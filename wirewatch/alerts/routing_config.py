"""Routing configuration: channels, routes, severity and alert policy, the alerting part of the
watchlist file (the router that applies it is ``alerts.router``).

```yaml
channels:                       # name -> where notifications go
  analysts-mail:
    url_env: WIREWATCH_MAIL_URL # the apprise URL comes from the environment ...
  ops-slack:
    url_file: /run/secrets/ops-slack   # ... or from a file: secrets never sit in the watchlist
  incident-tool:
    url: webhook+https://tools.example.org/hooks/wirewatch   # wirewatch's own JSON payload
routes:
  default: [analysts-mail]      # entries without channels of their own
  operator: [ops-slack]         # feed health and delivery trouble
alerting:
  notify_at: reported           # or corroborated: wait for a second independent outlet
  update_min_interval: 600      # seconds between two updates of one incident on one channel
  freshness: 7200               # older incidents (after downtime, a replay) go into a digest
  digest_window: 300            # a digest collects for this long before it is sent
watch:
  - id: ain-al-asad
    kind: base
    names: ["Ain al-Asad", "عين الأسد"]
    channels: [analysts-mail, incident-tool]
    severity:
      - {level: critical, killed_at_least: 1}
      - {level: high, types: [rocket, missile, drone]}
```

Without ``channels``, the URLs given with ``--notify`` / ``WIREWATCH_NOTIFY_FILE`` form the
default route, one channel per URL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wirewatch.core.alerting import AlertPolicy, Route, SeverityRule
from wirewatch.errors import ConfigError
from wirewatch.validation import CheckedAsWritten, Loc

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class ChannelSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str | None = Field(
        None, description="the apprise URL itself (it holds a secret: prefer url_env/url_file)"
    )
    url_env: str | None = Field(None, description="environment variable holding the URL")
    url_file: Path | None = Field(None, description="file holding the URL (first non-comment line)")
    timeout: float = Field(
        10.0,
        gt=0,
        le=300,
        description="seconds one send may wait on the receiver; a channel's sends run in its own "
        "thread, so a slow receiver delays only its own channel",
    )

    @model_validator(mode="after")
    def _one_source(self) -> ChannelSpec:
        given = [x for x in (self.url, self.url_env, self.url_file) if x]
        if len(given) != 1:
            raise ValueError("give exactly one of url, url_env, url_file")
        return self


class RoutesSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    default: tuple[str, ...] = ()
    operator: tuple[str, ...] = ()


class PolicySpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    notify_at: Literal["reported", "corroborated"] = "reported"
    update_min_interval: float = Field(600, ge=0, le=86400)
    freshness: float = Field(7200, ge=60, le=30 * 86400)
    digest_window: float = Field(300, ge=0, le=86400)
    feed_health_window: float = Field(
        60, ge=0, le=86400, description="feed broken/recovered events are grouped"
    )

    def policy(self) -> AlertPolicy:
        return AlertPolicy(
            notify_at=self.notify_at,
            update_min_interval=timedelta(seconds=self.update_min_interval),
            freshness=timedelta(seconds=self.freshness),
            digest_window=timedelta(seconds=self.digest_window),
            feed_health_window=timedelta(seconds=self.feed_health_window),
        )


class AlertingSpec(CheckedAsWritten):
    """The alerting keys of the watchlist file (the ``watch`` entries are read elsewhere)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    channels: dict[str, ChannelSpec] = Field(default_factory=dict)
    routes: RoutesSpec = Field(default_factory=RoutesSpec)
    alerting: PolicySpec = Field(default_factory=PolicySpec)

    @classmethod
    def references(cls, data: Any) -> list[tuple[Loc, str]]:
        """Channel names that are not names, and route names that are not channels."""
        if not isinstance(data, dict) or not isinstance(data.get("channels") or {}, dict):
            return []
        channels = data.get("channels") or {}
        found: list[tuple[Loc, str]] = [
            (("channels", name), f"channel name {name!r} must be 1-64 letters, digits, '.', '_' or '-'")
            for name in channels
            if not (isinstance(name, str) and _NAME.match(name))
        ]
        routes = data.get("routes")
        if isinstance(routes, dict):
            found += [
                (("routes", route, index), unknown_channel(name, channels))
                for route in ("default", "operator")
                if isinstance(routes.get(route), list)
                for index, name in enumerate(routes[route])
                if isinstance(name, str) and name not in channels
            ]
        return found


def unknown_channel(name: str, channels: Mapping[str, Any]) -> str:
    """What to say about a channel name that ``channels`` lacks."""
    known = f"the channels are {', '.join(channels)}" if channels else "no channels are defined"
    return f"unknown channel {name!r} ({known})"


@dataclass(frozen=True)
class Channel:
    name: str
    url: str = field(repr=False)  # a secret: never logged
    timeout: float = 10.0

    @property
    def scheme(self) -> str:
        return self.url.split("://", 1)[0].lower() if "://" in self.url else "?"


@dataclass(frozen=True)
class Routing:
    channels: dict[str, Channel]
    routes: dict[str, Route]
    default: tuple[str, ...]
    operator: tuple[str, ...]
    policy: AlertPolicy


def read_channel_url(name: str, spec: ChannelSpec, environ: dict[str, str]) -> str:
    """The URL of channel ``name``: written in the watchlist, or from the environment or a file."""
    if spec.url:
        return spec.url.strip()
    if spec.url_env:
        value = environ.get(spec.url_env, "").strip()
        if not value:
            raise ConfigError(
                f"channel {name!r}: environment variable {spec.url_env} is not set", field="channels"
            )
        return value
    assert spec.url_file is not None
    try:
        lines = spec.url_file.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(
            f"channel {name!r}: cannot read url_file: {exc.strerror}", path=str(spec.url_file)
        ) from None
    value = next((ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    if not value:
        raise ConfigError(f"channel {name!r}: url_file is empty", path=str(spec.url_file))
    return value


def build_routing(
    spec: AlertingSpec,
    entries: dict[str, tuple[tuple[str, ...], tuple[SeverityRule, ...]]],
    notify_urls: tuple[str, ...] = (),
    environ: dict[str, str] | None = None,
    resolve_urls: bool = True,
) -> Routing:
    """Resolve channel URLs (from env or files; left empty when not ``resolve_urls``) and each entry's
    route; errors name the channel."""
    environ = dict(os.environ) if environ is None else environ
    channels = {
        name: Channel(name, read_channel_url(name, channel, environ) if resolve_urls else "", channel.timeout)
        for name, channel in spec.channels.items()
    }
    default = spec.routes.default
    if notify_urls:
        extra = {f"notify-{i}": Channel(f"notify-{i}", url) for i, url in enumerate(notify_urls, start=1)}
        channels.update(extra)
        default = (*default, *extra)
    if not default and channels:
        default = tuple(channels)
    routes: dict[str, Route] = {}
    for entry_id, (names, severity) in entries.items():
        for name in names:
            if name not in channels:
                raise ConfigError(f"watch entry {entry_id!r}: unknown channel {name!r}", field="channels")
        routes[entry_id] = Route(entry_id, names, severity)
    operator = spec.routes.operator or default
    return Routing(channels, routes, default, operator, spec.alerting.policy())
