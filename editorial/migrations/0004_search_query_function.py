from django.db import migrations

# What editorial.search.understood_query() calls: the visitor's words, read as the content's
# words. Each query word becomes the lexicon words it may stand for (itself; for German the
# compounds that contain it; for Slovenian, Croatian and Polish its inflected forms; for a word the
# content never uses, the words one or two letters away); words with none are dropped; the groups
# are AND-ed, as websearch_to_tsquery does. Several words may also be one name written apart.
# Lexemes are matched as they are stored (stemmed and unaccented by the language's configuration).
WORDS = r"""
CREATE OR REPLACE FUNCTION editorial_search_words(
    lang text, lexeme text, surface text, compounds boolean, inflections boolean
) RETURNS text[] LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    stem text := rtrim(lexeme, 'aeiouy');
    -- The stemmer cuts a suffix in a long compound that it keeps in the short word
    -- ("Sammlung": sammlung, "Abfallsammlung": abfallsamml): a part is looked for without it.
    part text := regexp_replace(lexeme, '(ung|heit|keit|lich|isch|end|ig|ik)$', '');
    found text[];
BEGIN
    IF lexeme ~ '^[0-9]+$' THEN
        RETURN ARRAY[lexeme];  -- numbers are not in the lexicon: taken as typed ("Microsoft 365")
    END IF;
    found := ARRAY(SELECT w.word FROM editorial_searchword w WHERE w.language = lang AND w.word = lexeme);
    IF inflections AND length(stem) >= 4 THEN
        -- "blagajna" finds blagajne, blagajni, blagajnom; not the longer words that only begin alike.
        found := found || ARRAY(
            SELECT w.word FROM editorial_searchword w
            WHERE w.language = lang AND w.word LIKE editorial_like_escape(stem) || '%'
              AND length(w.word) <= length(stem) + 3
        );
    END IF;
    IF compounds AND greatest(length(lexeme), length(surface)) >= 4 THEN
        -- "Bauernhof" finds Sozialbauernhof, "Abfall" finds Abfallsammlung.
        IF length(part) < 5 THEN
            part := lexeme;  -- "Buchung" stays buchung, or it would find Buchhaltung
        END IF;
        IF length(part) < 4 AND length(surface) >= 5 THEN
            part := surface;  -- "Daten" stems to dat, too short to look for: daten
        END IF;
        found := found || ARRAY(
            SELECT w.word FROM editorial_searchword w
            WHERE w.language = lang AND w.word LIKE '%' || editorial_like_escape(part) || '%'
        );
    END IF;
    IF cardinality(found) = 0 AND length(lexeme) >= 5 THEN
        -- A word the content never uses: the nearest words (one slip; two from seven letters on,
        -- so that two swapped letters count as one slip).
        found := ARRAY(
            SELECT w.word FROM editorial_searchword w
            WHERE w.language = lang AND w.word % lexeme
              AND levenshtein(w.word, lexeme) <= CASE WHEN length(lexeme) >= 7 THEN 2 ELSE 1 END
            ORDER BY levenshtein(w.word, lexeme), w.word
            LIMIT 5
        );
    END IF;
    RETURN ARRAY(SELECT DISTINCT unnest(found));
END $$;
"""

LIKE_ESCAPE = r"""
CREATE OR REPLACE FUNCTION editorial_like_escape(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT replace(replace(replace(value, '\', '\\'), '%', '\%'), '_', '\_')
$$;
"""

ANY = r"""
CREATE OR REPLACE FUNCTION editorial_search_any(words text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '(' || string_agg(quote_literal(word), ' | ' ORDER BY word) || ')' FROM unnest(words) AS word
$$;
"""

QUERY = r"""
CREATE OR REPLACE FUNCTION editorial_search_query(
    cfg regconfig, lang text, q text, compounds boolean, inflections boolean
) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    -- The words as typed (lower case, unaccented), then each one's lexeme in the language.
    words text[] := ARRAY(
        SELECT t.lexeme FROM unnest(to_tsvector('simple_unaccent', q)) AS t ORDER BY t.positions[1] LIMIT 12
    );
    lexemes text[] := '{}';
    surface text;
    lexeme text;
    found text[];
    groups text[] := '{}';
    joined text[];
    result text;
BEGIN
    FOREACH surface IN ARRAY words LOOP
        lexeme := (SELECT t.lexeme FROM unnest(to_tsvector(cfg, surface)) AS t LIMIT 1);
        CONTINUE WHEN lexeme IS NULL OR lexeme = ANY(lexemes);  -- a stop word, or said twice
        lexemes := lexemes || lexeme;
        found := editorial_search_words(lang, lexeme, surface, compounds, inflections);
        IF cardinality(found) > 0 THEN
            groups := groups || editorial_search_any(found);
        END IF;
    END LOOP;
    IF cardinality(groups) > 0 THEN
        result := array_to_string(groups, ' & ');
    END IF;
    IF cardinality(lexemes) > 1 THEN
        -- "woo comerce", "Google Workspace" written "googleworkspace" the other way round is not handled.
        joined := tsvector_to_array(to_tsvector(cfg, regexp_replace(q, '[^[:alnum:]]+', '', 'g')));
        IF cardinality(joined) = 1 THEN
            found := editorial_search_words(lang, joined[1], joined[1], false, false);
            IF cardinality(found) > 0 THEN
                result := coalesce('(' || result || ') | ', '') || editorial_search_any(found);
            END IF;
        END IF;
    END IF;
    IF result IS NULL THEN
        RETURN websearch_to_tsquery(cfg, q);
    END IF;
    RETURN result::tsquery;
END $$;
"""

# The one ranking (editorial.search.search_rank), per row, with the query passed once: a tier
# (exact name 3, name 2, filed under 1 plus the more specific first, text 0), then shares of the
# rest of the unit: also spoken of in the text, the words as typed, the text rank.
RANK = r"""
CREATE OR REPLACE FUNCTION editorial_search_rank(
    v tsvector, q tsquery, typed tsquery, is_exact boolean, name_similar boolean, has_filed boolean
) RETURNS double precision LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
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

DROP = """
DROP FUNCTION IF EXISTS editorial_search_rank(tsvector, tsquery, tsquery, boolean, boolean, boolean);
DROP FUNCTION IF EXISTS editorial_search_query(regconfig, text, text, boolean, boolean);
DROP FUNCTION IF EXISTS editorial_search_any(text[]);
DROP FUNCTION IF EXISTS editorial_search_words(text, text, text, boolean, boolean);
DROP FUNCTION IF EXISTS editorial_like_escape(text);
"""


class Migration(migrations.Migration):
    """The query side of search (editorial.search.understood_query); the lexicon is filled by triggers."""

    dependencies = [("editorial", "0003_search_lexicon")]

    operations = [migrations.RunSQL(sql=LIKE_ESCAPE + WORDS + ANY + QUERY + RANK, reverse_sql=DROP)]
