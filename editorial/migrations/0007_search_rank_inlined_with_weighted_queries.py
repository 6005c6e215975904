from importlib import import_module

from django.db import migrations

# editorial_search_rank of migration 0006, written as one SQL expression that PostgreSQL inlines
# into the query, and asking "does the title (weight A) match?" with the query's words restricted
# to that weight ('rechnung':A) instead of filtering a copy of the vector (ts_filter) per row.
# editorial.search now passes the understood query as a constant, so the weighted queries are
# made once, when the statement is planned. For the 1,900 matches of a search this takes the rank
# from 12-15 ms to 4-8 ms: PL/pgSQL's call per row and the filtered copies were most of it.
# ts_rank's normalisation 32 is rank / (rank + 1), as before. STABLE, not IMMUTABLE: unaccent()
# is, and an inlined body may not be less stable than its function.
WEIGHTED = r"""
CREATE FUNCTION editorial_tsquery_weighted(q tsquery, weights text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(q::text, '(''(?:[^'']|'''')*'')(?::(\*?)[A-D]*)?', '\1:\2' || weights, 'g')::tsquery
$$;
"""

RANK = r"""
CREATE OR REPLACE FUNCTION editorial_search_rank(
    stored tsvector, q tsquery, typed tsquery, title text, typed_text text, name_similar boolean,
    has_filed boolean
) RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
            WHEN name_similar OR stored @@ editorial_tsquery_weighted(q, 'A') THEN
                CASE WHEN unaccent(lower(title)) = unaccent(lower(typed_text)) THEN 3.0::float8 ELSE 2.0 END
            WHEN has_filed AND stored @@ editorial_tsquery_weighted(q, 'B') THEN
                1 + 0.3 / (1 + length(ts_filter(stored, '{b}')) / 5.0::float8)
            ELSE 0.0
        END
        + CASE WHEN stored @@ editorial_tsquery_weighted(q, 'CD') THEN 0.4::float8 ELSE 0.0 END
        + CASE WHEN stored @@ typed THEN 0.15::float8 ELSE 0.0 END
        + 0.14 * ts_rank(stored, q, 32)
$$;
"""

DROP_WEIGHTED = "DROP FUNCTION IF EXISTS editorial_tsquery_weighted(tsquery, text);"
DROP_RANK = (
    "DROP FUNCTION IF EXISTS editorial_search_rank(tsvector, tsquery, tsquery, text, text, boolean, boolean);"
)

# As migration 0006 wrote it, for going back.
PREVIOUS = import_module("editorial.migrations.0006_search_rank_compares_title_matches_only").RANK


class Migration(migrations.Migration):
    dependencies = [("editorial", "0006_search_rank_compares_title_matches_only")]

    operations = [
        migrations.RunSQL(sql=WEIGHTED + RANK, reverse_sql=DROP_RANK + PREVIOUS + DROP_WEIGHTED),
    ]
