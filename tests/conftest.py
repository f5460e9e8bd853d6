"""Shared fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The snapshot cache of this test run (and of the CLI processes it starts) lives in a
# temporary directory, not in the user's ~/.cache; tests of the cache set their own.
if "GENENORM_SNAPSHOT_CACHE" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="genenorm-test-snapshot-")
    os.environ["GENENORM_SNAPSHOT_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
WEBSITE = TESTS / "data" / "pfocr-website"
REFERENCE_ID = "PMC11987792__cancers-17-01167-g005"
REFERENCE_PAGE = WEBSITE / "_figures" / f"{REFERENCE_ID}.md"
REFERENCE_HITS = WEBSITE / "_data" / f"{REFERENCE_ID}-genes.tsv"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
ADRD_TABLE = SHARED_SAMPLES / "pfocr-2020" / "adrd_gene_hits.tsv"


@pytest.fixture(name="resolver", scope="session")
def _resolver():  # type: ignore[no-untyped-def]
    """The default snapshot resolver."""
    from genenorm.resolver import default_resolver

    return default_resolver()


@pytest.fixture(name="adrd_table", scope="session")
def _adrd_table() -> Path:
    """The 90,719-row 2020 hit table from ../shared (skips when the checkout lacks it)."""
    if not ADRD_TABLE.exists():
        pytest.skip(f"{ADRD_TABLE} not present")
    return ADRD_TABLE


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RunningServer:
    """A ``genenorm serve`` process on 127.0.0.1, started by the tests."""

    def __init__(self, *options: str, env: dict[str, str] | None = None) -> None:
        import os
        import subprocess
        import sys
        import time
        import urllib.request

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        import tempfile

        self.log = Path(tempfile.mkstemp(prefix="genenorm-serve-", suffix=".log")[1])
        full_env = {**os.environ, **(env or {})}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "genenorm", "serve", "--port", str(self.port), *options],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=full_env,
            )
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"genenorm serve exited: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"genenorm serve did not start: {self.log.read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop the process (by its own id) and remove its log."""
        import subprocess

        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.unlink(missing_ok=True)


@pytest.fixture(name="server", scope="session")
def _server():  # type: ignore[no-untyped-def]
    """A real ``genenorm serve`` on a free port of 127.0.0.1 (default settings)."""
    pytest.importorskip("fastapi", reason="the server tests need genenorm[server]")
    running = RunningServer()
    yield running
    running.stop()
