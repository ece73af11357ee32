"""The HTTP endpoint on a worker's metrics port, in a daemon thread:

    /metrics   the worker's registry, in the format Prometheus asks for (text or OpenMetrics)
    /healthz   liveness: 200 while the worker's loop beats (and while it starts), else 503
    /readyz    readiness: 200 when every check that applies passes, else 503

It touches the standard library's HTTP server and prometheus_client's exposition; the verdicts
come from ``Readiness``.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client.exposition import choose_encoder

from wirewatch.health.readiness import Readiness
from wirewatch.metrics import Metrics


class HealthServer:
    """/metrics, /healthz and /readyz on one port, in a daemon thread."""

    def __init__(self, metrics: Metrics, readiness: Readiness, host: str, port: int) -> None:
        self.metrics = metrics
        self.readiness = readiness
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                return  # one line per scrape would drown the worker's own log

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"{readiness.worker}-health", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> HealthServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        worker = self.readiness.worker
        if path == "/metrics":
            # Readiness as a metric too, computed when Prometheus asks, so an alert can follow it.
            self.metrics.ready.labels(worker).set(1 if self.readiness.ready().ok else 0)
            # The format Prometheus asks for (OpenMetrics or text), as prometheus_client's own server.
            encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
            self._send(request, 200, content_type, encoder(self.metrics.registry))
        elif path in ("/healthz", "/readyz"):
            verdict = self.readiness.live() if path == "/healthz" else self.readiness.ready()
            self._send(request, 200 if verdict.ok else 503, "application/json", verdict.body(worker))
        else:
            self._send(
                request, 404, "text/plain; charset=utf-8", b"not found: try /metrics, /healthz, /readyz\n"
            )

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(body)
