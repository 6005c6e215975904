"""The database triggers that keep search data current, installed after every ``migrate``.

Two things a generated column cannot do, because it reads only its own row:

- **Filed under.** A searchable model that declares ``filed_under=("sectors", "needs")`` (see
  ``editorial.search.searchable``) gets a text column per language, ``filed_under_<lang>``, with the
  names of those related rows in that language (English where a name is not translated). Its
  search vectors read it like any other field. Triggers keep it current: a BEFORE trigger on the
  row recomputes it on every insert and update (so a stale value written by a model instance
  that was loaded before a link changed can never stick), and triggers on the link tables and on
  the related tables (a need renamed) touch the rows concerned.
- **The lexicon** (``editorial.models.SearchWord``): every lexeme of every stored search vector,
  per language, added by a statement trigger on each searchable table.

And one thing a migration cannot state once for all: **the vectors stay in their rows.** A search
ranks every match (``editorial_search_rank``), and reads its vector for that. PostgreSQL moves a
row's long values out to its TOAST table once the row passes 2 kB, and a searchable row, with its
texts and a vector in each of seven languages, always does: the rank then read the vector back
through the TOAST index once per use (20 buffer reads a row; 40 ms of a 1,900-match search at
10,000 tools, against 13 ms with the vectors in the row). So every searchable table keeps its
vectors in the row (storage MAIN) and moves nothing out below a full page (``toast_tuple_target``);
bigger rows give up their texts first. Checked after every ``migrate`` (a vector rebuilt by a
migration comes back with the default storage), and the rows are rewritten once when it changed.

Why the database and not signals: links change through the admin, imports, ``bulk_create`` in the
benchmark seed and plain SQL alike, and only triggers see all of them, in the same transaction.

Why after ``migrate`` and not in a migration: the SQL depends on the languages and on the
searchable models, so adding a language (a setting and a migration) must regenerate it. The SQL of
each part is fingerprinted in a comment on its function; a part is re-created (and its data
refilled) only when its SQL changed, so an ordinary ``migrate`` or test-database flush costs a few
look-ups.
"""

import hashlib

from django.apps import apps
from django.db import connections, transaction

from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, localized

LEXICON_FUNCTION = "search_lexicon_add"
FILED_UNDER = "filed_under"


def searchable_models() -> list:
    return [model for model in apps.get_models() if getattr(model, "search_weights", None)]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _name_in(alias: str, field: str, language: str) -> str:
    """A related row's name in ``language``, else English, else the untranslated column."""
    columns = [localized(field, language)]
    if language != DEFAULT_LANGUAGE:
        columns.append(localized(field, DEFAULT_LANGUAGE))
    parts = [f"NULLIF({alias}.{_quote(column)}, '')" for column in columns]
    return f"COALESCE({', '.join(parts)}, {alias}.{_quote(field)}, '')"


def _relation(model, name: str) -> dict:
    """How the rows of one relation are reached from a row of ``model``, in SQL terms."""
    field = model._meta.get_field(name)
    related = field.related_model
    info = {
        "field": name,
        "names_table": related._meta.db_table,
        "names_pk": related._meta.pk.column,
        "name_field": getattr(related, "search_name_field", "name"),
    }
    if field.many_to_many:
        info.update(
            link_table=field.remote_field.through._meta.db_table,
            link_source=field.m2m_column_name(),
            link_target=field.m2m_reverse_name(),
        )
    else:
        info.update(link_table=None, column=field.column)
    return info


def _names_expression(relation: dict, language: str, row: str) -> str:
    name = _name_in("n", relation["name_field"], language)
    names, pk = _quote(relation["names_table"]), _quote(relation["names_pk"])
    if relation["link_table"] is None:
        return f"(SELECT {name} FROM {names} n WHERE n.{pk} = {row}.{_quote(relation['column'])})"
    link = _quote(relation["link_table"])
    return (
        f"(SELECT string_agg({name}, ' ' ORDER BY n.{pk}) FROM {link} l "
        f"JOIN {names} n ON n.{pk} = l.{_quote(relation['link_target'])} "
        f"WHERE l.{_quote(relation['link_source'])} = {row}.{{pk}})"
    )


def filed_under_sql(model) -> str:
    """The functions and triggers that keep ``model.filed_under_<lang>`` current."""
    table = model._meta.db_table
    pk = _quote(model._meta.pk.column)
    relations = [_relation(model, name) for name in model.search_filed_under]
    function = f"search_{FILED_UNDER}_{table}"
    assignments = "\n".join(
        f"    NEW.{_quote(localized(FILED_UNDER, code))} := concat_ws(' ', "
        + ", ".join(_names_expression(r, code, "NEW").replace("{pk}", pk) for r in relations)
        + ");"
        for code in LANGUAGE_CODES
    )
    touch = f"UPDATE {_quote(table)} SET {_quote(localized(FILED_UNDER, DEFAULT_LANGUAGE))} = ''"
    sql = [
        f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{assignments}
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER search_{FILED_UNDER} BEFORE INSERT OR UPDATE ON {_quote(table)}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    ]
    for relation in relations:
        names = _quote(relation["names_table"])
        name_field = relation["name_field"]
        name_columns = [name_field, *(localized(name_field, code) for code in LANGUAGE_CODES)]
        changed = " OR ".join(f"OLD.{_quote(c)} IS DISTINCT FROM NEW.{_quote(c)}" for c in name_columns)
        renamed = f"{function}_{relation['field']}"
        if relation["link_table"] is None:
            column = _quote(relation["column"])
            rows = f"SELECT {pk} FROM {_quote(table)} WHERE {column} = NEW.{_quote(relation['names_pk'])}"
        else:
            link, source = _quote(relation["link_table"]), _quote(relation["link_source"])
            target = _quote(relation["link_target"])
            rows = f"SELECT {source} FROM {link} WHERE {target} = NEW.{_quote(relation['names_pk'])}"
            linked = f"{function}_{relation['field']}_link"
            sql.append(
                f"""
CREATE OR REPLACE FUNCTION {linked}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {touch} WHERE {pk} IN (SELECT {source} FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        {touch} WHERE {pk} IN (SELECT {source} FROM old_rows);
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER {linked}_insert AFTER INSERT ON {link}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {linked}();
CREATE OR REPLACE TRIGGER {linked}_delete AFTER DELETE ON {link}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {linked}();
CREATE OR REPLACE TRIGGER {linked}_update AFTER UPDATE ON {link}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {linked}();
"""
            )
        sql.append(
            f"""
CREATE OR REPLACE FUNCTION {renamed}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {touch} WHERE {pk} IN ({rows});
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER {renamed} AFTER UPDATE ON {names} FOR EACH ROW
    WHEN ({changed}) EXECUTE FUNCTION {renamed}();
"""
        )
    return "".join(sql)


def _lexicon_insert(rows: str) -> str:
    """Add the lexemes of every language's vector of ``rows`` (a table or transition table)."""
    vectors = ", ".join(f"('{code}', r.{_quote(localized('search', code))})" for code in LANGUAGE_CODES)
    return f"""
    INSERT INTO editorial_searchword (language, word)
    SELECT DISTINCT v.language, t.lexeme
    FROM {rows} r, LATERAL (VALUES {vectors}) AS v(language, vector), unnest(v.vector) AS t
    WHERE length(t.lexeme) BETWEEN 2 AND 100 AND t.lexeme !~ '^[0-9]+$'
    ON CONFLICT DO NOTHING;
"""


def lexicon_sql(models) -> str:
    """One function adding the lexemes of the inserted or updated rows, and its triggers."""
    sql = [
        f"""
CREATE OR REPLACE FUNCTION {LEXICON_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{_lexicon_insert("new_rows")}
    RETURN NULL;
END $$;
"""
    ]
    for model in models:
        table = _quote(model._meta.db_table)
        for event in ("INSERT", "UPDATE"):
            sql.append(
                f"CREATE OR REPLACE TRIGGER search_lexicon_{event.lower()} AFTER {event} ON {table}\n"
                f"    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT\n"
                f"    EXECUTE FUNCTION {LEXICON_FUNCTION}();\n"
            )
    return "".join(sql)


def lexicon_fill_sql(models) -> str:
    return "".join(_lexicon_insert(_quote(model._meta.db_table)) for model in models)


def _fingerprint(sql: str) -> str:
    return hashlib.sha256(sql.encode()).hexdigest()[:32]


def _installed_fingerprint(cursor, function: str) -> str | None:
    cursor.execute("SELECT obj_description(to_regprocedure(%s), 'pg_proc')", [f"{function}()"])
    row = cursor.fetchone()
    return row[0] if row else None


def _has_columns(cursor, connection, model, columns: list[str]) -> bool:
    table = model._meta.db_table
    if table not in connection.introspection.table_names(cursor):
        return False
    present = {column.name for column in connection.introspection.get_table_description(cursor, table)}
    return set(columns) <= present


# The largest target PostgreSQL takes (a page less its header): rows up to that stay whole.
ROW_TARGET = 8160


def keep_vectors_in_row(cursor, connection, model, vector_columns: list[str]) -> bool:
    """Store ``model``'s search vectors in its rows (see the module docstring); whether it had to."""
    table = model._meta.db_table
    cursor.execute(
        "SELECT coalesce(%s = ANY(c.reloptions), false),"
        " bool_and(a.attstorage = 'm') FILTER (WHERE a.attname = ANY(%s))"
        " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
        " WHERE c.oid = to_regclass(%s) GROUP BY c.reloptions",
        [f"toast_tuple_target={ROW_TARGET}", vector_columns, _quote(table)],
    )
    target_set, vectors_main = cursor.fetchone()
    if target_set and vectors_main:
        return False
    storage = ", ".join(f"ALTER COLUMN {_quote(column)} SET STORAGE MAIN" for column in vector_columns)
    cursor.execute(f"ALTER TABLE {_quote(table)} SET (toast_tuple_target = {ROW_TARGET}), {storage}")
    # New settings apply to rows written from now on: CLUSTER writes every row again, in a
    # transaction (VACUUM FULL, its twin, cannot run in one).
    constraints = connection.introspection.get_constraints(cursor, table)
    primary_key = next(name for name, about in constraints.items() if about["primary_key"])
    cursor.execute(f"CLUSTER {_quote(table)} USING {_quote(primary_key)}")  # its index's name too
    return True


def install(using: str = "default", *, force: bool = False) -> list[str]:
    """Create or update every search trigger whose SQL changed; returns what was (re)installed."""
    connection = connections[using]
    installed = []
    models = searchable_models()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        vector_columns = [localized("search", code) for code in LANGUAGE_CODES]
        ready = [model for model in models if _has_columns(cursor, connection, model, vector_columns)]
        if "editorial_searchword" not in connection.introspection.table_names(cursor):
            return installed
        for model in ready:
            if not getattr(model, "search_filed_under", ()):
                continue
            columns = [localized(FILED_UNDER, code) for code in LANGUAGE_CODES]
            if not _has_columns(cursor, connection, model, columns):
                continue
            sql = filed_under_sql(model)
            function = f"search_{FILED_UNDER}_{model._meta.db_table}"
            fingerprint = _fingerprint(sql)
            if force or _installed_fingerprint(cursor, function) != fingerprint:
                cursor.execute(sql)
                cursor.execute(f"COMMENT ON FUNCTION {function}() IS '{fingerprint}'")
                # Refill: the BEFORE trigger recomputes every row (and its vectors follow).
                column = _quote(localized(FILED_UNDER, DEFAULT_LANGUAGE))
                cursor.execute(f"UPDATE {_quote(model._meta.db_table)} SET {column} = ''")
                installed.append(function)
        for model in ready:
            if keep_vectors_in_row(cursor, connection, model, vector_columns):
                installed.append(f"{model._meta.db_table} vectors in the row")
        sql = lexicon_sql(ready)
        fingerprint = _fingerprint(sql)
        if ready and (force or _installed_fingerprint(cursor, LEXICON_FUNCTION) != fingerprint):
            cursor.execute(sql)
            cursor.execute(f"COMMENT ON FUNCTION {LEXICON_FUNCTION}() IS '{fingerprint}'")
            cursor.execute(lexicon_fill_sql(ready))
            installed.append(LEXICON_FUNCTION)
    return installed


def install_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver (editorial.apps): the triggers follow the models and languages."""
    install(using)
