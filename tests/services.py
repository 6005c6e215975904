"""Real Redis and a real S3-compatible server (moto's server mode) for the tests that need them.

Both start in about a second and listen where nobody else does: Redis on a Unix socket in the
test's temporary folder (no TCP port at all), moto on a port the kernel picks. A missing binary
skips the tests on a laptop and fails them in CI (.ci/run installs redis-server).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest


def require(binary: str, install_hint: str) -> str:
    path = shutil.which(binary) or (
        str(Path(sys.executable).parent / binary) if (Path(sys.executable).parent / binary).exists() else None
    )
    if path is None:
        message = f"NO {binary.upper()} FOUND: the tests that need it did not run ({install_hint})."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(check, what: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start within {seconds} s")


class Redis:
    """A redis-server on a Unix socket; ``stop()`` and ``start()`` again to test an outage."""

    def __init__(self, folder: Path):
        self.binary = require("redis-server", "apt-get install redis-server")
        self.socket = folder / "redis.sock"
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://{self.socket}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(self._answers, "redis-server", self.process)

    def _answers(self) -> bool:
        with socket.socket(socket.AF_UNIX) as probe:
            probe.connect(str(self.socket))
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class S3Server:
    """moto's S3-compatible server on a free loopback port."""

    access_key = "testing"
    secret_key = "testing"
    region = "eu-central-1"

    def __init__(self):
        self.binary = require("moto_server", "pip install 'moto[server]'")
        self.port = free_port()
        self.process = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(
            lambda: urllib.request.urlopen(self.endpoint, timeout=1).status == 200, "moto", self.process
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
        )


@contextmanager
def running(service):
    service.start()
    try:
        yield service
    finally:
        service.stop()
