"""The catalogue list's filters, their facet counts, and what was wrong with the query string.

Within one facet, several values mean "any of them" (two sectors: tools for either);
different facets narrow each other down. A facet's counts keep every *other* filter,
so each option says how many tools a visitor would get by ticking it.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, MultipleChoiceFilter

from catalogue.models import Licence, Platform, SkillLevel, Tool
from editorial.filters import LenientFilterSet

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("name", _("Name")),
    ("newest", _("Newest first")),
]
MULTI_FILTERS = ["sector", "need", "licence", "platform", "language", "level"]


class ToolFilter(LenientFilterSet):
    """Filters of ``/<lang>/catalogue/``. Sectors and needs are passed in (the view needs them too)."""

    query_parameter = "q"

    q = CharFilter(method="filter_q", label=_("Search"))
    sector = MultipleChoiceFilter(method="filter_sector", label=_("Sector"))
    need = MultipleChoiceFilter(method="filter_need", label=_("Need"))
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

    def __init__(self, data=None, queryset=None, *, sectors, needs, **kwargs):
        self.sectors = list(sectors)
        self.needs = list(needs)
        self._sector_ids = {s.slug: s.pk for s in self.sectors}
        self._need_ids = {n.slug: n.pk for n in self.needs}
        super().__init__(data, queryset, **kwargs)

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
        return queryset.matching(value)

    def filter_sector(self, queryset, name, value):
        ids = [self._sector_ids[slug] for slug in value]
        through = Tool.sectors.through.objects.filter(sector_id__in=ids)
        return queryset.filter(pk__in=through.values("tool_id"))

    def filter_need(self, queryset, name, value):
        ids = [self._need_ids[slug] for slug in value]
        through = Tool.needs.through.objects.filter(need_id__in=ids)
        return queryset.filter(pk__in=through.values("tool_id"))

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
            return queryset.with_rank(self.query)
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

    def facets(self) -> list[dict]:
        """Every facet with its options and counts, in six queries whatever the number of options."""
        self.errors  # noqa: B018 - validates the form, so cleaned_data exists
        selected = {name: set(self.clean_data.getlist(name)) for name in MULTI_FILTERS}

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
            ("sector", _("Sector"), by_relation("sector", "sectors", "sector_id", self.sectors)),
            ("need", _("What you need"), by_relation("need", "needs", "need_id", self.needs)),
            ("licence", _("Licence and price"), by_column("licence", "licence", Licence.choices)),
            ("platform", _("Works on"), by_array("platform", "platforms", Platform.choices)),
            ("language", _("Available in"), by_array("language", "interface_languages", settings.LANGUAGES)),
            ("level", _("Skill level"), by_column("level", "skill_level", SkillLevel.choices)),
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
                        "icon": icon,
                        "checked": value in selected[name],
                        "disabled": count == 0 and value not in selected[name],
                    }
                    for value, label, count, icon in options
                ],
            }
            for name, legend, options in facets
        ]
