"""The catalogue list's filters, their facet counts, and what was wrong with the query string.

Within one facet, several values mean "any of them" (two sectors: tools for either);
different facets narrow each other down. A facet's counts keep every *other* filter,
so each option says how many tools a visitor would get by ticking it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, MultipleChoiceFilter

from catalogue.models import Licence, Platform, PriceModel, SkillLevel, Tool
from editorial.filters import LenientFilterSet
from editorial.search import Understood, understand

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("name", _("Name")),
    ("newest", _("Newest first")),
]
MULTI_FILTERS = ["sector", "need", "price", "licence", "platform", "language", "level"]
FACET_LEGENDS = {
    "sector": _("Sector"),
    "need": _("What you need"),
    "price": _("Price"),
    "licence": _("Licence"),
    "platform": _("Works on"),
    "language": _("Available in"),
    "level": _("Skill level"),
}
# Quick refinements offered above the results, at most this many needs for a chosen sector.
SUGGESTED_NEEDS = 4
# Before licence and price were two facts, "licence" also said the price: links shared then
# (licence=free) still find what they found.
LEGACY_LICENCES = {"free": PriceModel.FREE, "freemium": PriceModel.FREEMIUM, "paid": PriceModel.PAID}


class ToolFilter(LenientFilterSet):
    """Filters of ``/<lang>/catalogue/``. Sectors and needs are passed in (the view needs them too)."""

    query_parameter = "q"

    q = CharFilter(method="filter_q", label=_("Search"))
    sector = MultipleChoiceFilter(method="filter_sector", label=_("Sector"))
    need = MultipleChoiceFilter(method="filter_need", label=_("Need"))
    price = MultipleChoiceFilter(choices=PriceModel.choices, method="filter_price", label=_("Price"))
    licence = MultipleChoiceFilter(choices=Licence.choices, method="filter_licence", label=_("Licence"))
    platform = MultipleChoiceFilter(choices=Platform.choices, method="filter_platform", label=_("Platform"))
    language = MultipleChoiceFilter(
        choices=settings.LANGUAGES, method="filter_language", label=_("Available in")
    )
    level = MultipleChoiceFilter(choices=SkillLevel.choices, method="filter_level", label=_("Skill level"))
    sort = ChoiceFilter(choices=SORT_CHOICES, method="filter_sort", label=_("Sort by"), empty_label=None)

    class Meta:
        model = Tool
        fields = []

    def __init__(self, data=None, queryset=None, *, sectors, needs, index=None, **kwargs):
        # With a facet index (catalogue.facets) over the same published tools, the counts are
        # popcounts of its bitsets instead of aggregate queries.
        self.index = index
        self.sectors = list(sectors)
        self.needs = list(needs)
        self._sector_ids = {s.slug: s.pk for s in self.sectors}
        self._need_ids = {n.slug: n.pk for n in self.needs}
        super().__init__(self._without_legacy_licences(data), queryset, **kwargs)

    @staticmethod
    def _without_legacy_licences(data):
        if data is None or not any(value in LEGACY_LICENCES for value in data.getlist("licence")):
            return data
        data = data.copy()
        licences = data.getlist("licence")
        data.setlist("licence", [value for value in licences if value not in LEGACY_LICENCES])
        for value in licences:
            if value in LEGACY_LICENCES:
                data.appendlist("price", LEGACY_LICENCES[value])
        return data

    def set_choices(self):
        self.filters["sector"].extra["choices"] = [(s.slug, s.name) for s in self.sectors]
        self.filters["need"].extra["choices"] = [(n.slug, n.name) for n in self.needs]

    @property
    def sort_order(self) -> str:
        sort = self.clean_data.get("sort", "")
        if sort == "relevance" and not self.query:
            return "name"
        return sort or ("relevance" if self.query else "name")

    # Filters

    def filter_q(self, queryset, name, value):
        return queryset.matching(self.understood)

    def filter_sector(self, queryset, name, value):
        ids = [self._sector_ids[slug] for slug in value]
        through = Tool.sectors.through.objects.filter(sector_id__in=ids)
        return queryset.filter(pk__in=through.values("tool_id"))

    def filter_need(self, queryset, name, value):
        ids = [self._need_ids[slug] for slug in value]
        through = Tool.needs.through.objects.filter(need_id__in=ids)
        return queryset.filter(pk__in=through.values("tool_id"))

    def filter_price(self, queryset, name, value):
        return queryset.filter(price_model__in=value)

    def filter_licence(self, queryset, name, value):
        return queryset.filter(licence__in=value)

    def filter_level(self, queryset, name, value):
        return queryset.filter(skill_level__in=value)

    def filter_platform(self, queryset, name, value):
        return queryset.filter(platforms__overlap=value)

    def filter_language(self, queryset, name, value):
        return queryset.filter(interface_languages__overlap=value)

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.sort_order
        if sort == "relevance":
            return queryset.with_rank(self.understood)
        if sort == "newest":
            return queryset.order_by("-created", "name")
        return queryset.order_by("name")

    # Facet counts

    def _filtered_except(self, excluded: str):
        queryset = self.queryset.all()
        data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name in (excluded, "sort"):
                continue
            queryset = filter_.filter(queryset, data.get(name))
        return queryset.order_by()

    def _choices(self) -> dict[str, list[tuple[str, str, str]]]:
        """Each facet's options: (value, label, icon)."""
        return {
            "sector": [(item.slug, item.name, item.icon) for item in self.sectors],
            "need": [(item.slug, item.name, item.icon) for item in self.needs],
            "price": [(value, label, "") for value, label in PriceModel.choices],
            "licence": [(value, label, "") for value, label in Licence.choices],
            "platform": [(value, label, "") for value, label in Platform.choices],
            "language": [(value, label, "") for value, label in settings.LANGUAGES],
            "level": [(value, label, "") for value, label in SkillLevel.choices],
        }

    def _matches(self) -> int:
        """The index's bits of the tools the search finds (all when there is no search): one query,
        the ranked ids' when the list is in order of relevance."""
        if not self.query:
            return self.index.everything
        if not hasattr(self, "_matched"):
            if self.sort_order == "relevance":
                found = self.ranked_ids()
            else:
                found = self.queryset.matching(self.understood).order_by().ids()
            self._matched = self.index.of_ids(found)
        return self._matched

    def ranked_ids(self) -> list[int]:
        """The ids of every tool the search finds, best match first: one query, each match ranked
        once. The facets take their matches from it, and a page its ids (``FacetIndex.ids_among``),
        so the rank is not computed a second time for a page of twenty."""
        if not hasattr(self, "_ranked"):
            self._ranked = self.queryset.search(self.understood).ids()
        return self._ranked

    @cached_property
    def understood(self) -> Understood:
        """The search as the catalogue reads it (one query, shared by the matches and the rank)."""
        return understand(self.query)

    def _ticked(self) -> dict[str, int]:
        """For each facet with ticks, the bits of the tools with any of them."""
        return {
            name: self.index.any_of(name, values)
            for name in MULTI_FILTERS
            if (values := self.clean_data.getlist(name))
        }

    def indexed_bits(self) -> int:
        """The bits of every tool the list shows (the index's positions, in name order)."""
        bits = self._matches()
        for ticked in self._ticked().values():
            bits &= ticked
        return bits

    def count(self) -> int:
        """How many tools the list shows: a popcount with an index, else a COUNT query."""
        if self.index is None:
            return self.qs.count()
        return self.indexed_bits().bit_count()

    def facets(self) -> list[dict]:
        """Every facet with its options and counts: popcounts of the facet index (no query but
        the search's matching ids), or seven aggregate queries without one."""
        if self.index is None:
            return self.sql_facets()
        self.errors  # noqa: B018 - validates the form, so cleaned_data exists
        matches, ticked = self._matches(), self._ticked()
        facets = []
        for name, options in self._choices().items():
            bits = matches
            for other, other_bits in ticked.items():
                if other != name:
                    bits &= other_bits
            facets.append(
                (
                    name,
                    [
                        (value, label, self.index.count(bits, name, value), icon)
                        for value, label, icon in options
                    ],
                )
            )
        return self._facet_dicts(facets)

    def sql_facets(self) -> list[dict]:
        """Every facet with its options and counts, in seven queries whatever the number of options."""
        self.errors  # noqa: B018 - validates the form, so cleaned_data exists

        def by_relation(name, relation, column, items):
            through = getattr(Tool, relation).through.objects.filter(
                tool_id__in=self._filtered_except(name).values("pk")
            )
            counts = dict(through.values_list(column).annotate(n=Count("tool_id")).order_by())
            return [(item.slug, item.name, counts.get(item.pk, 0), item.icon) for item in items]

        def by_column(name, column, choices):
            rows = self._filtered_except(name).values_list(column).annotate(n=Count("pk"))
            counts = dict(rows)
            return [(value, label, counts.get(value, 0), "") for value, label in choices]

        def by_array(name, column, choices):
            counts = self._filtered_except(name).aggregate(
                **{value: Count("pk", filter=Q(**{f"{column}__contains": [value]})) for value, _l in choices}
            )
            return [(value, label, counts[value], "") for value, label in choices]

        facets = [
            ("sector", by_relation("sector", "sectors", "sector_id", self.sectors)),
            ("need", by_relation("need", "needs", "need_id", self.needs)),
            ("price", by_column("price", "price_model", PriceModel.choices)),
            ("licence", by_column("licence", "licence", Licence.choices)),
            ("platform", by_array("platform", "platforms", Platform.choices)),
            ("language", by_array("language", "interface_languages", settings.LANGUAGES)),
            ("level", by_column("level", "skill_level", SkillLevel.choices)),
        ]
        return self._facet_dicts(facets)

    def _facet_dicts(self, facets) -> list[dict]:
        selected = {name: set(self.clean_data.getlist(name)) for name in MULTI_FILTERS}
        return [
            {
                "name": name,
                "legend": FACET_LEGENDS[name],
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "icon": icon,
                        "checked": value in selected[name],
                        "disabled": count == 0 and value not in selected[name],
                    }
                    for value, label, count, icon in options
                ],
            }
            for name, options in facets
        ]

    # What the page says about the filters, made from the facets (no query of its own)

    def _query_without(self, name: str, value: str) -> str:
        return urlencode(
            [
                (key, item)
                for key in self.clean_data
                for item in self.clean_data.getlist(key)
                if not (key == name and item == value)
            ]
        )

    def _query_with(self, name: str, value: str) -> str:
        items = [(key, item) for key in self.clean_data for item in self.clean_data.getlist(key)]
        return urlencode([*items, (name, value)])

    def active_filters(self, facets: list[dict]) -> list[dict]:
        """One chip per value the list is narrowed by: its facet, its label and the query without it."""
        chips = []
        if self.query:
            chips.append(
                {"legend": _("Search"), "label": self.query, "query": self._query_without("q", self.query)}
            )
        for facet in facets:
            for option in facet["options"]:
                if option["checked"]:
                    chips.append(
                        {
                            "legend": facet["legend"],
                            "label": option["label"],
                            "query": self._query_without(facet["name"], option["value"]),
                        }
                    )
        return chips

    def suggestions(self, facets: list[dict], total: int, language: str) -> list[dict]:
        """One-tap refinements above the results: the commonest needs of a chosen sector, "free",
        and the visitor's own language; only those that narrow the list and still find something."""
        by_name = {facet["name"]: facet for facet in facets}
        picked = []
        if self.clean_data.getlist("sector") and not self.clean_data.getlist("need"):
            needs = sorted(by_name["need"]["options"], key=lambda option: -option["count"])
            picked += [("need", option) for option in needs[:SUGGESTED_NEEDS]]
        for name, value in (("price", PriceModel.FREE), ("language", language)):
            if not self.clean_data.getlist(name):
                picked += [(name, option) for option in by_name[name]["options"] if option["value"] == value]
        return [
            {
                "legend": by_name[name]["legend"],
                "label": option["label"],
                "count": option["count"],
                "query": self._query_with(name, option["value"]),
            }
            for name, option in picked
            if 0 < option["count"] < total
        ]
