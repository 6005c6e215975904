"""Catalogue benchmark: median server time of the list, a filtered list, a search and a detail page.

Runs in-process with Django's test Client against its own database (``wisebusiness_bench`` on the
same server; never the development data), seeded once with ``manage.py seed_bench``. Prints a table
of timings and the EXPLAIN plan of each filter and search path.

    .venv/bin/python bench/catalogue.py [--tools 10000] [--runs 30] [--reseed]
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wisebusiness.settings")

BENCH_DATABASE = os.environ.get("WISE_BENCH_DB", "wisebusiness_bench")


def use_bench_database() -> None:
    from django.db import connection
    from psycopg2 import sql

    connection.ensure_connection()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE])
        if cursor.fetchone() is None:
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE))
            cursor.execute(create.as_string(cursor.cursor))
    connection.close()
    connection.settings_dict["NAME"] = BENCH_DATABASE


def timed(client, url: str, runs: int) -> tuple[float, int]:
    client.get(url)  # warm up caches and the connection
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), response.status_code


def explain(queryset) -> str:
    return queryset.explain()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tools", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reseed", action="store_true", help="Re-create the synthetic tools.")
    args = parser.parse_args()

    import django

    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    # As in the tests: {% static %} without a collectstatic run (same cost: a dictionary look-up).
    # (override_settings, not an assignment: stores already looked up while the apps loaded are reset.)
    from django.test import override_settings

    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    use_bench_database()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from catalogue.models import Tool

    call_command("migrate", verbosity=0)
    if args.reseed or Tool.objects.filter(slug__startswith="bench-").count() != args.tools:
        print(f"Seeding {args.tools} tools into {BENCH_DATABASE} …", flush=True)
        call_command("seed_bench", tools=args.tools)

    tool = Tool.objects.published().order_by("slug").first()
    sectors = list(Tool.sectors.field.related_model.objects.values_list("slug", flat=True)[:2])
    needs = list(Tool.needs.field.related_model.objects.values_list("slug", flat=True)[:1])
    pages = [
        ("unfiltered list", "/en/catalogue/"),
        ("two-filter list", f"/hr/catalogue/?sector={sectors[0]}&language=hr"),
        ("four-filter list", f"/hr/catalogue/?sector={sectors[0]}&need={needs[0]}&licence=free&platform=web"),
        ("search (de, stemmed)", "/de/catalogue/?q=Rechnung"),
        ("search (hr, accentless)", "/hr/catalogue/?q=sluzba"),
        ("search (misspelt name)", "/en/catalogue/?q=greenplam"),
        ("detail page", f"/en/catalogue/{tool.slug}/"),
    ]
    client = Client()
    print()
    total, published = Tool.objects.count(), Tool.objects.published().count()
    print(f"{total} tools ({published} published), median of {args.runs} runs")
    print(f"{'page':<26} {'median ms':>10}  url")
    for label, url in pages:
        median, _status = timed(client, url, args.runs)
        print(f"{label:<26} {median:>10.1f}  {url}")

    from catalogue.filters import ToolFilter
    from catalogue.models import Need, Sector

    def plan(title, language, querystring):
        from django.http import QueryDict

        with translation.override(language):
            filterset = ToolFilter(
                QueryDict(querystring),
                queryset=Tool.objects.published(),
                sectors=Sector.objects.all(),
                needs=Need.objects.all(),
            )
            print(f"\n=== {title}: ?{querystring} ({language})")
            print("-- the page (first 20, in order):")
            print(explain(filterset.qs[:20]))
            print("-- all matches (what the count and the facets scan):")
            print(explain(filterset.qs.order_by()))

    plan("sector", "en", f"sector={sectors[0]}")
    plan("need", "en", f"need={needs[0]}")
    plan("licence", "en", "licence=free")
    plan("skill level", "en", "level=advanced")
    plan("platform", "en", "platform=android")
    plan("interface language", "en", "language=hr")
    plan("two filters", "hr", f"sector={sectors[0]}&language=hr")
    plan("full-text search (German)", "de", "q=Rechnung")
    plan("full-text search (Croatian, accentless)", "hr", "q=sluzba")
    plan("misspelt name (trigram)", "en", "q=greenplam")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"\nPostgreSQL {cursor.fetchone()[0]}")


if __name__ == "__main__":
    main()
