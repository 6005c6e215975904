from importlib import import_module

from django.db import migrations

# editorial_search_rank of migration 0005, comparing the title with the query only where it is
# a title match. An exact title (equal but for case and accents) is one: its words are the
# title's lexemes, weight A, and the query's, or at worst similar enough by trigrams. Migration
# 0005 had every row's title unaccented and compared, and, for tools, its trigram similarity
# computed, before the call: 11 of a search's 30 ms for 1,900 matches. The similarity now comes
# from the trigram index as a set of ids (editorial.search.search_rank). Dropped and created
# again, as its arguments change.
DROP = "DROP FUNCTION IF EXISTS editorial_search_rank(tsvector, tsquery, tsquery, boolean, boolean, boolean);"

RANK = r"""
CREATE FUNCTION editorial_search_rank(
    stored tsvector, q tsquery, typed tsquery, title text, typed_text text, name_similar boolean,
    has_filed boolean
) RETURNS double precision LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    v tsvector := stored || ''::tsvector;  -- a concatenation is a plain, unpacked copy
    tier double precision := 0;
    text_rank double precision := ts_rank(v, q);
BEGIN
    IF name_similar OR ts_filter(v, '{a}') @@ q THEN
        IF unaccent(lower(title)) = unaccent(lower(typed_text)) THEN
            tier := 3;
        ELSE
            tier := 2;
        END IF;
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

DROP_NEW = (
    "DROP FUNCTION IF EXISTS editorial_search_rank(tsvector, tsquery, tsquery, text, text, boolean, boolean);"
)

# As migration 0005 wrote it, for going back.
PREVIOUS = import_module("editorial.migrations.0005_search_rank_reads_the_vector_once").RANK


class Migration(migrations.Migration):
    dependencies = [("editorial", "0005_search_rank_reads_the_vector_once")]

    operations = [migrations.RunSQL(sql=DROP + RANK, reverse_sql=DROP_NEW + PREVIOUS)]
