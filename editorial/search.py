"""Language-aware PostgreSQL full-text search, shared by tools, lessons and articles.

Each searchable model stores one search vector per language (a generated column,
so PostgreSQL keeps it current on every write, bulk updates and imports included)
with a GIN index. A language's vector is built from that language's text, falling
back along the chain of ``editorial.languages`` (English, then the item's original language)
where a field is not translated yet; a model may also carry the names
of what it is filed under (a tool's sectors and needs, an article's category), kept in
``filed_under_<lang>`` columns by triggers (``editorial.search_triggers``).

Every language folds accents ("Varazdin" finds "Varaždin", "sluzba" finds "služba"):
English, Italian, German and French use ``<language>_unaccent`` (stop words, unaccent,
then PostgreSQL's Snowball stemmer); Slovenian, Croatian and Polish, which have no
stemmer, use ``simple_unaccent``. Both are created by this app's migrations.

A query is read as people write (``understood_query``): each word also stands for the words of
the content it may mean, found in the lexicon of every indexed word (``SearchWord``) — German
compounds that contain it, Slovenian, Croatian and Polish inflected forms, and, for a word the
content never uses, the words one slip away ("shoify": Shopify). ``search_rank`` is the one
ranking: an exact name first, then name matches, then what it is filed under, then the text.
"""

import functools
import re
from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchConfig,
    SearchQuery,
    SearchQueryField,
    SearchVector,
    SearchVectorField,
)
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Case, Count, F, Func, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.db.models.sql import Query

from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, current_language, localized

SEARCH_CONFIGS = {
    "en": "english_unaccent",
    "it": "italian_unaccent",
    "de": "german_unaccent",
    "fr": "french_unaccent",
    "sl": "simple_unaccent",
    "hr": "simple_unaccent",
    "pl": "simple_unaccent",
}
# Languages that glue words into compounds: a query word also finds the compounds containing it.
COMPOUND_LANGUAGES = frozenset({"de"})
# Languages searched without a stemmer: a query word also finds its inflected forms.
INFLECTED_LANGUAGES = frozenset({"sl", "hr", "pl"})
FILED_UNDER = "filed_under"
# The column holding the language an item was written in (editorial.models.Publishable).
ORIGINAL_LANGUAGE = "original_language"
# Longer searches are cut (and the visitor is told): nobody types more, and it bounds the work.
MAX_QUERY_LENGTH = 200
# Characters a query never keeps: PostgreSQL refuses NUL in text, and site search marks its
# snippets' matches with these two private-use characters.
MARK_START = "\ue000"
MARK_STOP = "\ue001"


def config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIGS[DEFAULT_LANGUAGE])


def vector_field_name(language: str) -> str:
    return localized("search", language)


def clean_query(raw: str | None) -> tuple[str, bool]:
    """The query as searched: control characters dropped, spaces collapsed, at most MAX_QUERY_LENGTH.

    Returns ``(query, truncated)``; a query cut at the limit loses its last, half word.
    """
    text = "".join(
        char if char.isprintable() else " " for char in raw or "" if char not in (MARK_START, MARK_STOP)
    )
    query = " ".join(text.split())
    if len(query) <= MAX_QUERY_LENGTH:
        return query, False
    cut = query[:MAX_QUERY_LENGTH]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def translated_text(field: str, language: str, original_language: str | None = ORIGINAL_LANGUAGE):
    """A translated field's text along the fallback chain of ``editorial.languages``.

    ``language``'s text, else English, else the text in the row's own original language (the
    column named ``original_language``; ``None`` for a model without one): an item written in
    Italian alone is indexed, found and shown with its Italian text on every language's site.
    The one fallback expression: the stored search vectors, the exact-name rank and the search
    snippets use it.
    """
    text = models.TextField()
    chain = list(dict.fromkeys([language, DEFAULT_LANGUAGE]))
    parts = [NullIf(F(localized(field, code)), Value(""), output_field=text) for code in chain]
    if original_language:
        parts.append(
            Case(
                *(
                    When(**{original_language: code}, then=F(localized(field, code)))
                    for code in LANGUAGE_CODES
                    if code not in chain
                ),
                default=F(localized(field, DEFAULT_LANGUAGE)),
                output_field=text,
            )
        )
    else:
        parts.append(F(localized(field, DEFAULT_LANGUAGE)))
    return Coalesce(*parts, output_field=text)


@functools.cache
def _own_columns_sql(model, build, args: tuple) -> tuple[str, tuple]:
    query = Query(model)
    expression = build(*args).resolve_expression(query, allow_joins=False)
    sql, params = expression.as_sql(query.get_compiler(DEFAULT_DB_ALIAS), connections[DEFAULT_DB_ALIAS])
    return sql, tuple(params)


def compiled_once(model, build, *args, output_field: models.Field):
    """``build(*args)``, an expression over ``model``'s own columns, as its SQL compiled once per
    process (``RawSQL``, its columns named after the table): for the big expressions a search
    builds for every request, like a field's fallback chain (``translated_text``: a ``Case`` over
    seven languages), which took a search 1 to 3 ms each to resolve and compile. Only for a query
    on ``model``'s own table, not a subquery that aliases it."""
    sql, params = _own_columns_sql(model, build, args)
    return RawSQL(sql, params, output_field=output_field)


def language_vector(language: str, weights: dict[str, str], translated: frozenset[str]):
    """The tsvector expression of one language: each field with its weight (A-D).

    Translated fields follow the fallback chain (``translated_text``); ``filed_under`` reads its
    own per-language column (its names already fall back, in the trigger).
    """
    config = config_for(language)

    def text(field):
        if field == FILED_UNDER:
            return F(localized(FILED_UNDER, language))
        return translated_text(field, language) if field in translated else F(field)

    vectors = [SearchVector(text(field), config=config, weight=weight) for field, weight in weights.items()]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def searchable(
    *,
    weights: dict[str, str],
    translated: set[str],
    title: str,
    filed_under: tuple[str, ...] = (),
) -> type[models.Model]:
    """An abstract base adding ``search_<lang>`` generated vectors and their GIN indexes.

    ``weights`` maps field names to a rank weight: "A" for the name or title (``title``: the
    field whose exact match ranks first), "B" for ``filed_under``, "C" for summaries, "D" for
    bodies; ``translated`` names the modeltranslation fields among them. ``filed_under`` names
    relations (many-to-many or foreign keys to models with a translated ``name``) whose names are
    indexed with the row, in ``filed_under_<lang>`` columns the database keeps current (see
    ``editorial.search_triggers``); put ``"filed_under"`` in ``weights`` to index them.
    Subclasses that declare ``Meta`` must inherit it: ``class Meta(Searchable.Meta)``.
    """
    translated = frozenset(translated)
    attrs = {
        "__module__": __name__,
        "search_weights": dict(weights),
        "search_title": title,
        "search_title_translated": title in translated,
        "search_filed_under": tuple(filed_under),
    }
    indexes = []
    for language in LANGUAGE_CODES:
        if filed_under:
            attrs[localized(FILED_UNDER, language)] = models.TextField(
                editable=False, default="", db_default=""
            )
        name = vector_field_name(language)
        attrs[name] = models.GeneratedField(
            expression=language_vector(language, weights, translated),
            output_field=SearchVectorField(),
            db_persist=True,
            editable=False,
        )
        indexes.append(GinIndex(fields=[name], name=f"%(app_label)s_%(class)s_{name}"))
    attrs["Meta"] = type("Meta", (), {"abstract": True, "indexes": indexes})
    return type("SearchableModel", (models.Model,), attrs)


def vector_field_names() -> list[str]:
    return [vector_field_name(code) for code in LANGUAGE_CODES]


def hidden_field_names() -> list[str]:
    """What a list never shows: the vectors and the filed-under texts of every language."""
    return [*vector_field_names(), *(localized(FILED_UNDER, code) for code in LANGUAGE_CODES)]


def hidden_columns(model, prefix: str = "") -> list[str]:
    """``hidden_field_names()`` that ``model`` has, as ``defer()`` names (``"case_story__search_en"``
    with ``prefix="case_story__"``): for a related row joined by ``select_related``."""
    fields = {field.name for field in model._meta.concrete_fields}
    return [prefix + name for name in hidden_field_names() if name in fields]


class SearchQuerySet(models.QuerySet):
    """``.search(q)``: rows matching ``q`` in the active language, annotated with ``rank``."""

    def ids(self) -> list:
        """The rows' primary keys in the queryset's order, as a plain list: not through
        modeltranslation's ``values_list``, which builds a dict and runs every translated field's
        fallback for each row (20 ms of a search's 1,900 matching ids)."""
        return list(self._unrewritten().values_list("pk", flat=True))

    def count_and_first_ids(self, size: int) -> tuple[int, list]:
        """How many rows there are and the first ``size`` primary keys in the queryset's order, in
        one query (a window count): a preview of the best matches without reading every match's id."""
        ranked = self._unrewritten().annotate(total=Window(Count("*")))
        rows = list(ranked.values_list("pk", "total")[:size])
        return (rows[0][1] if rows else 0), [pk for pk, _ in rows]

    def _unrewritten(self):
        """Without modeltranslation's rewriting of field names, where the queryset has it."""
        return self.rewrite(False) if hasattr(self, "rewrite") else self

    def in_order(self, ids: list) -> list:
        """The rows of ``ids`` in that order (as ``ids()`` ranked them): one query, none for no ids."""
        if not ids:
            return []
        rows = self.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def without_vectors(self):
        """Leave the search vectors (and filed-under texts) in the database: only searching reads them."""
        return self.defer(*hidden_columns(self.model))

    def matching(self, q: "str | Understood", language: str | None = None):
        """Rows whose vector in the visitor's language matches ``q`` as ``understood_query`` reads it."""
        understood = understand(q, language)
        return self.filter(**{vector_field_name(understood.language): understood_query(understood)})

    def with_rank(self, q: "str | Understood", language: str | None = None, *, name_similar: bool = False):
        """Annotate ``rank`` (``search_rank``) and order by it, best first."""
        understood = understand(q, language)
        return self.annotate(rank=search_rank(self.model, understood, name_similar=name_similar)).order_by(
            "-rank"
        )

    def search(self, q: "str | Understood", language: str | None = None):
        understood = understand(q, language)
        return self.matching(understood).with_rank(understood)


# A query with websearch operators ("a phrase", -without, or) is taken as written.
OPERATORS = re.compile(r'"|(?:^|\s)-\w|\s(?:or|OR)\s')


@dataclass(frozen=True)
class Understood:
    """A visitor's query as one language's search reads it (``understand``): the words as typed
    and, unless they use websearch operators, ``editorial_search_query()``'s tsquery as text."""

    q: str
    language: str
    tsquery: str | None


def understand(q: "str | Understood", language: str | None = None) -> Understood:
    """``q`` read as the content's words (editorial migration 0004): one query, made once per
    search and passed on as a constant, so that the search's own statement is planned with it
    (its weighted forms in ``editorial_search_rank`` are then made once, at planning) and the
    kinds of a site search share it. An ``Understood`` is returned as it is."""
    if isinstance(q, Understood):
        return q
    language = language or current_language()
    if as_written(q):
        return Understood(q, language, None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT editorial_search_query(%s::regconfig, %s, %s, %s, %s)::text",
            [
                config_for(language),
                language,
                q,
                language in COMPOUND_LANGUAGES,
                language in INFLECTED_LANGUAGES,
            ],
        )
        (tsquery,) = cursor.fetchone()
    return Understood(q, language, tsquery)


class UnderstoodQuery(SearchQuery):
    """An ``Understood`` tsquery, as a constant."""

    template = "%(expressions)s::tsquery"

    def __init__(self, understood: Understood):
        self.config = SearchConfig(config_for(understood.language))
        self.invert = False
        Func.__init__(self, Value(understood.tsquery), output_field=SearchQueryField())


def as_written(q: str) -> bool:
    """Does ``q`` use websearch operators? Then it is searched exactly as written."""
    return bool(OPERATORS.search(q))


def understood_query(q: "str | Understood", language: str | None = None) -> SearchQuery:
    """The visitor's words as the content's words (see the module docstring)."""
    understood = understand(q, language)
    if understood.tsquery is None:
        return search_query(understood.q, understood.language)
    return UnderstoodQuery(understood)


def search_query(q: str, language: str) -> SearchQuery:
    # websearch syntax never raises on unbalanced quotes or stray operators (& | ! :),
    # so any visitor input is a valid query.
    return SearchQuery(q, search_type="websearch", config=config_for(language))


# A tool name at least this similar to the query's words ("simplybook": SimplyBook.me) is a name match.
NAME_SIMILARITY = 0.6


def similar_titles(model, q: str) -> RawSQL:
    """Is the row's (untranslated) title a NAME_SIMILARITY word match of ``q``? The rows the
    title's trigram index finds (``%>``, whose default threshold is that), once per statement.
    Written as SQL: as a queryset, building it took each search 1.5 ms."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    title = quote(model._meta.get_field(model.search_title).column)
    return RawSQL(
        f"{table}.{pk} IN (SELECT {pk} FROM {table}"
        f" WHERE {title} %%> %s AND word_similarity(%s, {title}) >= %s)",
        (q, q, NAME_SIMILARITY),
        output_field=models.BooleanField(),
    )


def search_rank(model, understood: Understood, *, name_similar: bool = False):
    """The one ranking of search results, ``editorial_search_rank()`` (editorial migration 0007).

    A tier (an exact name 3, a name match 2, what the item is filed under 1, the text 0; within
    the filed-under tier the more specific item first), then shares of the rest of the unit: the
    text also speaks of it, the words as typed (not only their compounds, inflections or
    neighbours), the text rank. ``model`` is searchable (its ``search_title``, weights A for the
    title and B for what it is filed under). ``name_similar`` also counts a title whose trigram
    word similarity to ``q`` reaches NAME_SIMILARITY as a name match (tools: misspelt names):
    the rows the trigram index finds, once per statement, rather than a similarity per match.
    """
    q, language = understood.q, understood.language
    title = (
        compiled_once(model, translated_text, model.search_title, language, output_field=models.TextField())
        if model.search_title_translated
        else F(model.search_title)
    )
    similar = Value(False)
    if name_similar:
        similar = similar_titles(model, q)
    return Func(
        F(vector_field_name(language)),
        understood_query(understood),
        search_query(q, language),
        title,
        Value(q),
        similar,
        Value(bool(model.search_filed_under)),
        function="editorial_search_rank",
        output_field=models.FloatField(),
    )
