"""Language-aware PostgreSQL full-text search, shared by tools, lessons and articles.

Each searchable model stores one search vector per language (a generated column,
so PostgreSQL keeps it current on every write, bulk updates and imports included)
with a GIN index. A language's vector is built from that language's text, falling
back to English where a field is not translated yet.

English, Italian, German and French use PostgreSQL's stemmers. Slovenian, Croatian
and Polish have none, so they use ``simple_unaccent`` (created by this app's
migrations): no stemming, but accents are folded, so "sluzba" finds "služba".
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

SEARCH_CONFIGS = {
    "en": "english",
    "it": "italian",
    "de": "german",
    "fr": "french",
    "sl": "simple_unaccent",
    "hr": "simple_unaccent",
    "pl": "simple_unaccent",
}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
FALLBACK_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def active_language() -> str:
    language = (get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return language if language in SEARCH_CONFIGS else FALLBACK_LANGUAGE


def config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIGS[FALLBACK_LANGUAGE])


def vector_field_name(language: str) -> str:
    return f"search_{language}"


def _field_text(field: str, language: str, translated: bool):
    if not translated:
        return F(field)
    if language == FALLBACK_LANGUAGE:
        return F(f"{field}_{language}")
    text = models.TextField()
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value(""), output_field=text),
        F(f"{field}_{FALLBACK_LANGUAGE}"),
        output_field=text,
    )


def language_vector(language: str, weights: dict[str, str], translated: frozenset[str]):
    """The tsvector expression of one language: each field with its weight (A-D)."""
    config = config_for(language)
    vectors = [
        SearchVector(_field_text(field, language, field in translated), config=config, weight=weight)
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


class SearchQuerySet(models.QuerySet):
    """``.search(q)``: rows matching ``q`` in the active language, annotated with ``rank``."""

    def search(self, q: str, language: str | None = None):
        language = language or active_language()
        query = search_query(q, language)
        vector_name = vector_field_name(language)
        return self.filter(**{vector_name: query}).annotate(rank=SearchRank(F(vector_name), query))


def search_query(q: str, language: str) -> SearchQuery:
    # websearch syntax never raises on unbalanced quotes or stray operators (& | ! :),
    # so any visitor input is a valid query.
    return SearchQuery(q, search_type="websearch", config=config_for(language))
