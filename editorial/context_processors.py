from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override


def on_site(path: str) -> str:
    """``path`` as a path on this site: one leading slash, never ``//host`` or ``/\\host`` (which
    browsers read as another site), whatever the request's raw path was."""
    return "/" + path.lstrip("/\\")


def in_language(request, path: str, code: str) -> str:
    """``path``, this request's page, in language ``code``: reversed from the request's own
    resolution (``translate_url`` would resolve the path again for each language)."""
    match = request.resolver_match
    if match is None or match.url_name is None:
        return translate_url(path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            return reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path


def site(request):
    """Site-wide context: the site name, and this page in every language.

    ``page_in_languages`` feeds both the language switcher (which keeps the query
    string, so a filtered list stays filtered) and the hreflang alternates (which
    do not: each language version has one canonical address).
    """
    current = get_language()
    # Links built from the request path (an error page's included) must stay on this site.
    full_path = on_site(request.get_full_path())
    path = on_site(request.path)
    # A view whose page is defined by its query (the comparison of some tools) names the
    # parameters its alternates keep in ``alternate_query``; other alternates have none.
    view_class = getattr(getattr(request.resolver_match, "func", None), "view_class", None)
    kept = urlencode(
        [
            (name, value)
            for name in getattr(view_class, "alternate_query", ())
            for value in request.GET.getlist(name)
        ]
    )
    # The full path in another language is its path's with the query put back: one reverse per
    # language, not two, when the path is the one the alternates use.
    full_path_path, question_mark, query = full_path.partition("?")
    languages = []
    for code, _name in settings.LANGUAGES:
        translated = in_language(request, path, code)
        translated_full = translated if full_path_path == path else translate_url(full_path_path, code)
        languages.append(
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "url": translated_full + question_mark + query,
                "alternate_url": request.build_absolute_uri(translated + (f"?{kept}" if kept else "")),
                "current": code == current,
            }
        )
    return {"SITE_NAME": settings.SITE_NAME, "page_in_languages": languages}
