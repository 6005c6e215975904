"""Site-wide middleware of the base: refusing malformed input, the database being down, the
object storage being down, the Content-Security-Policy and Permissions-Policy headers,
remembering the reader's language."""

import base64
import codecs
import hashlib
import logging
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import parse_header_parameters

from editorial.errors import bad_request
from editorial.richtext import editor_inline_scripts
from editorial.storage import StorageUnavailable, check_object_stores, object_stores

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page while the database cannot be reached.

    The connection is dropped so that the next request opens a new one: the site
    recovers by itself when the database is back, without a restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if not _database_is_down():
            return None
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response.render()


def _database_is_down() -> bool:
    connection = connections["default"]
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        return True
    return False


# Third-party admin templates carry a few fixed inline attributes; rather than copy those
# templates (and their strings), the admin's policy allows exactly these values by hash
# ('unsafe-hashes' covers attributes only, never an injected <script> or <style>).
ADMIN_INLINE_STYLE_ATTRIBUTES = (
    "visibility:hidden",  # reversion-compare: the first version's "compare from" radio button
    "padding: 0;",  # import-export: the export page's field list
    "font-weight: bold;",  # import-export: its "Select all" label
)
ADMIN_INLINE_EVENT_HANDLERS = (
    "onSelectToggleChange(event)",  # import-export: the export page's "Select all" toggle
)


def csp_hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def admin_content_security_policy() -> str:
    """The site's policy for the admin too, plus the hashes of the inline pieces it needs: the
    rich-text editor's import map and the attributes above. No 'unsafe-inline' anywhere."""
    scripts = " ".join(csp_hash(script) for script in editor_inline_scripts())
    handlers = " ".join(csp_hash(handler) for handler in ADMIN_INLINE_EVENT_HANDLERS)
    styles = " ".join(csp_hash(style) for style in ADMIN_INLINE_STYLE_ATTRIBUTES)
    directives = {
        **_directives(settings.CONTENT_SECURITY_POLICY),
        "script-src": f"'self' {scripts} 'unsafe-hashes' {handlers}",
        "style-src": f"'self' 'unsafe-hashes' {styles}",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _directives(policy: str) -> dict[str, str]:
    pairs = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy (Django 5.2 has no built-in one; 6.0 does) and the
    Permissions-Policy on every response.

    Public pages get ``settings.CONTENT_SECURITY_POLICY`` ('self' only, no inline script or
    style); the admin the same with the hashes of ``admin_content_security_policy``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix):
            response.setdefault("Content-Security-Policy", admin_content_security_policy())
        else:
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RememberLanguageMiddleware:
    """Remember the language of the last page read, so ``/`` opens in it next time.

    The language switcher is made of plain links (crawlable, no form, no JavaScript);
    the choice is kept in Django's language cookie, which LocaleMiddleware reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        cookie_name = settings.LANGUAGE_COOKIE_NAME
        if language and response.status_code < 400 and request.COOKIES.get(cookie_name) != language:
            response.set_cookie(
                cookie_name,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


# A percent sign that does not start an escape ("%zz", a trailing "%"): no browser sends one.
_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _clean_text(raw: str | bytes, *, escaped: bool) -> bool:
    """Is ``raw`` (a WSGI string, latin-1 bytes as characters, or bytes) UTF-8 text without NUL,
    with only well-formed percent escapes when ``escaped``?"""
    data = raw if isinstance(raw, bytes) else raw.encode("latin-1", errors="replace")
    if escaped:
        text = data.decode("latin-1")
        if _BROKEN_ESCAPE.search(text):
            return False
        data = unquote_to_bytes(text.replace("+", " "))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def request_charset_ok(request) -> bool:
    """A request body is read as UTF-8: a form naming any other charset ("utf-7") is refused."""
    content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    charset = params.get("charset")
    if charset is None:
        return True
    if content_type in FORM_CONTENT_TYPES:
        return charset.lower() == "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _has_nul(pairs) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in pairs)


def _malformed_head(request) -> str | None:
    meta = request.META
    if "\x00" in request.path_info:
        return "path"
    if not _clean_text(meta.get("QUERY_STRING", ""), escaped=True):
        return "query string"
    if any(
        key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value for key, value in meta.items()
    ):
        return "header"
    return None


def _malformed_body(request) -> str | None:
    if not request_charset_ok(request):
        return "charset"
    try:
        if request.content_type == "application/x-www-form-urlencoded":
            return None if _clean_text(request.body, escaped=True) else "form data"
        if request.content_type == "multipart/form-data":
            if _has_nul(request.POST.lists()):
                return "form data"
            names = ((key, [file.name or "" for file in files]) for key, files in request.FILES.lists())
            return "file name" if _has_nul(names) else None
    except (BadRequest, SuspiciousOperation, MultiPartParserError, OSError):
        return "form data"
    return None


def malformed_input(request) -> str | None:
    """What is wrong with this request's path, query string, headers, cookies or form data, if anything.

    PostgreSQL refuses NUL in text (a 500 wherever a value reaches a query), and nothing a
    browser sends holds a NUL, undecodable bytes or a broken escape: such a request is
    answered 400 here, once, before any view, filter or form reads it.
    """
    problem = _malformed_head(request)
    if problem is None and request.method not in ("GET", "HEAD", "OPTIONS"):
        problem = _malformed_body(request)
    return problem


class MalformedRequestMiddleware:
    """Refuse, with a clear 400 page, a request whose input cannot be text (see ``malformed_input``).

    One mechanism for every view, filter and form (the admin's included), so none of them
    has to guard its own parameters against NUL bytes and broken encodings. Placed right
    after SecurityMiddleware: nothing below it (sessions, CSRF, django-axes) reads a bad value.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING_LENGTH:
            # Web servers cap the request line anyway (gunicorn at 4 KB); the development server
            # does not, and every language link of the page would repeat the query.
            response = bad_request(request)
            response.status_code = 414
            return response
        problem = malformed_input(request)
        if problem is not None:
            logger.info(
                "Refused a request with malformed %s: %s", problem, request.META.get("PATH_INFO", "")[:200]
            )
            return bad_request(request)
        return self.get_response(request)


class StorageUnavailableMiddleware:
    """Answer 503 with a clear message while the object storage cannot be reached.

    An upload is refused before the view runs when a bucket does not answer; should the
    store fail during the save itself, the exception rolls back the admin's transaction and
    lands here. Either way nothing is half-saved. Pages that only link to media never ask
    the store (their URLs are computed), so they keep rendering.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not object_stores() or not request.FILES:
            return None
        try:
            check_object_stores()
        except StorageUnavailable as error:
            return self._unavailable(request, error)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, StorageUnavailable):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, error):
        logger.error("Object storage unavailable: %s", error)
        if request.path.startswith("/admin/"):
            from django.contrib import admin

            context = {**admin.site.each_context(request), "request_path": request.get_full_path()}
            response = TemplateResponse(request, "admin/storage_unavailable.html", context, status=503)
        else:
            response = TemplateResponse(request, "storage_unavailable.html", status=503)
        response["Retry-After"] = "60"
        return response.render()
