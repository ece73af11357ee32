"""wirewatch.core is pure, and so are the rooms outside it that only compute (the alert renderer,
the senders' contract): importing them loads none of the I/O libraries."""

import subprocess
import sys

IO_LIBRARIES = (
    "faust",
    "aiokafka",
    "kafka",
    "httpx",
    "aiohttp",
    "apprise",
    "prometheus_client",
    "feedparser",
    "mode",
    "rocksdict",
    "requests",
    "urllib3",
    "asyncio",
    "numpy",  # loaded only when a signature is computed
)

# Pure modules outside core: what a worker renders or hands to a sender is testable without one.
PURE_OUTSIDE_CORE = ("wirewatch.alerts.render", "wirewatch.alerts.sending")

PROBE = f"""
import importlib, pkgutil, sys
import wirewatch.core as core
for info in pkgutil.iter_modules(core.__path__):
    importlib.import_module("wirewatch.core." + info.name)
for name in {PURE_OUTSIDE_CORE!r}:
    importlib.import_module(name)
loaded = sorted(m for m in {IO_LIBRARIES!r} if m in sys.modules)
print(",".join(loaded))
"""


def test_core_imports_no_io_library() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", (
        f"wirewatch.core or a pure module loaded I/O libraries: {result.stdout.strip()}"
    )


def test_probe_can_see_a_loaded_library() -> None:
    # The same probe after importing an I/O module reports it: the check above can fail.
    probe = "import requests\n" + PROBE
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "requests" in result.stdout
