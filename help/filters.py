"""The provider directory's filters and facet counts, like the catalogue's (``catalogue.filters``):
several values within a facet mean "any of them", facets narrow each other down, and each
facet's counts keep every *other* filter."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, MultipleChoiceFilter

from courses.models import Country
from editorial.filters import LenientFilterSet
from help.countries import sorted_countries
from help.models import Provider, ProviderKind, Service

MULTI_FILTERS = ["need", "sector", "tool", "country", "language", "service", "kind"]


class ProviderFilter(LenientFilterSet):
    """Filters of ``/<lang>/help/``. Needs, sectors and tools are passed in by the view."""

    query_parameter = "q"

    q = CharFilter(method="filter_q", label=_("Search"))
    need = MultipleChoiceFilter(method="filter_need", label=_("Need"))
    sector = MultipleChoiceFilter(method="filter_sector", label=_("Sector"))
    tool = MultipleChoiceFilter(method="filter_tool", label=_("Tool"))
    country = MultipleChoiceFilter(choices=Country.choices, method="filter_country", label=_("Country"))
    language = MultipleChoiceFilter(choices=settings.LANGUAGES, method="filter_language", label=_("Language"))
    service = MultipleChoiceFilter(choices=Service.choices, method="filter_service", label=_("Service"))
    kind = MultipleChoiceFilter(choices=ProviderKind.choices, method="filter_kind", label=_("Kind"))

    class Meta:
        model = Provider
        fields = []

    def __init__(self, data=None, queryset=None, *, needs, sectors, tools, **kwargs):
        self.needs, self.sectors, self.tools = list(needs), list(sectors), list(tools)
        self._ids = {
            "need": {item.slug: item.pk for item in self.needs},
            "sector": {item.slug: item.pk for item in self.sectors},
            "tool": {item.slug: item.pk for item in self.tools},
        }
        super().__init__(data, queryset, **kwargs)

    def set_choices(self):
        self.filters["need"].extra["choices"] = [(item.slug, item.name) for item in self.needs]
        self.filters["sector"].extra["choices"] = [(item.slug, item.name) for item in self.sectors]
        self.filters["tool"].extra["choices"] = [(item.slug, item.name) for item in self.tools]

    # Filters

    def filter_q(self, queryset, name, value):
        return queryset.search(value).order_by()

    def _through(self, queryset, relation: str, column: str, slugs):
        ids = [self._ids[relation][slug] for slug in slugs]
        through = getattr(Provider, f"{relation}s").through.objects.filter(**{f"{column}__in": ids})
        return queryset.filter(pk__in=through.values("provider_id"))

    def filter_need(self, queryset, name, value):
        return self._through(queryset, "need", "need_id", value)

    def filter_sector(self, queryset, name, value):
        return self._through(queryset, "sector", "sector_id", value)

    def filter_tool(self, queryset, name, value):
        return self._through(queryset, "tool", "tool_id", value)

    def filter_country(self, queryset, name, value):
        return queryset.filter(countries__overlap=value)

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__overlap=value)

    def filter_service(self, queryset, name, value):
        return queryset.filter(services__overlap=value)

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value)

    # Facet counts

    def _filtered_except(self, excluded: str):
        queryset = self.queryset.all()
        data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name != excluded and data.get(name):
                queryset = filter_.filter(queryset, data.get(name))
        return queryset.order_by()

    def facets(self) -> list[dict]:
        """Every facet with its options and counts: one query per facet, whatever its options."""
        self.errors  # noqa: B018 - validates the form, so cleaned_data exists
        selected = {name: set(self.clean_data.getlist(name)) for name in MULTI_FILTERS}

        def by_relation(name, items):
            through = getattr(Provider, f"{name}s").through.objects.filter(
                provider_id__in=self._filtered_except(name).values("pk")
            )
            counts = dict(through.values_list(f"{name}_id").annotate(n=Count("provider_id")).order_by())
            return [(item.slug, item.name, counts.get(item.pk, 0)) for item in items]

        def by_array(name, column, choices):
            counts = self._filtered_except(name).aggregate(
                **{
                    f"c_{value}": Count("pk", filter=Q(**{f"{column}__contains": [value]}))
                    for value, _l in choices
                }
            )
            return [(value, label, counts[f"c_{value}"]) for value, label in choices]

        def by_column(name, column, choices):
            counts = dict(self._filtered_except(name).values_list(column).annotate(n=Count("pk")))
            return [(value, label, counts.get(value, 0)) for value, label in choices]

        facets = [
            ("need", _("What you need"), by_relation("need", self.needs)),
            ("tool", _("Tool"), by_relation("tool", self.tools)),
            ("service", _("Service"), by_array("service", "services", Service.choices)),
            ("country", _("Works in"), by_array("country", "countries", sorted_countries())),
            ("language", _("Speaks"), by_array("language", "languages", settings.LANGUAGES)),
            ("sector", _("Sector"), by_relation("sector", self.sectors)),
            ("kind", _("Kind"), by_column("kind", "kind", ProviderKind.choices)),
        ]
        return [
            {
                "name": name,
                "legend": legend,
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "checked": value in selected[name],
                        "disabled": count == 0 and value not in selected[name],
                    }
                    for value, label, count in options
                ],
            }
            for name, legend, options in facets
        ]
