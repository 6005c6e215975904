from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from catalogue import cards, finder
from catalogue.facets import facet_index, tool_page_relations
from catalogue.filters import ToolFilter
from catalogue.forms import OutdatedReportForm
from catalogue.marks import share_card_png
from catalogue.models import LANGUAGE_COUNTRIES, PriceModel, Tool
from catalogue.sections import load_sections, section_stylesheets, tool_page_sections
from catalogue.shortlist import MAX_TOOLS, Shortlist, clean_slugs, published_in_order
from catalogue.vocabulary import sectors_and_needs
from editorial.filters import FilteredListMixin
from editorial.languages import current_language
from editorial.pagination import ForgivingPaginationMixin
from editorial.preview import PreviewMixin, wants_preview
from editorial.protection import RateLimitedFormMixin


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class ShortlistMixin:
    """The visitor's shortlist in the context: ``shortlisted`` (slugs) and ``shortlist_count``."""

    def get_shortlist(self) -> Shortlist:
        if not hasattr(self, "_shortlist"):
            self._shortlist = Shortlist(self.request.session)
        return self._shortlist

    def get_context_data(self, **kwargs):
        slugs = self.get_shortlist().slugs
        kwargs.setdefault("shortlisted", set(slugs))
        kwargs.setdefault("shortlist_count", len(slugs))
        return super().get_context_data(**kwargs)


def filter_choices(request) -> dict:
    """What ``ToolFilter`` chooses from and counts with: the facet index and its sectors and
    needs, so they cost no query of their own."""
    index = facet_index()
    return {"sectors": index.sectors, "needs": index.needs, "index": index, "request": request}


def tool_filter(request) -> ToolFilter:
    return ToolFilter(request.GET, queryset=Tool.objects.published().for_list(), **filter_choices(request))


def show_label(count: int) -> str:
    return ngettext("Show %(count)d tool", "Show %(count)d tools", count) % {"count": count}


class IndexedResults:
    """What the list's paginator pages through: the count from the facet index, and a page by
    one query, of the ids read off the index in name order or in the search's order of relevance
    (``ToolFilter.ranked_ids``), or of the filtered queryset's own order (newest first). The
    filtered queryset is only built for that last case: building it costs a search 8 ms."""

    def __init__(self, filterset: ToolFilter):
        self.filterset = filterset
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.filterset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Tool]:
        filterset, index = self.filterset, self.filterset.index
        if filterset.sort_order == "name":
            ids = index.ids_at(filterset.indexed_bits(), key.start or 0, key.stop)
        elif filterset.sort_order == "relevance" and index is not None:
            ids = index.ids_among(filterset.ranked_ids(), filterset.indexed_bits(), key.start or 0, key.stop)
        else:
            return list(filterset.qs[key])
        rows = Tool.objects.published()
        # Cards all rendered already for this version: only what is around them is read.
        kept = cards.all_kept(ids, current_language(), version=index.version)
        return (rows.only(*cards.CARD_FRAME_FIELDS) if kept else rows.for_list()).in_order(ids)


class ToolListView(ShortlistMixin, FilteredListMixin, ForgivingPaginationMixin, ListView):
    """``/<lang>/catalogue/``: published tools, filtered (``catalogue.filters.ToolFilter``),
    results first: the count, the active filters as removable chips and one-tap refinements,
    then the cards; the filters in a panel that opens on demand. Template: ``catalogue/tool_list.html``.

    A fixed number of queries: sectors, needs, seven facet counts, the count and the page
    (and the session, for a visitor who has one).
    """

    template_name = "catalogue/tool_list.html"
    context_object_name = "tools"
    paginate_by = 20
    filterset_class = ToolFilter

    def get_unfiltered_queryset(self):
        return Tool.objects.published().for_list()

    def get_filterset_kwargs(self):
        return filter_choices(self.request)

    def get_queryset(self):
        return IndexedResults(self.get_filterset())

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        facets = filterset.facets()
        context = super().get_context_data(
            facets=facets,
            query=filterset.query,
            sort=filterset.sort_order,
            sort_choices=filterset.filters["sort"].extra["choices"],
            is_filtered=filterset.is_filtered,
            language=current_language(),
            content_version=filterset.index.version,
            **kwargs,
        )
        total = context["paginator"].count
        context.update(
            chips=filterset.active_filters(facets),
            suggestions=filterset.suggestions(facets, total, context["language"]),
            show_label=show_label(total),
            json_ld=self.json_ld(context["page_obj"]),
        )
        return context

    def json_ld(self, page) -> dict:
        """schema.org ItemList of the tools on this page."""
        return {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "numberOfItems": page.paginator.count,
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": page.start_index() + index,
                    "url": absolute(self.request, tool.get_absolute_url()),
                    "name": tool.name,
                }
                for index, tool in enumerate(page.object_list)
            ],
        }


class ToolCountsView(View):
    """``/<lang>/catalogue/counts/?<filters>``: what the list would show, as JSON, for the filter
    panel's live counts (``catalogue.js``): the total, the submit button's words and every option's count.
    The same filterset as the list, so the numbers are the ones the page will show."""

    def get(self, request):
        filterset = tool_filter(request)
        total = filterset.count()
        facets = {
            facet["name"]: {option["value"]: option["count"] for option in facet["options"]}
            for facet in filterset.facets()
        }
        counts = {count for options in facets.values() for count in options.values()}
        return JsonResponse(
            {
                "count": total,
                "label": show_label(total),
                "facets": facets,
                # What a screen reader hears after each number, in the right plural form.
                "texts": {
                    count: ngettext("(%(counter)s tool)", "(%(counter)s tools)", count) % {"counter": count}
                    for count in counts
                },
            }
        )


def offers(tool: Tool, request) -> dict:
    """schema.org Offer: a zero price where a WISE can start for free, else the price model."""
    offer = {"@type": "Offer", "priceCurrency": "EUR", "url": absolute(request, tool.get_absolute_url())}
    if tool.price_model in (PriceModel.FREE, PriceModel.FREEMIUM):
        offer["price"] = "0"
    if tool.price_model:
        offer["category"] = tool.get_price_model_display()
    if tool.price_note:
        offer["description"] = tool.price_note
    return offer


_blank_report_fields: dict[str, str] = {}


def blank_report_fields(language: str) -> str:
    """The fields of an empty "report outdated information" form in ``language``, as HTML: they
    depend on nothing else (labels and choices change with a deploy, which restarts the process)."""
    if language not in _blank_report_fields:
        _blank_report_fields[language] = mark_safe(
            "".join(field.as_field_group() for field in OutdatedReportForm())
        )
    return _blank_report_fields[language]


class ToolDetailView(ShortlistMixin, PreviewMixin, DetailView):
    """``/<lang>/catalogue/<slug>/``: one published tool (a draft with ``?preview=1``): the first
    actions (its website, the shortlist), its facts and costs, nonprofit offers, alternatives, the
    "report outdated information" form and the sections other apps register (``catalogue.sections``:
    lessons, articles, ...), a query for each with rows for the tool. Sectors, needs, offers and
    alternatives: ``catalogue.facets.tool_page_relations``. Template: ``catalogue/tool_detail.html``."""

    template_name = "catalogue/tool_detail.html"
    context_object_name = "tool"

    def get_queryset(self):
        return Tool.objects.without_vectors().select_related("organisation")

    def get_object(self, queryset=None):
        # A body kept for this version (catalogue.cards): only what is around it is read.
        self.kept_body = None
        if not wants_preview(self.request):
            self.kept_body = cards.TOOL_PAGE_BODIES.kept(
                (self.kwargs[self.slug_url_kwarg], current_language())
            )
        if self.kept_body is not None:
            queryset = Tool.objects.only(*cards.TOOL_PAGE_FRAME_FIELDS)
        tool = super().get_object(queryset)
        # The sections' rows of this one tool, a query for each that has any (catalogue.sections).
        load_sections(tool, self.request)
        return tool

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tool = self.object
        language = current_language()
        report_form = kwargs.get("report_form") or OutdatedReportForm()
        context.update(
            language=language,
            in_your_language=tool.is_available_in(language),
            in_shortlist=tool.slug in context["shortlisted"],
            kept_body=self.kept_body,
            **({} if self.kept_body else tool_page_relations(tool, language)),
            # Offers of other countries stay on screen but off the printed sheet.
            visitor_country=LANGUAGE_COUNTRIES.get(language, ""),
            report_form=report_form,
            # The empty form is the same on every tool page in a language: its fields rendered once.
            report_fields="" if report_form.is_bound else blank_report_fields(language),
            share_image=tool.logo.url if tool.logo else reverse("catalogue:tool-card", args=[tool.slug]),
            page_url=absolute(self.request, tool.get_absolute_url()),
            json_ld=self.json_ld(tool),
            sections=tool_page_sections(),
            section_stylesheets=section_stylesheets(tool_page_sections()),
        )
        return context

    def json_ld(self, tool) -> dict:
        """schema.org SoftwareApplication data for search engines (every tool has ``offers``)."""
        data = {
            "@context": "https://schema.org",
            "@type": "SoftwareApplication",
            "name": tool.name,
            "description": tool.summary,
            "url": absolute(self.request, tool.get_absolute_url()),
            "applicationCategory": "BusinessApplication",
            "operatingSystem": ", ".join(str(label) for label in tool.platform_labels()),
            "inLanguage": tool.interface_languages,
            "dateModified": tool.updated.isoformat(),
            "offers": offers(tool, self.request),
        }
        if tool.website:
            data["sameAs"] = tool.website
        if tool.logo:
            data["image"] = absolute(self.request, tool.logo.url)
        return data


class ToolCardView(View):
    """``/<lang>/catalogue/<slug>/card.png``: the share picture (``og:image``) of a published tool
    without a logo: its monogram and name. Drawn on request; browsers and networks keep it a day."""

    def get(self, request, slug):
        tool = get_object_or_404(Tool.objects.published().only("name", "slug"), slug=slug)
        response = HttpResponse(
            share_card_png(tool.name, tool.slug, settings.SITE_NAME), content_type="image/png"
        )
        response["Cache-Control"] = "public, max-age=86400"
        return response


class CompareTableMixin(ShortlistMixin):
    def compare_context(self, tools, **extra) -> dict:
        return {
            "tools": tools,
            "slugs": ",".join(tool.slug for tool in tools),
            "language": current_language(),
            **extra,
        }


class ToolCompareView(CompareTableMixin, TemplateView):
    """``/<lang>/catalogue/compare/?tools=a,b,c``: published tools side by side (the shareable
    link of a shortlist). Accepts the slugs comma-separated or as repeated ``tools`` parameters;
    unknown, unpublished and more than 20 tools are left out with a notice, and a link with
    no tool left answers 400. Template: ``catalogue/compare.html``.
    """

    template_name = "catalogue/compare.html"
    # The tools compared are the page: its hreflang alternates keep them (editorial.context_processors).
    alternate_query = ("tools",)

    def get(self, request, *args, **kwargs):
        asked = request.GET.getlist("tools")
        slugs = clean_slugs(asked)
        tools = published_in_order(slugs)
        notices = []
        missing = [slug for slug in slugs if slug not in {tool.slug for tool in tools}]
        if missing:
            notices.append(
                gettext("We could not find these tools, so they are left out: %(slugs)s.")
                % {"slugs": ", ".join(f"“{slug[:40]}”" for slug in missing[:5])}
            )
        if sum(part.count(",") + 1 for part in asked if part.strip()) > MAX_TOOLS:
            notices.append(
                ngettext(
                    "Only the first %(max)d tool is compared.",
                    "Only the first %(max)d tools are compared.",
                    MAX_TOOLS,
                )
                % {"max": MAX_TOOLS}
            )
        context = self.get_context_data(**self.compare_context(tools, notices=notices))
        return self.render_to_response(context, status=200 if tools else 400)


class ShortlistView(CompareTableMixin, TemplateView):
    """``/<lang>/catalogue/shortlist/``: the visitor's shortlist, compared, with its shareable link
    and a print button. POST changes it (``action`` = add, remove, add-all or clear; ``tool`` or
    ``tools``; ``next``), with or without JavaScript: a form post is redirected back to ``next``,
    a ``fetch`` asking for JSON gets the new state. Template: ``catalogue/shortlist.html``."""

    template_name = "catalogue/shortlist.html"

    def get(self, request, *args, **kwargs):
        tools = self.get_shortlist().tools()
        share = (
            absolute(request, reverse("catalogue:tool-compare")) + f"?tools={','.join(t.slug for t in tools)}"
        )
        context = self.get_context_data(**self.compare_context(tools, share_url=share if tools else ""))
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        shortlist = self.get_shortlist()
        action = request.POST.get("action", "")
        slug = request.POST.get("tool", "")
        full = False
        if action in ("add", "remove"):
            tool = get_object_or_404(Tool.objects.published().only("slug"), slug=slug[:100])
            if action == "add":
                full = not shortlist.add(tool)
            else:
                shortlist.remove(tool.slug)
        elif action == "add-all":
            shortlist.add_many(published_in_order(clean_slugs(request.POST.getlist("tools"))))
        elif action == "clear":
            shortlist.clear()
        else:
            return HttpResponse(
                gettext("Unknown action."), status=400, content_type="text/plain; charset=utf-8"
            )
        message = ""
        if full:
            message = ngettext(
                "Your shortlist is full (%(max)d tool): remove one first.",
                "Your shortlist is full (%(max)d tools): remove one first.",
                MAX_TOOLS,
            ) % {"max": MAX_TOOLS}
        if "application/json" in request.headers.get("Accept", ""):
            count = len(shortlist)
            kept = slug in shortlist
            return JsonResponse(
                {
                    "in_shortlist": kept,
                    "button_label": gettext("Remove from my shortlist")
                    if kept
                    else gettext("Add to my shortlist"),
                    "count": count,
                    "link_label": ngettext("My shortlist (%(counter)s)", "My shortlist (%(counter)s)", count)
                    % {"counter": count},
                    "full": full,
                    "message": message,
                }
            )
        if message:
            messages.warning(request, message)
        return HttpResponseRedirect(self.next_url())

    def next_url(self) -> str:
        target = self.request.POST.get("next", "")
        if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("catalogue:shortlist")


class FinderView(ShortlistMixin, TemplateView):
    """``/<lang>/catalogue/start/``: "Start here", one question per page (``catalogue.finder``),
    each answer a link; the last one shows at most three tools with why they fit.
    Unknown answers are dropped (the question is asked again). Template: ``catalogue/finder.html``."""

    template_name = "catalogue/finder.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sectors, needs = sectors_and_needs()
        answers = finder.Answers.from_query(self.request.GET, sectors=sectors, needs=needs)
        steps = finder.steps(sectors, needs)
        question = answers.next_question
        context.update(
            answers=answers,
            step=steps[question] if question else None,
            step_number=(finder.Answers.NAMES.index(question) + 1) if question else None,
            step_total=len(finder.Answers.NAMES),
            options=[
                (label, icon, answers.as_query(**{question: value}))
                for value, label, icon in steps[question].options
            ]
            if question
            else [],
            given=[
                (
                    steps[name].question,
                    finder.answer_label(answers, name, sectors, needs),
                    answers.as_query(**{name: ""}),
                )
                for name in answers.answered
            ],
            back=answers.as_query(**{answers.answered[-1]: ""}) if answers.answered else None,
            recommendations=[]
            if question
            else finder.recommend(answers, sectors=sectors, needs=needs, language=current_language()),
            catalogue_query=self.catalogue_query(answers),
        )
        return context

    @staticmethod
    def catalogue_query(answers) -> str:
        """The same question asked of the whole catalogue (sector, need, free)."""
        items = [
            (name, getattr(answers, name))
            for name in ("sector", "need")
            if getattr(answers, name) not in ("", finder.ANY)
        ]
        if answers.budget == "free":
            items += [("price", PriceModel.FREE), ("price", PriceModel.FREEMIUM)]
        return urlencode(items)


class ReportOutdatedView(RateLimitedFormMixin, FormView):
    """``/<lang>/catalogue/<slug>/report/``: "report outdated information" about a published tool.

    The report goes to the tool's organisation (the admin's "reports of outdated information",
    scoped to it); nothing is shown on the site. Honeypot, bounded fields and a rate limit per
    address (editorial.protection). Template: ``catalogue/report_form.html``.
    """

    form_class = OutdatedReportForm
    template_name = "catalogue/report_form.html"
    rate_limit_group = "catalogue-report"
    rate_limit_rate = "5/10m"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.tool = get_object_or_404(Tool.objects.published().for_list(), slug=kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(tool=self.tool, **kwargs)

    def form_valid(self, form):
        with transaction.atomic():
            report = form.save(commit=False)
            report.tool = self.tool
            report.language = current_language()
            report.save()
        messages.success(
            self.request,
            gettext("Thank you. The partner who looks after %(name)s will check what you wrote.")
            % {"name": self.tool.name},
        )
        return redirect(self.tool)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
