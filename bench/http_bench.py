"""HTTP benchmark: requests per second of real pages under gunicorn, side by side with a bare view.

    make bench-http      # or: .venv/bin/python bench/http_bench.py [--seconds 10] [--mixed-seconds 60]

The site runs as in production: gunicorn with deploy/gunicorn.conf.py (its worker count rule),
DJANGO_ENV=production and DEBUG off, on a free port of 127.0.0.1, with the settings
``bench.settings``: the site's own plus a bare view at /bench/ok/ that returns "ok" through the same
middleware stack. Load comes from wrk (Debian's, installed with apt-get when missing), which sends
``Accept-Encoding: gzip`` as a browser does. Two parts, each with its own gunicorn:

1. Pages, on the catalogue benchmark's database (``wisebusiness_bench``: 10,000 synthetic tools in
   seven languages from ``manage.py seed_bench``, seeded once): the bare view, a hashed CSS file,
   the home page, the catalogue list, a two-filter list, a catalogue search, the site search, a tool
   page, and a conditional GET of the list with the ETag it answered (``If-None-Match``). 8
   connections, three rounds of 10 s each with new connections, the median round kept (gunicorn's
   workers take wrk's keep-alive connections as they come, and a round where one worker got them all
   is half as fast) (``--seconds 3`` for a smoke run); each page is fetched once first, to
   check that it answers (and to warm any cache). A row's share is its req/s divided by the bare
   view's; the target is at least 0.50 for a page and 0.70 for the 304.
2. Mixed load, on the demo content's database (``wisebusiness_relevance``, loaded as bench/relevance.py
   does): every page /sitemap.xml lists, in seven languages, cycled by 64 connections for 60 s
   (``--mixed-seconds 10``; 0 skips it). Targets: no error, p99 at most 500 ms; then the resident
   memory of each gunicorn worker (below 250 MB each).

The config's ``max_requests`` (50,000 to 75,000) replaces each worker after that many requests; the
"restarts" column counts the replacements during each row. ``--max-requests 0`` turns it off, to see
what the pages themselves cost.

Gunicorn is stopped at the end, also on a failure or Ctrl-C. The exit status is 0 whether the
targets are met or not (this is a measurement), 1 when a page does not answer as it should or the
run cannot finish. The figures depend on the machine and on what else runs on it: the load average
is printed with them.
"""

import argparse
import concurrent.futures
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import urllib.parse
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wisebusiness.settings")

from bench import wrk  # noqa: E402
from bench.scale_demo import (  # noqa: E402
    BIN,
    Client,
    Processes,
    ensure_debian_packages,
    public_paths,
    wait_until,
)

PAGE_CONNECTIONS, PAGE_SECONDS = 8, 10
MIXED_CONNECTIONS, MIXED_SECONDS = 64, 60
PAGE_TARGET, NOT_MODIFIED_TARGET = 0.50, 0.70
MIXED_P99_TARGET_MS, RSS_TARGET_MB = 500, 250
WORKER_WARM_SECONDS = 3
GZIP = {"Accept-Encoding": "gzip"}


@dataclass
class Page:
    label: str
    path: str
    headers: dict = field(default_factory=dict)
    expect: int = 200
    target: float | None = PAGE_TARGET
    skipped: str = ""  # why this row has no figures ("no ETag")


# --------------------------------------------------------------------------- databases and the site


def prepare_databases(tools: int, reseed: bool) -> dict:
    """Migrate and fill both databases in this process; what the two gunicorn runs need to know."""
    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.catalogue import use_bench_database
    from bench.relevance import use_demo_database
    from catalogue.models import Sector, Tool

    use_bench_database()
    call_command("migrate", verbosity=0)
    if reseed or Tool.objects.filter(slug__startswith="bench-").count() != tools:
        print(f"Seeding {tools} tools into {connection.settings_dict['NAME']} …", flush=True)
        call_command("seed_bench", tools=tools)
    analyze(connection)
    facts = {
        "bench_url": database_url(connection.settings_dict["NAME"]),
        "tools": Tool.objects.count(),
        "published": Tool.objects.published().count(),
        "sector": Sector.objects.values_list("slug", flat=True).first(),
        "tool": Tool.objects.published().filter(slug__startswith="bench-").order_by("slug").first().slug,
    }
    print("Demo content …", flush=True)
    use_demo_database()
    analyze(connection)
    facts["demo_url"] = database_url(connection.settings_dict["NAME"])
    connection.close()
    print("Translations, static files …", flush=True)
    call_command("compilemessages", ignore_patterns=[".venv", ".data"], verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return facts


def analyze(connection) -> None:
    """Planner statistics now, as a production database has them (a freshly filled one has none)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def database_url(name: str) -> str:
    """DATABASE_URL for the database ``name`` on the server Django uses: DATABASE_URL's own (as
    .env or the environment sets it) with another database name, else the embedded server's socket."""
    if url := os.environ.get("DATABASE_URL"):
        return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))
    from wisebusiness.embedded_db import database_settings

    server = database_settings()
    return f"postgres://{server['USER']}@/{name}?host={urllib.parse.quote(server['HOST'], safe='')}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(processes: Processes, folder: Path) -> str:
    """A redis-server on a Unix socket of the run's folder, as production keeps the cache; its URL."""
    socket_path = folder / "redis.sock"
    command = [shutil.which("redis-server"), "--port", "0", "--unixsocket", str(socket_path)]
    processes.start(
        "redis",
        [
            *command,
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "256mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
    )
    wait_until(socket_path.exists, "redis-server", 20)
    return f"redis://{socket_path}"


def start_site(
    processes: Processes, name: str, database: str, max_requests: int | None, cache_url: str
) -> int:
    """Gunicorn with the project's config and production settings on a free port; the port.
    ``max_requests`` (when not None) overrides the config's, as a command-line option does."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain http on the loopback, where TLS would be nginx's
        "DATABASE_URL": database,
        "CACHE_URL": cache_url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
    }
    command = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "wisebusiness.wsgi"]
    if max_requests is not None:
        command += ["--max-requests", str(max_requests)]
    processes.start(name, command, env)
    wait_until(lambda: Client(port).get("/healthz").status == 200, f"gunicorn ({name})", 90)
    return port


def stop_site(processes: Processes, name: str) -> None:
    processes.stop(name, timeout=30)


def log_text(folder: Path, name: str) -> str:
    return (folder / f"{name}.log").read_text(errors="replace")


def workers_booted(folder: Path, name: str) -> int:
    """Workers gunicorn started so far (max_requests replaces a worker after 50,000 to 75,000 requests)."""
    return log_text(folder, name).count("Booting worker with pid")


def serving_line(folder: Path, name: str, max_requests: int | None) -> str:
    match = re.search(r"\(gunicorn, ([^;)]+)", log_text(folder, name))
    recycling = "the config's max_requests" if max_requests is None else f"max_requests {max_requests}"
    return f"{match.group(1) if match else 'gunicorn'}, {recycling}"


def workers(folder: Path, name: str) -> int:
    """The worker count gunicorn announced (deploy/gunicorn.conf.py's rule: one per CPU unless told)."""
    match = re.search(r"\(gunicorn, (\d+) (?:\w+ )?workers", log_text(folder, name))
    return int(match.group(1)) if match else 1


def worker_status(master: int) -> dict[int, dict]:
    """/proc/<pid>/status of each child of the gunicorn master, as a dict of its fields."""
    children = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError, ValueError, KeyError):
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            if int(fields["PPid"]) == master:
                children[int(status.parent.name)] = fields
    return dict(sorted(children.items()))


def worker_rss(master: int) -> dict[int, float]:
    """Resident memory (MB) of each gunicorn worker (VmRSS)."""
    return {
        pid: int(fields["VmRSS"].split()[0]) / 1024
        for pid, fields in worker_status(master).items()
        if "VmRSS" in fields
    }


def process_age(pid: int) -> float:
    """Seconds since the process started (/proc/<pid>/stat's start time, in clock ticks since boot)."""
    started = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - started / os.sysconf("SC_CLK_TCK")


def settle(master: int, count: int, seconds: float = 30) -> None:
    """Wait until gunicorn has all its workers, none younger than WORKER_WARM_SECONDS: a worker that
    max_requests replaced at the end of a row (they tend to go together) has loaded the app before
    the next row starts. The replacements during a row stay in its figures, as in production."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            ages = [process_age(pid) for pid in worker_status(master)]
            if len(ages) >= count and min(ages) >= WORKER_WARM_SECONDS:
                return
        time.sleep(0.5)


def load_average() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


# --------------------------------------------------------------------------- part 1: pages


def pages(port: int, sector: str, tool: str) -> list[Page]:
    """The rows of the table, the bare view first; the CSS file and the ETag read from the site."""
    client = Client(port)
    css = re.search(r'href="(/static/[^"]+\.css)"', client.get("/en/").text)
    listing = client.request("GET", "/en/catalogue/", headers=GZIP)
    etag = listing.headers.get("etag")
    static = Page("static file (CSS)", css.group(1)) if css else Page("static file", "/en/", skipped="no CSS")
    rows = [
        Page("bare view", "/bench/ok/", target=None),
        static,
        Page("home", "/en/"),
        Page("catalogue list", "/en/catalogue/"),
        Page("two filters (hr)", f"/hr/catalogue/?sector={sector}&language=hr"),
        Page("catalogue search (de)", "/de/catalogue/?q=Rechnung"),
        Page("site search (it)", "/it/search/?q=fattura"),
        Page("tool page", f"/en/catalogue/{tool}/"),
    ]
    conditional = Page("list, If-None-Match", "/en/catalogue/", expect=304, target=NOT_MODIFIED_TARGET)
    if etag:
        conditional.headers = {"If-None-Match": etag}
    else:
        conditional.skipped = "no ETag"
    return [*rows, conditional]


def answers(port: int, page: Page) -> int:
    return Client(port).request("GET", page.path, headers={**GZIP, **page.headers}).status


# Each page is measured this many times, each with new connections, and the median round kept: which
# worker accepts wrk's keep-alive connections is a toss (all of them on one worker halves a round).
ROUNDS = 3


def measure_pages(
    folder: Path, processes: Processes, port: int, rows: list[Page], connections: int, seconds: int
) -> list:
    """wrk on each page in turn: (page, figures or None, workers booted meanwhile)."""
    results = []
    for number, page in enumerate(rows):
        if page.skipped:
            results.append((page, None, 0))
            continue
        settle(processes.running["gunicorn-pages"].pid, workers(folder, "gunicorn-pages"))
        booted = workers_booted(folder, "gunicorn-pages")
        rounds = [
            wrk.measure(
                folder,
                f"page-{number}-{round_number}",
                f"http://127.0.0.1:{port}{page.path}",
                connections=connections,
                seconds=seconds,
                headers=page.headers,
            )
            for round_number in range(ROUNDS)
        ]
        figures = sorted(rounds, key=lambda figures: figures["rps"])[ROUNDS // 2]
        results.append((page, figures, workers_booted(folder, "gunicorn-pages") - booted))
        each = ", ".join(f"{round_figures['rps']:.0f}" for round_figures in rounds)
        print(f"      … {page.label}: {each} req/s (median kept)", flush=True)
    return results


def print_pages(results: list) -> None:
    bare = (results[0][1] or {}).get("rps") or float("nan")
    print(
        f"{'page':<22}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'share':>7}{'target':>8}"
        f"  {'':<7}{'restarts':>8}  url"
    )
    for page, figures, restarts in results:
        if figures is None:
            print(f"{page.label:<22}{page.skipped:>8}{'':>38}{'':>7}{'':>8}  {page.path}")
            continue
        share = figures["rps"] / bare
        target, verdict = "", ""
        if page.target is not None:
            target, verdict = f"≥ {page.target:.2f}", "met" if share >= page.target else "missed"
        print(
            f"{page.label:<22}{figures['rps']:>8.1f}{figures['p50_ms']:>8.1f}{figures['p99_ms']:>8.1f}"
            f"{figures['errors']:>7}{share:>7.2f}{target:>8}  {verdict:<7}{restarts:>8}  {page.path}"
        )
    print(
        "(share: req/s ÷ the bare view's; restarts: workers gunicorn booted during the row, "
        "max_requests replacing them)"
    )


def run_pages(folder: Path, processes: Processes, facts: dict, args) -> bool:
    """Part 1; whether every page answered as it should."""
    port = start_site(processes, "gunicorn-pages", facts["bench_url"], args.max_requests, facts["cache_url"])
    rows = pages(port, facts["sector"], facts["tool"])
    failed = False
    for page in rows:
        status = None if page.skipped else answers(port, page)
        if status is not None and status != page.expect:
            print(f"FAILED: {page.path} answered {status}, not {page.expect}", flush=True)
            page.skipped, failed = f"{status}!", True
    serving = serving_line(folder, "gunicorn-pages", args.max_requests)
    print(
        f"\nPages: {facts['tools']:,} tools ({facts['published']:,} published), {args.connections} "
        f"connections, {args.seconds} s each, gzip; {serving}, "
        f"{os.cpu_count()} CPUs; {load_average()}",
        flush=True,
    )
    results = measure_pages(folder, processes, port, rows, args.connections, args.seconds)
    print(f"({load_average()} after)\n")
    print_pages(results)
    stop_site(processes, "gunicorn-pages")
    return not failed


# --------------------------------------------------------------------------- part 2: mixed load


def check_paths(port: int, paths: list[str]) -> list[str]:
    """Fetch every path once (four at a time), which warms any cache; the ones not answering 200."""

    def status(path: str) -> tuple[str, int]:
        return path, Client(port).request("GET", path, headers=GZIP).status

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return [f"{path} {code}" for path, code in pool.map(status, paths) if code != 200]


def run_mixed(folder: Path, processes: Processes, facts: dict, args) -> bool:
    """Part 2; whether every page of the sitemap answered 200 before the load."""
    port = start_site(processes, "gunicorn-mixed", facts["demo_url"], args.max_requests, facts["cache_url"])
    paths = public_paths(Client(port))
    languages = sorted({path.split("/")[1] for path in paths if re.match(r"^/[a-z]{2}/", path)})
    failures = check_paths(port, paths)
    if failures:
        print(f"FAILED: {len(failures)} pages of the sitemap: {', '.join(failures[:5])}", flush=True)
    print(
        f"\nMixed load: the {len(paths)} pages of the sitemap in {len(languages)} languages (demo content), "
        f"{args.mixed_connections} connections, {args.mixed_seconds} s, gzip; "
        f"{serving_line(folder, 'gunicorn-mixed', args.max_requests)}; {load_average()}",
        flush=True,
    )
    booted = workers_booted(folder, "gunicorn-mixed")
    figures = wrk.measure(
        folder,
        "mixed",
        f"http://127.0.0.1:{port}",
        connections=args.mixed_connections,
        seconds=args.mixed_seconds,
        paths=paths,
    )
    restarts = workers_booted(folder, "gunicorn-mixed") - booted
    rss = worker_rss(processes.running["gunicorn-mixed"].pid)
    print(f"({load_average()} after)\n")
    print_mixed(figures, restarts, rss)
    stop_site(processes, "gunicorn-mixed")
    return not failures


def print_mixed(figures: dict, restarts: int, rss: dict[int, float]) -> None:
    errors_met = "met" if figures["errors"] == 0 else "missed"
    p99_met = "met" if figures["p99_ms"] <= MIXED_P99_TARGET_MS else "missed"
    print(f"{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'restarts':>9}")
    print(
        f"{figures['rps']:>8.1f}{figures['p50_ms']:>8.1f}{figures['p99_ms']:>8.1f}"
        f"{figures['errors']:>7}{restarts:>9}"
    )
    print(f"target: 0 errors ({errors_met}), p99 ≤ {MIXED_P99_TARGET_MS} ms ({p99_met})")
    if figures["errors"]:
        kinds = ("connect", "read", "write", "status", "timeout")
        print("errors: " + ", ".join(f"{kind} {figures[kind]}" for kind in kinds))
    for pid, size in rss.items():
        verdict = "met" if size < RSS_TARGET_MB else "missed"
        print(f"worker {pid}: {size:.0f} MB resident (target < {RSS_TARGET_MB} MB: {verdict})")


# --------------------------------------------------------------------------- main


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=PAGE_SECONDS, help="wrk's duration per page.")
    parser.add_argument("--connections", type=int, default=PAGE_CONNECTIONS)
    parser.add_argument("--mixed-seconds", type=int, default=MIXED_SECONDS, help="0 skips the mixed load.")
    parser.add_argument("--mixed-connections", type=int, default=MIXED_CONNECTIONS)
    parser.add_argument("--tools", type=int, default=10000, help="Synthetic tools in the bench database.")
    parser.add_argument(
        "--max-requests",
        type=int,
        help="Override the config's max_requests (0: never replace a worker) to see the pages' own cost.",
    )
    parser.add_argument(
        "--cache",
        choices=["redis", "memory"],
        default="redis",
        help="The cache and page cache: Redis as in production (default), or each worker's memory.",
    )
    parser.add_argument("--reseed", action="store_true", help="Re-create the synthetic tools.")
    parser.add_argument("--keep-logs", action="store_true", help="Keep the folder of gunicorn and wrk logs.")
    return parser.parse_args()


def main() -> int:
    args = arguments()
    started = time.monotonic()
    ensure_debian_packages({"wrk": "wrk", "redis-server": "redis-server"})
    folder = Path(tempfile.mkdtemp(prefix="wise-bench-http-"))
    processes = Processes(folder)

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    answered = False
    try:
        facts = prepare_databases(args.tools, args.reseed)
        facts["cache_url"] = start_redis(processes, folder) if args.cache == "redis" else ""
        print(
            "Cache: "
            + ("Redis, as in production" if facts["cache_url"] else "each worker's memory, as make run")
        )
        print(f"(setup {time.monotonic() - started:.0f} s; logs in {folder})", flush=True)
        answered = run_pages(folder, processes, facts, args)
        if args.mixed_seconds > 0:
            answered = run_mixed(folder, processes, facts, args) and answered
    except KeyboardInterrupt:
        print("\nInterrupted.")
        answered = False
    except Exception:  # the run could not finish: say why, then stop gunicorn all the same
        traceback.print_exc()
        answered = False
    finally:
        processes.stop_all()
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    if not answered or args.keep_logs:
        print(f"Logs kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if answered else 1


if __name__ == "__main__":
    sys.exit(main())
