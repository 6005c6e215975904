from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve

from api.errors import json_not_found
from editorial.admin import view_on_site
from editorial.auth import EditorLoginForm, EditorPasswordResetView, admin_page_context
from editorial.cache import cached_page
from wisebusiness import views
from wisebusiness.site_search import SiteSearchView
from wisebusiness.sitemaps import SITEMAPS

# The admin's login refuses over-long user names before django-axes would store them.
admin.site.login_form = EditorLoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # A sitemap index: one bounded section per kind of page (editorial.sitemaps.TranslatedSitemap.limit),
    # so no request renders the whole site.
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached_page(sitemap_views.sitemap, query=["p"]),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    # Password reset for editors: Django's views, linked from the admin's login page.
    path("admin/password_reset/", EditorPasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="editorial/registration/password_reset_done.html",
            extra_context=admin_page_context(),
        ),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=admin_page_context()),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=admin_page_context()),
        name="password_reset_complete",
    ),
    # Before the admin's own "View on site" shortcut, which would redirect to any object.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    # The open-data API, outside the language prefix (its language is ?lang= or Accept-Language).
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", json_not_found),
]

if settings.SERVE_MEDIA:
    # In production the web server serves the public media (MEDIA_ROOT, or the bucket behind
    # /media/); this is for a laptop or a small install.
    media_view = (
        (cache_control(public=True, max_age=86400)(serve), {"document_root": settings.MEDIA_ROOT})
        if settings.MEDIA_STORAGE == "local"
        else (views.public_media, {})
    )
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", *media_view))

urlpatterns += i18n_patterns(
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("catalogue/", include("catalogue.urls")),
    path("courses/", include("courses.urls")),
    path("articles/", include("articles.urls")),
    path("mooc/", include("courses.mooc_urls")),
    path("check-up/", include("checkup.urls")),
    path("help/", include("help.urls")),
    path("search/", cached_page(SiteSearchView.as_view(), query=["q", "kind", "page"]), name="search"),
    path("open-data/", include("api.page_urls")),
    prefix_default_language=True,
)

handler400 = "editorial.errors.bad_request"
handler404 = "wisebusiness.views.page_not_found"
handler500 = "wisebusiness.views.server_error"
