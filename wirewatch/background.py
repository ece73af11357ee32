"""A daemon thread a worker starts beside its main loop and stops on the way out.

The poller's feed assignment and surge reader and every worker's broker watch run blocking
Kafka clients (kafka-python) off the event loop this way. A subclass implements ``_run`` and
returns from it once ``_stop`` is set.
"""

from __future__ import annotations

import threading
from typing import Self


class Background:
    join_timeout = 30.0  # seconds ``stop`` waits for ``_run`` to return

    def __init__(self, name: str) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.join_timeout)

    def _run(self) -> None:
        raise NotImplementedError
