"""Language-aware PostgreSQL full-text search, shared by tools, lessons and articles.

Each searchable model stores one search vector per language (a generated column,
so PostgreSQL keeps it current on every write, bulk updates and imports included)
with a GIN index. A language's vector is built from that language's text, falling
back to English where a field is not translated yet.

English, Italian, German and French use PostgreSQL's stemmers. Slovenian, Croatian
and Polish have none, so they use ``simple_unaccent`` (created by this app's
migrations): no stemming, but accents are folded, so "sluzba" finds "služba".
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, current_language, localized

SEARCH_CONFIGS = {
    "en": "english",
    "it": "italian",
    "de": "german",
    "fr": "french",
    "sl": "simple_unaccent",
    "hr": "simple_unaccent",
    "pl": "simple_unaccent",
}
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


def translated_text(field: str, language: str):
    """A translated field's text in ``language``, the default language's where it is not translated.

    The one English-fallback expression: the stored search vectors and the search snippets use it.
    """
    if language == DEFAULT_LANGUAGE:
        return F(localized(field, language))
    text = models.TextField()
    return Coalesce(
        NullIf(F(localized(field, language)), Value(""), output_field=text),
        F(localized(field, DEFAULT_LANGUAGE)),
        output_field=text,
    )


def language_vector(language: str, weights: dict[str, str], translated: frozenset[str]):
    """The tsvector expression of one language: each field with its weight (A-D)."""
    config = config_for(language)
    vectors = [
        SearchVector(
            translated_text(field, language) if field in translated else F(field),
            config=config,
            weight=weight,
        )
        for field, weight in weights.items()
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def searchable(*, weights: dict[str, str], translated: set[str]) -> type[models.Model]:
    """An abstract base adding ``search_<lang>`` generated vectors and their GIN indexes.

    ``weights`` maps field names to a rank weight ("A" for names and titles, "B" for
    summaries, "C" for bodies); ``translated`` names the modeltranslation fields among them.
    Subclasses that declare ``Meta`` must inherit it: ``class Meta(Searchable.Meta)``.
    """
    translated = frozenset(translated)
    attrs = {"__module__": __name__}
    indexes = []
    for language in LANGUAGE_CODES:
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


class SearchQuerySet(models.QuerySet):
    """``.search(q)``: rows matching ``q`` in the active language, annotated with ``rank``."""

    def without_vectors(self):
        """Leave the seven search vectors in the database: only searching reads them."""
        return self.defer(*vector_field_names())

    def search(self, q: str, language: str | None = None):
        language = language or current_language()
        query = search_query(q, language)
        vector_name = vector_field_name(language)
        return self.filter(**{vector_name: query}).annotate(rank=SearchRank(F(vector_name), query))


def search_query(q: str, language: str) -> SearchQuery:
    # websearch syntax never raises on unbalanced quotes or stray operators (& | ! :),
    # so any visitor input is a valid query.
    return SearchQuery(q, search_type="websearch", config=config_for(language))
