"""The feed poller's parts: fetch (HTTP), parse (feedparser on bytes), articles (what is new),
sinks (Kafka or memory), state (the feed-state topic), assignment (who polls which feed),
surges (poll a group faster for a while) and loop (the scheduler that ties them together).

The rules these parts follow are pure and live in ``wirewatch.core``: ``http`` (what a response
means), ``schedule`` (when next), ``health`` (broken or recovered), ``politeness`` (per-host
limits), ``feeddoc`` (hostile documents, item bytes), ``entries`` and ``identity``.
"""
