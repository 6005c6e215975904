from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Extensions and the text-search configuration used by site search (see wisebusiness.search)."""

    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(
            sql="""
                CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION simple_unaccent
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
            """,
            reverse_sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;",
        ),
    ]
