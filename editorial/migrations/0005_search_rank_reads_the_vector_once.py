from importlib import import_module

from django.db import migrations

# editorial_search_rank of migration 0004, reading its vector once: PL/pgSQL keeps an argument as
# it came, and a vector compressed or moved out of its row (editorial.search_triggers keeps them
# in, up to a page) was fetched and unpacked again by each of its five uses. Dropped and created
# again, as its argument changes name.
DROP = "DROP FUNCTION IF EXISTS editorial_search_rank(tsvector, tsquery, tsquery, boolean, boolean, boolean);"

RANK = r"""
CREATE FUNCTION editorial_search_rank(
    stored tsvector, q tsquery, typed tsquery, is_exact boolean, name_similar boolean, has_filed boolean
) RETURNS double precision LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    v tsvector := stored || ''::tsvector;  -- a concatenation is a plain, unpacked copy
    tier double precision := 0;
    text_rank double precision := ts_rank(v, q);
BEGIN
    IF is_exact THEN
        tier := 3;
    ELSIF name_similar OR ts_filter(v, '{a}') @@ q THEN
        tier := 2;
    ELSIF has_filed AND ts_filter(v, '{b}') @@ q THEN
        tier := 1 + 0.3 / (1 + length(ts_filter(v, '{b}')) / 5.0);
    END IF;
    IF ts_filter(v, '{c,d}') @@ q THEN
        tier := tier + 0.4;
    END IF;
    IF v @@ typed THEN
        tier := tier + 0.15;
    END IF;
    RETURN tier + 0.14 * text_rank / (1 + text_rank);
END $$;
"""

# As migration 0004 wrote it, for going back.
PREVIOUS = import_module("editorial.migrations.0004_search_query_function").RANK


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_search_query_function")]

    operations = [migrations.RunSQL(sql=DROP + RANK, reverse_sql=DROP + PREVIOUS)]
