import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from redis import RedisError

from catalogue.vocabulary import sectors_and_needs
from editorial.storage import StorageUnavailable, check_object_stores, object_stores
from wisebusiness.redis_cache import ping, uses_redis


class HomeView(TemplateView):
    """The home page: what WISE Business is and where to start. Template: ``home.html``."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        sectors, needs = sectors_and_needs()
        return super().get_context_data(sectors=sectors, needs=needs, json_ld=self.json_ld(), **kwargs)

    def json_ld(self) -> dict:
        """schema.org WebSite (with its search, for a search box in results) and Organization."""
        absolute = self.request.build_absolute_uri
        home = absolute(reverse("home"))
        organisation = absolute("/") + "#organization"
        return {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebSite",
                    "@id": home + "#website",
                    "url": home,
                    "name": settings.SITE_NAME,
                    "inLanguage": self.request.LANGUAGE_CODE,
                    "publisher": {"@id": organisation},
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": absolute(reverse("search")) + "?q={search_term_string}",
                        },
                        "query-input": "required name=search_term_string",
                    },
                },
                {
                    "@type": "Organization",
                    "@id": organisation,
                    "name": settings.SITE_NAME,
                    "url": absolute("/"),
                    "logo": absolute(static("img/favicon.svg")),
                },
            ],
        }


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close()
        return False
    return True


def _health_response(checks: dict[str, bool]) -> JsonResponse:
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if ok else "unreachable" for name, ok in checks.items()})
    response = JsonResponse(body, status=200 if healthy else 503)
    # A probe must see the instance as it is now, never a copy kept by a proxy.
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def healthz(request):
    """Liveness and database check for monitoring: 200 when the database answers, else 503."""
    return _health_response({"database": _database_answers()})


@require_GET
def readyz(request):
    """Readiness for a load balancer: the database, plus Redis and the object storage when
    configured. 503 (with what failed) while any of them is down, so traffic goes elsewhere."""
    checks = {"database": _database_answers()}
    if uses_redis():
        try:
            ping()
            checks["cache"] = True
        except RedisError:
            checks["cache"] = False
    if object_stores():
        try:
            check_object_stores()
            checks["storage"] = True
        except StorageUnavailable:
            checks["storage"] = False
    return _health_response(checks)


@require_GET
def public_media(request, path):
    """A public media file read from the object store (MEDIA_STORAGE=s3 without nginx in front)."""
    try:
        file = default_storage.open(path)
    except (FileNotFoundError, SuspiciousOperation) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # The API is for programs, not for search engines; its documentation page is a page.
        "Allow: /api/v1/docs/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # A plain context: no context processors, no database, nothing that could fail again.
    html = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(html)
