"""Catalogue benchmark: median server time of the list, a filtered list, searches and a detail page.

Runs in-process with Django's test Client against its own database (``wisebusiness_bench`` on the
same server; never the development data), seeded once with ``manage.py seed_bench``. Prints a table
of timings with each page's query count, the lists right after a change of content, the median
time of each search's SQL alone (the count and the first page, as the list runs them), and the
EXPLAIN plan of each filter and search path.

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


def use_bench_database(name: str = BENCH_DATABASE) -> None:
    """Switch to the bench database ``name``, creating it, or making it again when its migration
    history names migrations this checkout does not have (it was migrated by another branch)."""
    from django.db import connection

    configured = connection.settings_dict["NAME"]
    created = _create_database(name)
    connection.settings_dict["NAME"] = name
    if not created and _foreign_history(connection):
        connection.settings_dict["NAME"] = configured
        _create_database(name, drop=True)
        connection.settings_dict["NAME"] = name


def _create_database(name: str, *, drop: bool = False) -> bool:
    """Create the database (first dropping it when ``drop``); whether it was created."""
    from django.db import connection
    from psycopg2 import sql

    connection.ensure_connection()
    with connection._nodb_cursor() as cursor:
        if drop:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)).as_string(cursor.cursor)
            )
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        created = cursor.fetchone() is None
        if created:
            cursor.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)).as_string(cursor.cursor)
            )
    connection.close()
    return created


def _foreign_history(connection) -> bool:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    replaced = {old for migration in loader.replacements.values() for old in migration.replaces}
    foreign = set(loader.applied_migrations) - set(loader.disk_migrations) - replaced
    connection.close()
    return bool(foreign)


def setup_django() -> None:
    """Django set up for in-process requests against the bench database."""
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


def timed(client, url: str, runs: int) -> tuple[float, int]:
    """The median time of ``url`` over ``runs`` requests and the queries of one of them.

    The first request (not timed) warms the connection and what is kept per process and content
    version (the facet index, the card bodies)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def timed_cold(client, url: str, runs: int) -> float:
    """The median time of ``url`` right after a change of content (a new content version):
    what a cache miss costs, the facet index and the card bodies built again."""
    from editorial.cache import bump_content_version

    client.get(url)
    times = []
    for _ in range(runs):
        bump_content_version()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def explain(queryset) -> str:
    return queryset.explain()


def timed_search(language: str, q: str, runs: int) -> tuple[int, float]:
    """The SQL of one catalogue search, as the list page runs it: the query understood, every
    match's id best first, then the first page's rows."""
    from django.utils import translation

    from catalogue.models import Tool
    from editorial.search import understand

    with translation.override(language):
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            ranked = Tool.objects.published().search(understand(q)).ids()
            Tool.objects.published().for_list().in_order(ranked[:20])
            times.append((time.perf_counter() - start) * 1000)
        return len(ranked), statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tools", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reseed", action="store_true", help="Re-create the synthetic tools.")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
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
    needs_named = list(Tool.needs.field.related_model.objects.values_list("name_en", flat=True)[:1])
    sectors = list(Tool.sectors.field.related_model.objects.values_list("slug", flat=True)[:2])
    needs = list(Tool.needs.field.related_model.objects.values_list("slug", flat=True)[:1])
    pages = [
        ("unfiltered list", "/en/catalogue/"),
        ("two-filter list", f"/hr/catalogue/?sector={sectors[0]}&language=hr"),
        ("four-filter list", f"/hr/catalogue/?sector={sectors[0]}&need={needs[0]}&price=free&platform=web"),
        ("search (de, stemmed)", "/de/catalogue/?q=Rechnung"),
        ("search (hr, accentless)", "/hr/catalogue/?q=sluzba"),
        ("search (misspelt name)", "/en/catalogue/?q=greenplam"),
        ("search (de, need word)", "/de/catalogue/?q=Buchhaltung"),
        ("search (de, compound part)", "/de/catalogue/?q=Haltung"),
        ("search (en, typo)", "/en/catalogue/?q=acounting"),
        ("search (hr, inflected)", "/hr/catalogue/?q=racuna"),
        ("search (two words)", "/it/catalogue/?q=turni%20cucina"),
        ("site search (de)", "/de/search/?q=Buchhaltung"),
        ("site search (en, typo)", "/en/search/?q=acounting"),
        ("site search (it)", "/it/search/?q=fattura"),
        ("tool page", f"/en/catalogue/{tool.slug}/"),
        ("home", "/en/"),
    ]
    client = Client()
    print()
    total, published = Tool.objects.count(), Tool.objects.published().count()
    print(f"{total} tools ({published} published), median of {args.runs} runs")
    print(f"{'page':<26} {'cache off ms':>12} {'queries':>8} {'cache warm ms':>14}  url")
    for label, url in pages:
        settings.PAGE_CACHE_ENABLED = False
        median, queries = timed(client, url, args.runs)
        settings.PAGE_CACHE_ENABLED = True
        warm, _queries = timed(client, url, args.runs)
        print(f"{label:<26} {median:>12.1f} {queries:>8} {warm:>14.1f}  {url}")
    settings.PAGE_CACHE_ENABLED = False
    print(
        f"\nRight after a change of content (the lists build the facet index again; the tool page"
        f" queries what the kept index would tell it), median of {args.runs // 3} runs"
    )
    for label, url in [*pages[:3], pages[-2]]:
        print(f"{label:<26} {timed_cold(client, url, max(args.runs // 3, 1)):>10.1f}  {url}")

    searches = [
        ("de", "Rechnung"),
        ("hr", "sluzba"),
        ("en", "greenplam"),
        ("de", "Buchhaltung"),
        ("de", "Haltung"),
        ("en", "acounting"),
        ("hr", "racuna"),
        ("it", "turni cucina"),
        ("en", needs_named[0]),
    ]
    print(
        "\nSearch SQL alone (the query understood, every match ranked, the first 20 rows),"
        f" median of {args.runs} runs"
    )
    print(f"{'query':<26} {'matches':>8} {'median ms':>10}")
    for language, q in searches:
        matches, median = timed_search(language, q, args.runs)
        print(f"{f'{q} ({language})':<26} {matches:>8} {median:>10.1f}")

    from catalogue.filters import ToolFilter
    from catalogue.models import Need, Sector

    def plan(title, language, querystring):
        from django.http import QueryDict

        with translation.override(language):
            filterset = ToolFilter(
                QueryDict(querystring),  # without the facet index: the plans of the SQL counts
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
    plan("price", "en", "price=free")
    plan("skill level", "en", "level=advanced")
    plan("platform", "en", "platform=android")
    plan("interface language", "en", "language=hr")
    plan("two filters", "hr", f"sector={sectors[0]}&language=hr")
    plan("full-text search (German)", "de", "q=Rechnung")
    plan("full-text search (Croatian, accentless)", "hr", "q=sluzba")
    plan("misspelt name (trigram)", "en", "q=greenplam")
    plan("need word (German)", "de", "q=Buchhaltung")
    plan("compound part (German)", "de", "q=Haltung")
    plan("typo (English)", "en", "q=acounting")
    plan("inflected (Croatian)", "hr", "q=racuna")
    with translation.override("de"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT editorial_search_query('german_unaccent', 'de', 'Haltung', true, false)")
            print(f"\n=== the query as understood: Haltung (de) -> {cursor.fetchone()[0]}")
        print("=== the lexicon look-ups behind it (compound part and typo candidates):")
        with connection.cursor() as cursor:
            for sql in [
                "SELECT word FROM editorial_searchword WHERE language = 'de' AND word LIKE '%haltung%'",
                "SELECT word FROM editorial_searchword WHERE language = 'en' AND word % 'acount'"
                " AND levenshtein(word, 'acount') <= 1",
            ]:
                cursor.execute("EXPLAIN " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))
        print("\n=== site search, articles (de): Buchhaltung")
        from articles.models import Article

        articles = Article.objects.published().search("Buchhaltung", "de").order_by("-rank")[:5]
        print(explain(articles))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM editorial_searchword")
        print(f"\nLexicon: {cursor.fetchone()[0]} words in seven languages")
        cursor.execute("SHOW server_version")
        print(f"\nPostgreSQL {cursor.fetchone()[0]}")


if __name__ == "__main__":
    main()
