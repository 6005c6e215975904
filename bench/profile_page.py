"""Where one page's server time goes: SQL against Python, and the hottest functions.

Runs in the benchmark's database (``bench/catalogue.py`` seeds it), in-process with Django's
test client: the page is requested ``--runs`` times under cProfile, then the SQL time of one
request (each query and its duration) and the functions with the most cumulative and own time.

    .venv/bin/python bench/profile_page.py /en/catalogue/ [--runs 20] [--top 25]
"""

import argparse
import cProfile
import importlib.util
import io
import pstats
import time
from pathlib import Path


def bench_module():
    """bench/catalogue.py (loaded by path: its name is the catalogue app's)."""
    spec = importlib.util.spec_from_file_location("bench_catalogue", Path(__file__).with_name("catalogue.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime)")
    args = parser.parse_args()

    bench_module().setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False  # a miss is what is profiled
    client = Client()
    assert client.get(args.url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        client.get(args.url)
        total = (time.perf_counter() - start) * 1000
    sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
    print(f"{args.url}: {total:.1f} ms, {len(queries)} queries, {sql:.1f} ms of them SQL")
    for query in queries.captured_queries:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.runs):
        client.get(args.url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
