from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Extensions and the text-search configuration used by search (see editorial.search).

    Idempotent: databases made before this base existed ran the same steps as another app's migration."""

    initial = True
    dependencies = []
    # The same step, applied under its old app: a database migrated before the base existed
    # counts this one as applied, and the content apps' first migrations stay consistent.
    replaces = [("wisebusiness", "0001_search_extensions")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(
            sql="""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
                        CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
                        ALTER TEXT SEARCH CONFIGURATION simple_unaccent
                            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
                    END IF;
                END $$;
            """,
            reverse_sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;",
        ),
    ]
