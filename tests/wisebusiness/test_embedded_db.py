"""The embedded PostgreSQL server: started once, reused, stopped cleanly, restarted on the same data."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir():
    # Not under pytest's own temporary root: the server runs as another user, and every pytest
    # run resets that root to 0700, which would lock the server out of its data mid-test.
    (ROOT / ".data").mkdir(exist_ok=True)
    parent = Path(tempfile.mkdtemp(prefix="embedded-test-", dir=ROOT / ".data"))
    directory = parent / "pg"
    yield directory
    run("stop", directory)
    shutil.rmtree(parent, ignore_errors=True)


def run(command: str, data_dir: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "wisebusiness.embedded_db", command],
        cwd=ROOT,
        env={**os.environ, "EMBEDDED_POSTGRES_DATA": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def server_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])


def test_start_reuse_stop_and_restart(data_dir):
    assert "running" in run("start", data_dir)
    first_pid = server_pid(data_dir)

    run("start", data_dir)  # a second `make run` while the first is running
    assert server_pid(data_dir) == first_pid

    assert "stopped" in run("stop", data_dir)
    assert not (data_dir / "postmaster.pid").exists()
    assert "was not running" in run("stop", data_dir)

    run("start", data_dir)  # the data directory survived the stop
    assert (data_dir / "PG_VERSION").exists()
    assert "running" in run("status", data_dir)
