"""Security headers on public pages and in the admin; the trusted-proxy and plain-http health rules."""

import json
import re

import pytest
import reversion
from django.contrib.auth import get_user_model

from editorial.middleware import csp_hash
from tests.catalogue.factories import ToolFactory
from tests.courses.factories import AttachmentFactory, LessonFactory
from tests.wisebusiness.test_settings import run_python

pytestmark = pytest.mark.django_db

# Executable inline scripts: data blocks (application/json, ld+json) are never run, so the CSP
# does not govern them.
INLINE_SCRIPT = re.compile(
    r'<script(?![^>]*\ssrc=)(?![^>]*\stype="application/(?:ld\+)?json")[^>]*>(.*?)</script>', re.S
)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""")
EVENT_HANDLER = re.compile(r"""\son[a-z]+=(?:"([^"]*)"|'([^']*)')""")


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_policy_allows_the_page(response):
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    html = response.content.decode()
    assert not STYLE_ELEMENT.search(html), "an inline <style> element"
    for script in INLINE_SCRIPT.findall(html):
        assert csp_hash(script) in policy["script-src"], f"inline script not allowed: {script[:80]}"
    for match in EVENT_HANDLER.finditer(html):
        handler = match.group(1) or match.group(2)
        assert csp_hash(handler) in policy["script-src"], f"inline handler not allowed: {handler}"
    for match in STYLE_ATTRIBUTE.finditer(html):
        style = match.group(1) or match.group(2)
        assert csp_hash(style) in policy["style-src"], f"inline style not allowed: {style}"


@pytest.mark.parametrize(
    "url", ["/en/", "/en/catalogue/", "/it/search/?q=odoo", "/robots.txt", "/en/no-such-page/"]
)
def test_public_pages_have_a_strict_policy_and_no_device_features(client, url):
    response = client.get(url)
    assert_policy_allows_the_page(response)
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "a-password-1")
    client.force_login(user)
    return client


def test_the_admin_login_page_has_the_policy_too(client):
    response = client.get("/admin/login/")
    assert_policy_allows_the_page(response)
    assert "Permissions-Policy" in response


def test_every_admin_page_is_allowed_by_its_policy_without_unsafe_inline(superuser_client):
    with reversion.create_revision():
        tool = ToolFactory(slug="odoo", logo="catalogue/logos/odoo.png")
    with reversion.create_revision():
        tool.name = "Odoo ERP"
        tool.save()
    lesson = LessonFactory()
    AttachmentFactory(lesson=lesson)
    urls = [
        "/admin/",
        "/admin/catalogue/tool/",
        "/admin/catalogue/tool/add/",
        f"/admin/catalogue/tool/{tool.pk}/change/",
        f"/admin/catalogue/tool/{tool.pk}/history/",
        "/admin/catalogue/tool/import/",
        "/admin/catalogue/tool/export/",
        "/admin/catalogue/tool/recover/",
        f"/admin/courses/lesson/{lesson.pk}/change/",
        "/admin/courses/course/add/",
        "/admin/articles/article/add/",
        "/admin/organisations/translationstatus/",
        "/admin/password_change/",
    ]
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert_policy_allows_the_page(response)
    # The pages do carry the pieces the hashes are for.
    change_form = superuser_client.get(f"/admin/catalogue/tool/{tool.pk}/change/").content.decode()
    assert '<script type="importmap">' in change_form
    tool_list = superuser_client.get("/admin/catalogue/tool/").content.decode()
    assert 'class="wise-logo-thumb"' in tool_list


def test_the_editor_import_map_is_allowed_by_its_hash(superuser_client):
    response = superuser_client.get("/admin/articles/article/add/")
    [importmap] = INLINE_SCRIPT.findall(response.content.decode())
    assert "django-prose-editor/editor" in json.loads(importmap)["imports"]
    assert csp_hash(importmap) in directives(response["Content-Security-Policy"])["script-src"]


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "wisebusiness.settings",
    "SECRET_KEY": "a-long-random-production-secret-key-for-tests-1234567890",
    "ALLOWED_HOSTS": "wise.example.org",
}
# Runs SecurityMiddleware with production settings on a plain-http request (no database needed).
SECURITY_PROBE = """
import django; django.setup()
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
middleware = SecurityMiddleware(lambda request: HttpResponse("ok"))
factory = RequestFactory(HTTP_HOST="wise.example.org")
for path in ["/healthz", "/en/", "/admin/login/"]:
    response = middleware(factory.get(path, HTTP_X_FORWARDED_PROTO="https"))
    print(path, response.status_code, factory.get(path, HTTP_X_FORWARDED_PROTO="https").is_secure())
"""


def test_with_production_settings_healthz_answers_on_plain_http_and_the_rest_redirects():
    result = run_python(SECURITY_PROBE, **PRODUCTION, TRUSTED_PROXY_COUNT="0")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    # Without a trusted proxy, X-Forwarded-Proto is the client's word: not secure, redirected.
    assert "/healthz 200 False" in lines
    assert "/en/ 301 False" in lines
    assert "/admin/login/ 301 False" in lines


def test_with_production_settings_a_trusted_proxy_says_the_request_was_https():
    result = run_python(SECURITY_PROBE, **PRODUCTION, TRUSTED_PROXY_COUNT="1")
    assert result.returncode == 0, result.stderr
    assert "/en/ 200 True" in result.stdout.split("\n")
