"""Shared pytest configuration: test-only speed-ups live here, not in settings.py."""

import os

import pytest
from django.core.signals import setting_changed


def pytest_configure(config):
    from django.conf import settings

    # Lets several test runs share one PostgreSQL server without sharing a test database.
    if suffix := os.environ.get("WISE_TEST_DB_SUFFIX"):
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_wisebusiness_{suffix}"

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Templates resolve {% static %} without a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A model field's store may have been looked up while the apps loaded: forget it.
    import django.test.signals  # noqa: F401  (registers Django's own receivers)

    setting_changed.send(sender=type(settings), setting="STORAGES", value=settings.STORAGES, enter=True)
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last: they load the demo content into the test database and flush it after."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folders (public and private)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _page_cache_of_each_test_is_its_own(settings, tmp_path):
    """An empty page cache and a content version of its own: a test's rollback changes the
    database without a signal, so pages cached by an earlier test would show what is gone."""
    from django.core.cache import caches

    from editorial.cache import bump_content_version

    settings.CONTENT_VERSION_FILE = tmp_path / "content-version"
    bump_content_version()
    caches["pages"].clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _language_of_each_test_is_its_own():
    """A request leaves its language active in the thread: start every test in the default one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def with_tool_section():
    """Load one tool-page section's rows onto a tool, as the tool page's view does (one prefetch)."""
    from django.db.models import prefetch_related_objects

    from catalogue.sections import tool_page_sections

    def load(tool, template, request=None):
        [section] = [section for section in tool_page_sections() if section.template == template]
        prefetch_related_objects([tool], section.prefetch(request))
        return tool

    return load
