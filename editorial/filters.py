"""List filters that forgive: django-filter, with the query string cleaned before it is read.

A shared link with a stale or mistyped filter still shows a list: unknown values are dropped
(and named, escaped and shortened, in one notice), so one bad value never discards the good
ones next to it, and the free-text search is cleaned and bounded by ``editorial.search``.
Every list of the site (the catalogue, courses, articles, providers) filters through this.
"""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext
from django_filters import ChoiceFilter, FilterSet, MultipleChoiceFilter

from editorial.search import MAX_QUERY_LENGTH, clean_query

# How an unknown value is shown in the notice that reports it.
SHOWN_VALUE_LENGTH = 40
SHOWN_VALUES = 5


class LenientFilterSet(FilterSet):
    """A FilterSet whose choice filters accept only their choices and whose ``query_parameter``
    (if any) is a cleaned free-text search.

    Choices are static or set in ``set_choices()`` (from lists the view passes in, so no
    query is spent on them). After construction: ``clean_data`` (the query string as
    understood), ``notices`` (what was ignored, for the page), ``is_filtered``.
    """

    query_parameter: str | None = None

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data if data is not None else QueryDict(), queryset, **kwargs)
        self.set_choices()
        self.notices: list[str] = []
        self.data = self.clean_data = self._clean(self.data)

    def set_choices(self) -> None:
        """Fill in choices that come from the database (``self.filters[name].extra["choices"]``)."""

    def _choice_filters(self):
        for name, filter_ in self.filters.items():
            if isinstance(filter_, (ChoiceFilter, MultipleChoiceFilter)):
                yield name, filter_

    @staticmethod
    def _allowed(filter_) -> set[str]:
        choices = filter_.extra.get("choices", [])
        if callable(choices):
            choices = choices()
        return {str(value) for value, _label in choices}

    def _clean(self, data: QueryDict) -> QueryDict:
        clean = QueryDict(mutable=True)
        unknown = []
        for name, filter_ in self._choice_filters():
            allowed = self._allowed(filter_)
            values = list(dict.fromkeys(data.getlist(name)))
            if not isinstance(filter_, MultipleChoiceFilter):
                values = values[-1:]
            for value in values:
                if value in allowed:
                    clean.appendlist(name, value)
                elif value.strip():
                    unknown.append(value)
        if unknown:
            shown = ", ".join(f"“{value[:SHOWN_VALUE_LENGTH]}”" for value in unknown[:SHOWN_VALUES])
            self.notices.append(
                gettext("Some filters were not recognised and were ignored: %(values)s.") % {"values": shown}
            )
        if self.query_parameter:
            q, truncated = clean_query(data.get(self.query_parameter, ""))
            if truncated:
                self.notices.append(
                    gettext("Your search was too long, so only its first %(limit)d characters were used.")
                    % {"limit": MAX_QUERY_LENGTH}
                )
            if q:
                clean[self.query_parameter] = q
        clean._mutable = False
        return clean

    @property
    def query(self) -> str:
        return self.clean_data.get(self.query_parameter, "") if self.query_parameter else ""

    @property
    def is_filtered(self) -> bool:
        return any(self.clean_data.getlist(name) for name in self.filter_names())

    def filter_names(self) -> list[str]:
        """The parameters that narrow the list (a sort order does not)."""
        return [name for name in self.filters if name != "sort"]


class FilteredListMixin:
    """A ListView filtered by a LenientFilterSet: ``filterset_class`` and the queryset it narrows.

    The page gets ``filterset``, its ``notices`` (for ``editorial/_notices.html``) and
    ``page_query`` (the cleaned query string the page links keep, for
    ``editorial/_pagination.html``). Views add what their filterset needs in
    ``get_filterset_kwargs()`` (the lists it chooses from, passed in so they cost no query).
    """

    filterset_class: type[LenientFilterSet]

    def get_unfiltered_queryset(self):
        """What the filters narrow down (computed per request: "published" may depend on the time)."""
        return super().get_queryset()

    def get_filterset_kwargs(self) -> dict:
        return {}

    def get_filterset(self) -> LenientFilterSet:
        """The request's filterset, kept as ``self.filterset`` (the context reads it)."""
        self.filterset = self.filterset_class(
            self.request.GET, queryset=self.get_unfiltered_queryset(), **self.get_filterset_kwargs()
        )
        return self.filterset

    def get_queryset(self):
        return self.get_filterset().qs

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        return super().get_context_data(
            filterset=filterset, notices=filterset.notices, page_query=filterset.clean_data, **kwargs
        )
