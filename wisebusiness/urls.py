from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from api.errors import json_not_found
from wisebusiness import views
from wisebusiness.site_search import SiteSearchView
from wisebusiness.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    # The open-data API, outside the language prefix (its language is ?lang= or Accept-Language).
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", json_not_found),
]

if settings.SERVE_MEDIA:
    # In production the web server serves MEDIA_ROOT; this is for a laptop or a small install.
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("catalogue/", include("catalogue.urls")),
    path("courses/", include("courses.urls")),
    path("articles/", include("articles.urls")),
    path("mooc/", include("courses.mooc_urls")),
    path("search/", SiteSearchView.as_view(), name="search"),
    path("open-data/", include("api.page_urls")),
    prefix_default_language=True,
)

handler404 = "wisebusiness.views.page_not_found"
handler500 = "wisebusiness.views.server_error"
