"""Search relevance: the pass rate of tests/search/relevance.toml against the demo content.

Runs in its own database (``wisebusiness_relevance`` on the same server; never the development
data), with the demo content loaded (``manage.py load_demo``, idempotent), and prints the pass rate
and every query that fails. ``make bench`` runs it after bench/catalogue.py.

    .venv/bin/python bench/relevance.py
"""

import os
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wisebusiness.settings")
RELEVANCE_DATABASE = os.environ.get("WISE_RELEVANCE_DB", "wisebusiness_relevance")


def use_demo_database(name: str = RELEVANCE_DATABASE) -> None:
    """Switch to the database ``name`` (see bench.catalogue.use_bench_database), migrated and
    with the demo content loaded (also used by bench/http_bench.py for its mixed load)."""
    from django.conf import settings
    from django.core.management import call_command

    from bench.catalogue import use_bench_database

    use_bench_database(name)
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media  # the demo's drawn images and slides, thrown away after
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def main() -> None:
    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    use_demo_database()

    from tests.search.relevance import PASS_RATE, run

    outcome = run()
    print()
    print(outcome.summary())
    print(f"(the tests require at least {PASS_RATE:.0%})")


if __name__ == "__main__":
    main()
