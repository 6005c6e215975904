"""django-axes: repeated wrong passwords lock the account out of the admin login."""

import pytest
from django.urls import reverse

from tests.organisations.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_works_with_the_right_password(client, editor_a):
    response = client.post(reverse("admin:login"), {"username": "editor-a", "password": PASSWORD})
    assert response.status_code == 302


def test_lockout_after_repeated_failures(client, editor_a, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("admin:login"), {"username": "editor-a", "password": "wrong"})
    assert response.status_code == 429
    # Now even the right password is refused.
    response = client.post(reverse("admin:login"), {"username": "editor-a", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_production_cookies_are_https_only():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "p" * 50,
        "DJANGO_SETTINGS_MODULE": "wisebusiness.settings",
        "ALLOWED_HOSTS": "wise.example.org",
    }
    import os

    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr
