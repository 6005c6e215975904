from django.db.models import Prefetch
from django.utils.translation import gettext, ngettext
from django.views.generic import DetailView, ListView, TemplateView

from catalogue.filters import ToolFilter
from catalogue.models import Need, Sector, Tool
from catalogue.sections import tool_page_sections
from editorial.filters import FilteredListMixin
from editorial.languages import current_language
from editorial.pagination import ForgivingPaginationMixin
from editorial.preview import PreviewMixin

COMPARE_MIN, COMPARE_MAX = 2, 4


class ToolListView(FilteredListMixin, ForgivingPaginationMixin, ListView):
    """``/<lang>/catalogue/``: published tools, filtered (``catalogue.filters.ToolFilter``),
    with facet counts, paginated. Template: ``catalogue/tool_list.html``.

    A fixed number of queries: sectors, needs, six facet counts, the count and the page.
    """

    template_name = "catalogue/tool_list.html"
    context_object_name = "tools"
    paginate_by = 20
    filterset_class = ToolFilter

    def get_unfiltered_queryset(self):
        return Tool.objects.published().for_list()

    def get_filterset_kwargs(self):
        return {"sectors": Sector.objects.all(), "needs": Need.objects.all(), "request": self.request}

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        return super().get_context_data(
            facets=filterset.facets(),
            query=filterset.query,
            sort=filterset.sort_order,
            sort_choices=filterset.filters["sort"].extra["choices"],
            is_filtered=filterset.is_filtered,
            language=current_language(),
            **kwargs,
        )


class ToolDetailView(PreviewMixin, DetailView):
    """``/<lang>/catalogue/<slug>/``: one published tool (a draft with ``?preview=1``), its
    alternatives, and the sections other apps register (``catalogue.sections``: lessons,
    articles, ...), each loaded by one prefetch. Template: ``catalogue/tool_detail.html``."""

    template_name = "catalogue/tool_detail.html"
    context_object_name = "tool"

    def get_queryset(self):
        sections = tool_page_sections()
        return (
            Tool.objects.without_vectors()
            .select_related("organisation")
            .prefetch_related(
                "sectors",
                "needs",
                Prefetch("alternatives", queryset=Tool.objects.published().for_list().order_by("name")),
                *(section.prefetch() for section in sections),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tool = self.object
        language = current_language()
        context.update(
            language=language,
            in_your_language=tool.is_available_in(language),
            json_ld=self.json_ld(tool),
            sections=tool_page_sections(),
        )
        return context

    def json_ld(self, tool) -> dict:
        """schema.org SoftwareApplication data for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "SoftwareApplication",
            "name": tool.name,
            "description": tool.summary,
            "url": self.request.build_absolute_uri(tool.get_absolute_url()),
            "applicationCategory": "BusinessApplication",
            "operatingSystem": ", ".join(str(label) for label in tool.platform_labels()),
            "inLanguage": tool.interface_languages,
            "dateModified": tool.updated.isoformat(),
        }
        if tool.website:
            data["sameAs"] = tool.website
        if tool.logo:
            data["image"] = self.request.build_absolute_uri(tool.logo.url)
        if tool.licence in ("open_source", "free"):
            data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
        return data


class ToolCompareView(TemplateView):
    """``/<lang>/catalogue/compare/?tools=a,b,c``: 2 to 4 published tools side by side.

    Accepts the slugs comma-separated or as repeated ``tools`` parameters (the list page's
    checkboxes). Anything else answers 400 with a message. Template: ``catalogue/compare.html``.
    """

    template_name = "catalogue/compare.html"
    # The tools compared are the page: its hreflang alternates keep them (editorial.context_processors).
    alternate_query = ("tools",)

    def get(self, request, *args, **kwargs):
        slugs = []
        for value in request.GET.getlist("tools"):
            slugs.extend(part.strip() for part in value.split(",") if part.strip())
        slugs = list(dict.fromkeys(slug[:100] for slug in slugs))[:20]
        tools, error = [], ""
        if len(slugs) < COMPARE_MIN:
            error = gettext("Choose at least two tools to compare.")
        elif len(slugs) > COMPARE_MAX:
            error = ngettext(
                "You can compare at most %(max)d tool at a time.",
                "You can compare at most %(max)d tools at a time.",
                COMPARE_MAX,
            ) % {"max": COMPARE_MAX}
        else:
            found = {
                tool.slug: tool
                for tool in Tool.objects.published()
                .filter(slug__in=slugs)
                .without_vectors()
                .prefetch_related("sectors", "needs")
            }
            missing = [slug for slug in slugs if slug not in found]
            if missing:
                error = gettext("We could not find these tools: %(slugs)s.") % {
                    "slugs": ", ".join(f"“{slug[:40]}”" for slug in missing)
                }
            else:
                tools = [found[slug] for slug in slugs]
        context = self.get_context_data(tools=tools, error=error, language=current_language())
        return self.render_to_response(context, status=400 if error else 200)
