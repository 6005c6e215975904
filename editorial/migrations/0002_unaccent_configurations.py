from django.db import migrations

# Each Snowball language gets "<language>_unaccent": its stop words first (so "für" and "à" are
# still dropped), then unaccent, then the stemmer, for the token types that may carry accents.
# ASCII-only tokens keep the stemmer alone (nothing to fold). Idempotent, like 0001.
STEMMED = ["english", "italian", "german", "french"]

FORWARD = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = '{name}_stopwords') THEN
        CREATE TEXT SEARCH DICTIONARY {name}_stopwords (TEMPLATE = simple, STOPWORDS = {name}, ACCEPT = false);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION {name}_unaccent (COPY = {name});
        ALTER TEXT SEARCH CONFIGURATION {name}_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH {name}_stopwords, unaccent, {name}_stem;
    END IF;
END $$;
"""
REVERSE = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}_unaccent;
DROP TEXT SEARCH DICTIONARY IF EXISTS {name}_stopwords;
"""


class Migration(migrations.Migration):
    """Accent folding in every language, keeping the stemmers (see editorial.search.SEARCH_CONFIGS).

    Also the fuzzystrmatch extension: its levenshtein() checks typo candidates (editorial.lexicon).
    """

    dependencies = [("editorial", "0001_search_extensions")]

    operations = [
        migrations.RunSQL(
            sql="CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;",
            reverse_sql="DROP EXTENSION IF EXISTS fuzzystrmatch;",
        ),
        *(
            migrations.RunSQL(sql=FORWARD.format(name=name), reverse_sql=REVERSE.format(name=name))
            for name in STEMMED
        ),
    ]
