import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.template.response import TemplateResponse
from django.utils import translation

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


class ContentSecurityPolicyMiddleware:
    """Send the site's Content-Security-Policy (Django 5.2 has no built-in one; 6.0 does).

    The admin is left out: its widgets use inline styles that a strict policy would break.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
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
