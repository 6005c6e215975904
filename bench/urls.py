"""The site's URLs plus the benchmark's bare view (bench.settings only, never in production)."""

from django.http import HttpResponse
from django.urls import path

from wisebusiness import urls as site


def ok(request):
    """The floor of every page: a view that does nothing, behind the same middleware stack."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/ok/", ok, name="bench-ok"), *site.urlpatterns]
handler400 = site.handler400
handler404 = site.handler404
handler500 = site.handler500
