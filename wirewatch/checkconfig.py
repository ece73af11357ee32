"""``wirewatch check-config``: every problem of the configuration at once, each where it is.

Reads the feed list, the watchlist and its channels as the workers will, and collects every
problem as ``file:line: field 'path': message``, with warnings for what would only fail later (a
feed the poller will refuse to fetch). Then prints what each watched entry resolves to, channel
URLs masked, and the resolved Kafka connection (protocol, SASL mechanism, user, CA; every secret
masked, its file checked but never read out). No Kafka is contacted. The alerter checks its
channels at start with ``channel_problems`` too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from wirewatch import yamlfile
from wirewatch.config import SETTINGS
from wirewatch.errors import ConfigError, Problem


def check_config(settings: Any, out: TextIO, err: TextIO) -> int:
    """Report every problem on ``err``, what the files resolve to on ``out``; 2 if any is an error."""
    found: list[Problem] = []
    if settings.feeds is not None:
        found += _check_feeds(settings, out)
    if settings.watchlist is None:
        out.write("watchlist: none given (--watchlist or WIREWATCH_WATCHLIST)\n")
    else:
        found += _check_watchlist(settings, out)
    if settings.rules is not None:
        found += _check_rules(settings.rules, out)
    found += _check_kafka(settings, out)
    for problem in _in_file_order(found):
        err.write(f"{problem}\n")
    errors = sum(not p.warning for p in found)
    if found:
        warnings = len(found) - errors
        err.write(
            f"wirewatch: check-config found {_count(errors, 'error')} and {_count(warnings, 'warning')}\n"
        )
    return 2 if errors else 0


def _check_kafka(settings: Any, out: TextIO) -> list[Problem]:
    """The resolved connection settings, secrets masked; a problem per TLS or SASL file unusable."""
    from wirewatch.topics.security import describe, file_problems

    out.write("kafka:\n")
    for name, value in describe(settings):
        out.write(f"  {name}: {value}\n")
    return [Problem(what, str(path), None, field) for field, path, what in file_problems(settings)]


def _check_rules(path: Path, out: TextIO) -> list[Problem]:
    from wirewatch.rules import load_rules

    try:
        rules = load_rules(path)
    except ConfigError as exc:
        return list(exc.problems)
    out.write(
        f"rules: {path}: {_count(len(rules.suppress), 'suppress rule')} "
        f"({', '.join(r.id for r in rules.suppress) or 'none'}), "
        f"{_count(len(rules.ignore_places), 'ignored place')}\n"
    )
    return []


def _in_file_order(found: list[Problem]) -> list[Problem]:
    """Grouped by file (in the order first met), by line within a file."""
    files = list(dict.fromkeys(p.path for p in found))
    return sorted(found, key=lambda p: (files.index(p.path), p.line or 0))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


# -- feeds --------------------------------------------------------------------------------------


def _check_feeds(settings: Any, out: TextIO) -> list[Problem]:
    from wirewatch.feedlist import load_feed_list

    try:
        feeds = load_feed_list(settings.feeds).feeds
    except ConfigError as exc:
        return [*exc.problems, *refused_feeds(settings.feeds, _feeds_as_written(settings.feeds), settings)]
    out.write(f"feeds: {settings.feeds}: {len(feeds)} feeds\n")
    return refused_feeds(settings.feeds, dict(enumerate(feeds)), settings)


def _feeds_as_written(path: Path) -> dict[int, Any]:
    """The feeds of a YAML feed list that does not load as a whole that are valid by themselves."""
    from pydantic import ValidationError

    from wirewatch.feedlist import Feed, is_opml

    try:
        data = None if is_opml(path) else yamlfile.read(path)[0]
    except ConfigError:
        return {}
    listed = data.get("feeds") if isinstance(data, dict) else None
    valid = {}
    for index, raw in enumerate(listed if isinstance(listed, list) else []):
        try:
            valid[index] = Feed.model_validate(raw)
        except ValidationError:
            continue
    return valid


def refused_feeds(path: Path, feeds: Mapping[int, Any], settings: Any) -> list[Problem]:
    """A warning for each feed the poller will refuse to fetch: an address on a loopback or private
    network (named or literal) without ``allow_private``."""
    from wirewatch.core.http import parse_networks, refused_host
    from wirewatch.feedlist import is_opml

    if settings.fetch_allow_private:
        return []
    try:
        networks = parse_networks(settings.fetch_allow_networks)
    except ValueError as exc:
        return [Problem(f"not a network: {exc}", SETTINGS, field="fetch_allow_networks")]
    opml = is_opml(path)
    found = []
    for index, feed in feeds.items():
        host = urlsplit(feed.url).hostname or ""
        kind = None if feed.allow_private else refused_host(host, networks)
        if kind is None:
            continue
        fix = 'add allowPrivate="true" to its outline' if opml else "add allow_private: true to it"
        found.append(
            Problem(
                f"{host!r} is a {kind} address: the poller will refuse this feed. If it is meant to be on "
                f"your own network, {fix}, or allow the network with WIREWATCH_FETCH_ALLOW_NETWORKS",
                str(path),
                None if opml else yamlfile.line_of(path, ("feeds", index, "url")),
                f"outline[{feed.outlet or feed.url}].xmlUrl" if opml else f"feeds[{index}].url",
                warning=True,
            )
        )
    return found


# -- watchlist and channels -----------------------------------------------------------------------

EMPTY_WATCHLIST = "the watchlist has no entries under 'watch': nothing will ever alert"


def _check_watchlist(settings: Any, out: TextIO) -> list[Problem]:
    from wirewatch.alerts.watchlist import load_watchlist
    from wirewatch.core.analysis import Analyzer
    from wirewatch.core.watch import WatchError

    path = settings.watchlist
    try:
        watchlist = load_watchlist(path)
    except ConfigError as exc:
        return [*exc.problems, *channel_problems(_channels_as_written(path), path, settings)]
    try:
        analyzer = Analyzer.create(watchlist.entries())
    except WatchError as exc:
        return [Problem(str(exc), str(path))]
    out.write(f"watchlist: {path}: {len(watchlist.watch)} entries\n")
    empty = [] if watchlist.watch else [Problem(EMPTY_WATCHLIST, str(path), warning=True)]
    found = channel_problems(watchlist.channels, path, settings)
    if found:
        return [*empty, *found]
    try:
        routing = watchlist.routing(settings.notify_urls())
    except ConfigError as exc:  # an entry's channel that only --notify could have made
        return [Problem(p.message, str(path), p.line, p.field) for p in exc.problems]
    _print_routes(routing, analyzer, out)
    return empty


def _channels_as_written(path: Path) -> dict[str, Any]:
    """The channels of a watchlist that does not load as a whole that are valid by themselves."""
    from pydantic import ValidationError

    from wirewatch.alerts.routing_config import ChannelSpec

    try:
        data = yamlfile.read(path)[0]
    except ConfigError:
        return {}
    listed = data.get("channels") if isinstance(data, dict) else None
    valid = {}
    for name, raw in (listed if isinstance(listed, dict) else {}).items():
        try:
            valid[str(name)] = ChannelSpec.model_validate(raw)
        except ValidationError:
            continue
    return valid


def channel_problems(
    channels: Mapping[str, Any], path: Path, settings: Any, environ: dict[str, str] | None = None
) -> list[Problem]:
    """Every channel (of the watchlist at ``path``, or a --notify URL) whose URL cannot be read or is
    not one wirewatch can send to, by name and line."""
    from wirewatch.alerts.routing_config import read_channel_url

    environ = dict(os.environ) if environ is None else environ
    found = []
    for name, spec in channels.items():
        try:
            url = read_channel_url(name, spec, environ)
            problem = None if (reason := _unusable(url)) is None else f"channel {name!r}: {reason}"
        except ConfigError as exc:
            problem = exc.problems[0].message
        if problem is not None:  # the file is read again for the line only when something is wrong
            source = "url" if spec.url else "url_env" if spec.url_env else "url_file"
            line = yamlfile.line_of(path, ("channels", name, source))
            found.append(Problem(problem, str(path), line, f"channels.{name}.{source}"))
    try:
        urls = settings.notify_urls()
    except ConfigError as exc:
        return [*found, *exc.problems]
    for number, url in enumerate(urls, start=1):
        reason = _unusable(url)
        if reason:
            found.append(Problem(f"notification URL #{number}: {reason}", SETTINGS, field="notify"))
    return found


def _unusable(url: str) -> str | None:
    """Why no sender can take ``url`` (without saying the URL: it holds a secret), or None."""
    from wirewatch.alerts.delivery import sender_for
    from wirewatch.alerts.sending import UnusableURL, scheme_of

    try:
        sender_for(url)
    except UnusableURL as exc:
        return f"its URL ({scheme_of(url)}://…) {exc.reason}"
    return None


def _print_routes(routing: Any, analyzer: Any, out: TextIO) -> None:
    from wirewatch.alerts.delivery import senders_for

    senders = senders_for(routing.channels)
    out.write("channels:\n")
    for name, sender in senders.items():
        out.write(f"  {name}: {sender.masked}\n")
    out.write(f"default route: {', '.join(routing.default) or '(none: terminal only)'}\n")
    out.write(f"operator route: {', '.join(routing.operator) or '(none)'}\n")
    policy = routing.policy
    out.write(
        f"policy: notify at {policy.notify_at}; updates at most every {policy.update_min_interval}; "
        f"older than {policy.freshness} goes to a digest every {policy.digest_window}\n"
    )
    out.write("entries:\n")
    for target in analyzer.watch:
        place = analyzer.gazetteer.places[target.place_id]
        route = routing.routes.get(target.entry_id)
        channels = route.channels if route and route.channels else routing.default
        where = " > ".join(analyzer.gazetteer.lineage(target.place_id))
        out.write(
            f"  {target.entry_id} ({target.kind}) = {place.name_en or place.name_ar} [{where}]"
            f"{'' if target.builtin else ' (own place)'} -> {', '.join(channels) or 'terminal only'}\n"
        )
