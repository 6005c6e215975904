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

DROP = """
DROP FUNCTION IF EXISTS editorial_search_query(regconfig, text, text, boolean, boolean);
DROP FUNCTION IF EXISTS editorial_search_any(text[]);
DROP FUNCTION IF EXISTS editorial_search_words(text, text, text, boolean, boolean);
DROP FUNCTION IF EXISTS editorial_like_escape(text);
"""


class Migration(migrations.Migration):
    """The query side of search (editorial.search.understood_query); the lexicon is filled by triggers."""

    dependencies = [("editorial", "0003_search_lexicon")]

    operations = [migrations.RunSQL(sql=LIKE_ESCAPE + WORDS + ANY + QUERY, reverse_sql=DROP)]
