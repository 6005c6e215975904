"""Shared state chosen by settings: Redis for the cache and sessions, S3 for media, and what a
Redis that is down does to the site (here a real one: a port where nothing listens)."""

import json
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.wisebusiness.test_settings import run_python
from wisebusiness.redis_cache import site_caches

PRINT_SETTINGS = (
    "import json, wisebusiness.settings as s; "
    "print(json.dumps({'caches': s.CACHES, 'session': s.SESSION_ENGINE, "
    "'storages': {k: {**v, 'OPTIONS': {o: repr(x) if o == 'client_config' else x "
    "for o, x in v.get('OPTIONS', {}).items()}} for k, v in s.STORAGES.items()}}))"
)


def settings_with(**env) -> dict:
    result = run_python(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_the_cache_is_per_process_and_sessions_are_in_the_database():
    chosen = settings_with(CACHE_URL="")
    assert chosen["caches"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    # A per-process cache would give each gunicorn worker its own copy of a session.
    assert chosen["session"] == "django.contrib.sessions.backends.db"
    assert chosen["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["storages"]["private"]["BACKEND"] == "editorial.storage.PrivateFileSystemStorage"


def test_a_redis_cache_url_gives_django_redis_that_degrades_and_cached_sessions():
    chosen = settings_with(CACHE_URL="redis://127.0.0.1:6390/2")
    default = chosen["caches"]["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    assert default["LOCATION"] == "redis://127.0.0.1:6390/2"
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert default["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] == 0.5
    assert default["OPTIONS"]["CONNECTION_POOL_CLASS"] == "wisebusiness.redis_cache.FailFastConnectionPool"
    assert chosen["session"] == "django.contrib.sessions.backends.cached_db"


def test_media_storage_s3_gives_a_public_and_a_private_bucket():
    chosen = settings_with(
        MEDIA_STORAGE="s3",
        S3_BUCKET="wise-media",
        S3_PRIVATE_BUCKET="wise-private",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
        S3_REGION="eu-central-1",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
    )
    public, private = chosen["storages"]["default"], chosen["storages"]["private"]
    assert public["BACKEND"] == private["BACKEND"] == "editorial.storage.ObjectStorage"
    assert public["OPTIONS"]["bucket_name"] == "wise-media"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"].get("default_acl") is None
    assert private["OPTIONS"]["bucket_name"] == "wise-private"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] <= 600
    for options in (public["OPTIONS"], private["OPTIONS"]):
        assert options["endpoint_url"] == "http://127.0.0.1:9000"
        assert options["region_name"] == "eu-central-1"
        assert options["access_key"] == "key" and options["secret_key"] == "secret"
        assert options["file_overwrite"] is False
    assert chosen["storages"]["staticfiles"]["BACKEND"].startswith("whitenoise.")


@pytest.mark.parametrize(
    "env",
    [
        {"MEDIA_STORAGE": "s3"},
        {"MEDIA_STORAGE": "s3", "S3_BUCKET": "wise-media"},
        {"MEDIA_STORAGE": "s3", "S3_BUCKET": "wise-media", "S3_PRIVATE_BUCKET": "wise-media"},
        {"MEDIA_STORAGE": "ftp"},
    ],
)
def test_a_media_storage_that_could_expose_private_files_is_refused(env):
    result = run_python("import wisebusiness.settings", **env)
    assert result.returncode != 0
    assert "MEDIA_STORAGE" in result.stderr


def test_production_health_checks_answer_on_plain_http_while_pages_redirect():
    code = (
        "import django; django.setup(); "
        "from django.http import HttpResponse; from django.test import RequestFactory; "
        "from django.middleware.security import SecurityMiddleware; "
        "m = SecurityMiddleware(lambda r: HttpResponse('ok')); f = RequestFactory(); "
        "paths = ('/healthz', '/readyz', '/en/'); "
        "print([m(f.get(p, HTTP_HOST='wise.example.org')).status_code for p in paths])"
    )
    result = run_python(
        code,
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="wisebusiness.settings",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-1234567890",
        ALLOWED_HOSTS="wise.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[200, 200, 301]"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The cache and sessions on a Redis that does not exist: a real refused connection."""
    settings.CACHES = site_caches(f"redis://127.0.0.1:{closed_port()}/1")
    settings.SHARED_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_readiness_is_ok_with_the_database_and_no_redis_configured(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readiness_answers_503_when_the_configured_redis_is_unreachable(client, db, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unreachable"}
    # Liveness is not readiness: the instance itself is alive and its database answers.
    assert client.get("/healthz").status_code == 200


def test_pages_render_uncached_and_sessions_come_from_the_database_while_redis_is_down(
    client, db, redis_down
):
    assert cache.get("anything") is None
    assert cache.set("anything", 1) is None  # swallowed, not raised
    assert client.get("/en/").status_code == 200
    assert client.get("/en/catalogue/").status_code == 200

    user = get_user_model().objects.create_user("editor", password="a-long-password-1", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    from django.contrib.sessions.models import Session

    assert Session.objects.get().get_decoded()["_auth_user_id"] == str(user.pk)


def test_rate_limits_fail_open_while_redis_is_down(rf, redis_down):
    from editorial.protection import rate_limited

    request = rf.post("/en/anything/", REMOTE_ADDR="203.0.113.7")
    # A limit of one post a minute, posted three times: nothing can be counted, so nothing is refused.
    assert [rate_limited(request, "scale-test", "1/m") for _ in range(3)] == [False, False, False]
