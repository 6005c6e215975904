"""wrk, the HTTP load generator, driven from Python (bench/http.py, bench/scale_demo.py).

A run's figures come from a Lua ``done`` hook that prints one line, ``RESULT {json}``, so nothing
parses wrk's report for people. With ``paths`` the connections cycle through those paths (the
mixed load); without, every request asks for the URL's own path. Every run sends
``Accept-Encoding: gzip``, as a browser does.
"""

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

DONE_HOOK = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_ms": %.1f, "p99_ms": %.1f}\\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""

CYCLE_PATHS = """
local paths = {{}}
for line in io.lines("{paths_file}") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def script(folder: Path, name: str, paths: list[str] | None = None) -> Path:
    """Write the Lua script of one run: the done hook, and the path cycle when ``paths`` are given."""
    text = DONE_HOOK
    if paths:
        paths_file = folder / f"{name}-paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        text = textwrap.dedent(CYCLE_PATHS).format(paths_file=paths_file) + text
    path = folder / f"{name}.lua"
    path.write_text(text)
    return path


def start(
    folder: Path,
    name: str,
    url: str,
    *,
    connections: int,
    seconds: int,
    paths: list[str] | None = None,
    headers: dict[str, str] | None = None,
    threads: int = 2,
    timeout: int = 90,
) -> subprocess.Popen:
    """Start wrk in the background, its output in ``folder/wrk-<name>.log``; ``result`` waits for it.

    ``timeout``: a slow answer is measured as slow, not counted as an error, unless it takes
    longer than this (the machines these runs are made on are small and shared)."""
    command = [
        shutil.which("wrk") or "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{timeout}s",
        "-H",
        "Accept-Encoding: gzip",
    ]
    for header, value in (headers or {}).items():
        command += ["-H", f"{header}: {value}"]
    command += ["-s", str(script(folder, name, paths)), url]
    log = open(folder / f"wrk-{name}.log", "wb")  # noqa: SIM115 (closed by result())
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    return process


def result(folder: Path, process: subprocess.Popen, name: str) -> dict:
    """Wait for a run; its figures, with ``errors`` (all kinds together) and ``rps`` added."""
    try:
        process.wait()
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): no load left running behind
        process.kill()
        process.wait()
        raise
    finally:
        process.log.close()
    output = (folder / f"wrk-{name}.log").read_text()
    match = re.search(r"RESULT (\{.*\})", output)
    if not match:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    figures = json.loads(match.group(1))
    figures["errors"] = sum(figures[key] for key in ("connect", "read", "write", "status", "timeout"))
    figures["rps"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0.0
    if not figures["requests"]:  # no answer within the run: no latency to speak of (not 0 ms)
        figures["p50_ms"] = figures["p99_ms"] = float("nan")
    return figures


def measure(folder: Path, name: str, url: str, **options) -> dict:
    """One run of wrk, waited for (the options of ``start``)."""
    return result(folder, start(folder, name, url, **options), name)
