"""``wirewatch web``: the analysts' workspace (board, incidents, feeds, silences, feedback).

Rooms: ``store`` (the interface and its SQLite implementation; what the pages read), ``ingest``
(topics into the store, offsets kept with the data), ``auth`` (users file, sessions, CSRF),
``views`` (pure shaping of store rows for the templates), ``app`` (the Starlette routes) and
``actions`` (what an analyst's form sends to Kafka). Nothing here decides an alert: marks and
silences go to topics that the alerter and the processor read.
"""
