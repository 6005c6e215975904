"""The full-page cache for anonymous visitors, and the content version that keeps it true.

**The content version** is a timestamp that every change to public content moves on: a save,
delete or many-to-many change of any model of ``settings.CONTENT_APPS`` (through the admin, an
import, a restore from history, a management command), minus the visitor data of
``settings.PAGE_CACHE_IGNORED_MODELS``, plus every ``migrate`` (so a deploy starts afresh).
``bulk_create``/``update`` send no signals: code that writes content that way calls
``bump_content_version()`` itself. Beside the version is kept when the next scheduled item
appears (``PublishableQuerySet.next_publication``): the first read after that time moves the
version on too. Both live where every app server sees them: in the shared cache when
``CACHE_URL`` is Redis, else in a stamp file (``settings.CONTENT_VERSION_FILE``) that every
worker of the machine reads.

**A cached page** is a public GET page marked with ``cached_page(view, query=...)`` in its
URLconf. ``PageCacheMiddleware`` answers it from ``caches["pages"]`` when the request has no
session and no messages (logged-in staff, a visitor's shortlist or check-up, a preview: all
bypass), keyed by host, path, the query parameters the page reads (``query``: in name order, empty ones
and unknown ones dropped, so a flood of random query strings maps onto few keys), the gzip
variant and the code's build. An entry is kept only when the page set no cookie and asked for
no CSRF token (a page with a form token is never stored) and is used only while the content
version and the day it was made under are current: after an editor saves, the next request renders anew.

Cached pages say ``Cache-Control: public, max-age=..., stale-while-revalidate=...``, ``Vary:
Cookie, Accept-Encoding``, an ``ETag`` made of the version, the build and the key, and
``Last-Modified`` from the version; a conditional GET whose ``If-None-Match`` matches is
answered ``304`` without looking at the cache. A cache that is down (Redis unreachable) gives
misses: pages render uncached.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import time
from collections.abc import Callable
from functools import cache, lru_cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

VERSION_KEY = "content-version"
#: A query value longer than this, or more values than this for one parameter: served, never cached.
MAX_VALUE_LENGTH = 100
MAX_VALUES = 12
_GZIP = re.compile(r"\bgzip\b")
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Encoding",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Robots-Tag",
    "Link",
)


# The content version ------------------------------------------------------------------------


def next_publication() -> float | None:
    """When the next scheduled item of any content model appears (epoch seconds), or None."""
    times = [
        when
        for model in apps.get_models()
        if model._meta.app_label in settings.CONTENT_APPS and hasattr(model.objects, "next_publication")
        for when in [model.objects.next_publication()]
        if when is not None
    ]
    return min(times).timestamp() if times else None


def content_version() -> int | None:
    """The current content version (nanoseconds since the epoch), or None when it cannot be read
    (the shared cache is down): then nothing is cached or answered from the cache.

    The time of the next scheduled item, kept beside it, counts as a change: the first read
    after that time moves the version on (and looks up the next one).
    """
    record = _read_record()
    if record is None:
        record = _start_record()
        if record is None:
            return None  # Redis is down: IGNORE_EXCEPTIONS turned the calls into misses
    version, upcoming = record
    if upcoming is not None and time.time() >= upcoming:
        return _write_record(time.time_ns(), next_publication())
    return version


def version_stamp(*, daily: bool = False) -> int | tuple[int, datetime.date] | None:
    """The content version, with today's date beside it when ``daily`` (for what the calendar
    alone makes stale); None when the version cannot be read."""
    version = content_version()
    if version is None or not daily:
        return version
    return version, timezone.localdate()


def kept_per_version(compute: Callable[[], object], *, daily: bool = False) -> Callable[[], object]:
    """A function giving ``compute()``'s value, computed once in this process per content version
    (and day, when ``daily``), or None when the version cannot be read (Redis down): nothing kept
    is to be trusted then, and the caller reads what it needs another way."""
    kept: tuple = (None, None)  # (stamp, value), replaced whole

    def current():
        nonlocal kept
        stamp = version_stamp(daily=daily)
        if stamp is None:
            return None
        if kept[0] != stamp:
            kept = (stamp, compute())
        return kept[1]

    return current


def bump_content_version(scheduled: datetime.datetime | None = None) -> int:
    """Move the content version on: every cached page made before is out of date.

    ``scheduled``: when the item just saved appears by itself (keeps no query on the way of a save;
    a time kept for an item since deleted or moved later only costs one early bump).
    """
    previous = _read_record()
    upcoming = previous[1] if previous else None
    if scheduled is not None and (upcoming is None or scheduled.timestamp() < upcoming):
        upcoming = scheduled.timestamp()
    # Strictly later than the version it replaces, even within one clock tick.
    version = max(time.time_ns(), previous[0] + 1) if previous else time.time_ns()
    return _write_record(version, upcoming)


def _start_record() -> tuple[int, float | None] | None:
    """The first record; None when the shared cache takes none (it is down). The schedule is looked
    up only once the record is taken, so an outage costs no query a request."""
    version = time.time_ns()
    if settings.SHARED_CACHE and not caches["default"].add(VERSION_KEY, (version, None), timeout=None):
        return _read_record()  # another process started it first, or Redis is down
    _write_record(version, next_publication())
    return _read_record()


def _read_record() -> tuple[int, float | None] | None:
    """(version, when the next scheduled item appears), or None when there is none."""
    if settings.SHARED_CACHE:
        return caches["default"].get(VERSION_KEY)
    try:
        version, upcoming = Path(settings.CONTENT_VERSION_FILE).read_text().split()
        return int(version), None if upcoming == "-" else float(upcoming)
    except (FileNotFoundError, ValueError):
        return None


def _write_record(version: int, upcoming: float | None) -> int:
    if settings.SHARED_CACHE:
        caches["default"].set(VERSION_KEY, (version, upcoming), timeout=None)
        return version
    path = Path(settings.CONTENT_VERSION_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.write_text(f"{version} {'-' if upcoming is None else upcoming}")
    draft.replace(path)  # atomic: every worker reads the old record or the new one
    return version


def content_changed(scheduled: datetime.datetime | None = None) -> None:
    """Content was written: bump now and again once the transaction commits, so a page rendered
    from the uncommitted state in between is not kept under the new version."""
    bump_content_version(scheduled)
    transaction.on_commit(bump_content_version, robust=True)


@cache
def _ignored_models() -> frozenset[type]:
    return frozenset(apps.get_model(label) for label in settings.PAGE_CACHE_IGNORED_MODELS)


def _is_content(model) -> bool:
    # A migration's historical models ("__fake__") change a schema that may not be complete yet.
    return (
        model._meta.app_label in settings.CONTENT_APPS
        and model.__module__ != "__fake__"
        and model not in _ignored_models()
    )


def on_model_saved_or_deleted(sender, instance, **kwargs) -> None:
    if _is_content(sender):
        scheduled = getattr(instance, "scheduled_for", None)
        content_changed(scheduled() if scheduled else None)


def on_many_to_many_changed(sender, action, **kwargs) -> None:
    # ``sender`` is the link table; an automatic one belongs to the model that declares the field.
    if action.startswith("post_") and _is_content(sender._meta.auto_created or sender):
        content_changed()


def on_migrated(sender, **kwargs) -> None:
    _write_record(time.time_ns(), next_publication())


# The page cache -----------------------------------------------------------------------------


def cached_page(view, *, query=()):
    """``view`` (a public GET page) marked for the page cache; ``query`` names every query
    parameter it reads (any other is dropped before it renders)."""

    @wraps(view)
    def page(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    page.cached_page_query = frozenset(query)
    return page


@cache
def build_stamp() -> str:
    """A digest of the code, templates and translations: a deploy never serves pages of the
    code before it (two machines with the same release share entries)."""
    digest = hashlib.sha1()
    base = Path(settings.BASE_DIR)
    skipped = {".venv", ".data", ".git", "node_modules", "tests", "bench", "__pycache__"}
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in skipped)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".txt", ".mo", ".xml")):
                path = Path(root, name)
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cached_query(request) -> frozenset | None:
    """The query parameters the page of this request reads, or None when it is not a cached page."""
    return _cached_query_of(get_urlconf(), request.path_info)


@lru_cache(maxsize=4096)
def _cached_query_of(urlconf, path: str) -> frozenset | None:
    # Resolving is most of what a hit costs; a path resolves the same way until the URLconf
    # changes (clear_url_caches, which Django calls then, does not know this cache: see below).
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "cached_page_query", None)


def forget_resolved_paths(*, setting, **kwargs) -> None:
    """``setting_changed`` receiver: a test that swaps the URLconf gets its own answers."""
    if setting == "ROOT_URLCONF":
        _cached_query_of.cache_clear()


def _bypasses(request) -> bool:
    """A visitor with state of their own: a session (staff, a shortlist, a check-up), messages,
    credentials."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


def _known_query(request, names: frozenset) -> tuple[str, str] | None:
    """The query string of the parameters the page reads, empty ones dropped: as the visitor
    ordered them (what the page is made from) and in name order (the cache key; the values of
    one name keep their order: a comparison lists its tools as asked). None when a value is too
    long or too many for a page anyone would ask for (served, not cached)."""
    pairs = []
    for name, values in request.GET.lists():
        if name in names:
            values = [value for value in values if value]
            if len(values) > MAX_VALUES or any(len(value) > MAX_VALUE_LENGTH for value in values):
                return None
            pairs += [(name, value) for value in values]
    in_name_order = sorted(pairs, key=lambda pair: pair[0])  # stable: values keep their order
    return urlencode(pairs, safe=","), urlencode(in_name_order, safe=",")


class PageKey:
    """Where a page is kept and what identifies the version of it a visitor holds."""

    def __init__(self, request, query: str, key_query: str, version: int):
        gzip = bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        self.query = query
        identity = f"{request.get_host()}|{request.path}|{key_query}|{'gz' if gzip else 'id'}"
        self.key = hashlib.sha1(identity.encode()).hexdigest()
        self.version = version
        # The day too: "last checked" marks and renewals turn stale by the calendar alone.
        self.valid_for = f"{version}-{build_stamp()}-{timezone.localdate().isoformat()}"
        self.etag = f'W/"{hashlib.sha1(f"{self.key}{self.valid_for}".encode()).hexdigest()[:20]}"'
        self.last_modified = http_date(version // 1_000_000_000)

    def is_current_in(self, request) -> bool:
        """Does the visitor's conditional GET name this version of the page?"""
        if if_none_match := request.META.get("HTTP_IF_NONE_MATCH"):
            return self.etag in parse_etags(if_none_match) or "*" in parse_etags(if_none_match)
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and self.version // 1_000_000_000 <= since


def _public_headers(response, page: PageKey) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    response["ETag"] = page.etag
    response["Last-Modified"] = page.last_modified


def _not_modified(page: PageKey) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    _public_headers(response, page)
    response["X-Cache"] = "hit"
    return response


def patch_private(response):
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def _storable(request, response) -> bool:
    """A page for anyone: 200, no cookie set, no CSRF token asked for, not marked private."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Answer the pages marked ``cached_page`` from the page cache (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = _cached_query(request) if settings.PAGE_CACHE_ENABLED and request.method == "GET" else None
        if names is None:
            return self.get_response(request)
        page = self._page(request, names)
        if page is None:
            # A cached page made for someone in particular (staff, a shortlist): no shared cache keeps it.
            return patch_private(self.get_response(request))
        if page.is_current_in(request):
            return _not_modified(page)
        store = caches["pages"]
        entry = store.get(page.key)
        if entry is not None and entry["valid_for"] == page.valid_for:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"]:
                response[name] = value
            # As CommonMiddleware gives the page when it is made (gunicorn would send it chunked).
            response["Content-Length"] = str(len(response.content))
            _public_headers(response, page)
            response["X-Cache"] = "hit"
            return response
        if request.META.get("QUERY_STRING", "") != page.query:
            # The page is made from what its key holds, so nothing else a visitor put in the
            # address (reflected into links) reaches the others it is served to.
            request.META["QUERY_STRING"] = page.query
            request.GET = QueryDict(page.query)
        response = self.get_response(request)
        if not _storable(request, response):
            return patch_private(response)
        _public_headers(response, page)
        store.set(
            page.key,
            {
                "valid_for": page.valid_for,
                "content": response.content,
                "headers": [(name, response[name]) for name in _KEPT_HEADERS if name in response],
            },
        )
        response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _page(request, names: frozenset) -> PageKey | None:
        if _bypasses(request):
            return None
        query = _known_query(request, names)
        if query is None:
            return None
        try:
            version = content_version()
        except DatabaseError:
            return None  # the database is down: the page below answers 503
        if version is None:
            return None
        return PageKey(request, *query, version)
