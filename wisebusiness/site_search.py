"""One search over tools, lessons, articles and providers: /<lang>/search/?q=

Each kind of content keeps its own ``.search(q)`` queryset method (the stored per-language
vectors of editorial.search; the catalogue adds misspelt-name matching). This module only
asks each of them, in the visitor's language, and groups the answers by kind, with counts
and a highlighted snippet per result.

Snippets come from PostgreSQL's ts_headline, run on the text with its HTML tags removed. The
matches are marked with two private-use characters rather than "<mark>", so that the whole
snippet can be HTML-escaped in Python first and the marks turned into <mark> afterwards:
nothing an editor wrote (or a visitor typed) reaches the page as markup.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchHeadline
from django.core.paginator import Paginator
from django.db.models import Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from articles.models import Article
from catalogue.models import Tool
from courses.models import Lesson
from editorial.languages import shown_language
from editorial.search import (
    MARK_START,
    MARK_STOP,
    MAX_QUERY_LENGTH,
    Understood,
    clean_query,
    compiled_once,
    config_for,
    translated_text,
    understand,
    understood_query,
)
from help.models import Provider

PREVIEW_SIZE = 5  # results per kind on the grouped page
PAGE_SIZE = 20  # results per page when one kind is shown on its own
TAG_PATTERN = r"<[^>]*>"


@dataclass
class Group:
    """The results of one kind of content."""

    kind: str
    count: int
    results: list
    show_all_url: str = ""
    page: object = None


def highlight(snippet: str | None) -> str:
    """A ts_headline result as safe HTML: everything escaped except our <mark> elements."""
    if not snippet:
        return ""
    text = escape(" ".join(html.unescape(snippet).split()))
    # Balance the marks even if the text itself was cut between a start and a stop.
    opened = False
    parts = []
    for char in text:
        if char == MARK_START and not opened:
            parts.append("<mark>")
            opened = True
        elif char == MARK_STOP and opened:
            parts.append("</mark>")
            opened = False
        elif char not in (MARK_START, MARK_STOP):
            parts.append(char)
    if opened:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # escaped above; only <mark> added


def _plain_text(expression):
    """Tags out (a tag becomes a space), our mark characters out."""
    text = TextField()
    without_tags = Func(
        expression, Value(TAG_PATTERN), Value(" "), Value("g"), function="regexp_replace", output_field=text
    )
    return Func(
        without_tags, Value(MARK_START + MARK_STOP), Value(""), function="translate", output_field=text
    )


def snippet_document(fields: tuple[str, ...], language: str):
    """The text a snippet is cut from: the translated fields in ``language`` (the fallback chain
    of ``translated_text``) joined by a dash, their tags removed."""
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" \u2014 "))
        parts.append(Coalesce(translated_text(name, language), Value(""), output_field=TextField()))
    return _plain_text(Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0])


def headline(model, understood: Understood, fields: tuple[str, ...]):
    """A SearchHeadline over ``model``'s translated fields, in the language's text-search configuration."""
    language = understood.language
    return SearchHeadline(
        compiled_once(model, snippet_document, fields, language, output_field=TextField()),
        understood_query(understood),
        config=config_for(language),
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


@dataclass(frozen=True)
class Kind:
    """One kind of content: its public rows, with what the results template needs joined; the
    order of its matches after their rank; the fields its snippet is cut from."""

    rows: Callable[[], QuerySet]
    order: tuple[str, ...]
    snippet_fields: tuple[str, ...]

    def ranked(self, q: "str | Understood", language: str | None = None) -> QuerySet:
        """The rows matching ``q``, best first (each model's own ``.search()``)."""
        return self.rows().search(q, language).order_by("-rank", *self.order)


KINDS = {
    # The catalogue's own search and order: misspelt names, an exact name first, then by name.
    "tools": Kind(
        rows=lambda: Tool.objects.published().without_vectors(),
        order=("name",),
        snippet_fields=("summary", "description"),
    ),
    "lessons": Kind(
        rows=lambda: Lesson.objects.published().select_related("course"),
        order=("course__title", "order", "pk"),
        snippet_fields=("body",),
    ),
    "articles": Kind(
        rows=lambda: Article.objects.published().select_related("category"),
        order=("-published_at", "pk"),
        snippet_fields=("summary", "body"),
    ),
    "providers": Kind(
        rows=lambda: Provider.objects.published().without_vectors(),
        order=("name",),
        snippet_fields=("summary", "description"),
    ),
}


def search_groups(q: str, language: str | None = None, *, kind: str | None = None, page=None) -> list[Group]:
    """Results of ``q`` grouped by kind (tools, lessons, articles), each with its count.

    Without ``kind``: every kind with its first PREVIEW_SIZE results. With ``kind``: that kind
    alone, paginated. Per kind, one query ranks every match (the count and the first ids, best
    first; for one kind, every id, which the paginator pages through) and one reads the shown
    rows by id with their snippets (none when nothing matched), without the search: what
    PostgreSQL ran once is not built again for a page of rows.
    """
    understood = understand(q, language)  # once, for every kind and snippet
    language = understood.language
    groups = []
    for name, found in KINDS.items():
        if kind and name != kind:
            continue
        snippet_fields = found.snippet_fields
        ranked = found.ranked(understood)
        if kind:
            ranked_ids = ranked.ids()
            count, page_obj = len(ranked_ids), Paginator(ranked_ids, PAGE_SIZE).get_page(page)
            ids = list(page_obj.object_list)
        else:
            page_obj = None
            count, ids = ranked.count_and_first_ids(PREVIEW_SIZE)
        rows = found.rows()
        results = (
            rows.annotate(snippet=headline(rows.model, understood, snippet_fields)).in_order(ids)
            if ids
            else []
        )
        group = Group(kind=name, count=count, results=results, page=page_obj)
        for result in group.results:
            result.snippet_html = highlight(result.snippet)
            result.snippet_lang = snippet_language(result, snippet_fields, language)
            if name == "lessons":
                # Goes into a translated sentence ("Lesson of “…”"), in the language it is shown in.
                course = result.course
                result.course_title_html = format_html(
                    '<span lang="{}">{}</span>', shown_language(course, "title", language), course.title
                )
        group.show_all_url = show_all_url(name, q)
        groups.append(group)
    return groups


def snippet_language(result, fields: list[str], language: str) -> str:
    """The language a snippet is shown in: the fallback chain's where its fields are not translated.

    When its fields are shown in different languages, the last one's (the long text a snippet
    mostly comes from) is taken.
    """
    shown = [shown_language(result, name, language) for name in fields if getattr(result, name, "")]
    return shown[-1] if shown else language


def show_all_url(kind: str, q: str) -> str:
    """Tools and providers: their own lists, filtered by the query. Lessons, articles: this page, one kind."""
    if kind == "tools":
        return f"{reverse('catalogue:tool-list')}?{urlencode({'q': q})}"
    if kind == "providers":
        return f"{reverse('help:provider-list')}?{urlencode({'q': q})}"
    return f"{reverse('search')}?{urlencode({'q': q, 'kind': kind})}"


class SiteSearchView(TemplateView):
    """/<lang>/search/?q=...[&kind=tools|lessons|articles][&page=N]. Template: ``search/results.html``.

    An empty query shows the search box and some ideas; a very long one is cut (and the page
    says so); anything else, hostile input included, is a query like any other.
    """

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q, truncated = clean_query(self.request.GET.get("q", ""))
        kind = self.request.GET.get("kind")
        if kind not in KINDS:
            kind = None
        groups = search_groups(q, kind=kind, page=self.request.GET.get("page")) if q else []
        context.update(
            query=q,
            truncated=truncated,
            max_length=MAX_QUERY_LENGTH,
            kind=kind,
            groups=groups,
            total=sum(group.count for group in groups),
            page_query=QueryDict(urlencode({"q": q, "kind": kind})) if kind else None,
        )
        return context
