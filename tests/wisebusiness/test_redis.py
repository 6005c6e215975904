"""The cache and sessions in a real Redis, stopped and started again under the site's feet."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.services import Redis, running
from wisebusiness.redis_cache import site_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(settings, tmp_path):
    with running(Redis(tmp_path)) as server:
        settings.CACHES = site_caches(server.url)
        settings.SHARED_CACHE = True
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        yield server


def raw_keys(server) -> list[str]:
    import redis as redis_py

    client = redis_py.Redis(unix_socket_path=str(server.socket))
    return [key.decode() for key in client.keys("*")]


def test_the_cache_and_sessions_live_in_redis(client, redis):
    cache.set("greeting", "dober dan")
    assert cache.get("greeting") == "dober dan"
    get_user_model().objects.create_user("editor", password="a-long-password-1", is_staff=True)
    client.post("/admin/login/", {"username": "editor", "password": "a-long-password-1"})
    session_key = client.cookies["sessionid"].value
    keys = raw_keys(redis)
    assert any(key.endswith(f"cached_db{session_key}") for key in keys), keys
    assert any(key.endswith("greeting") for key in keys)
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_redis_stopped_pages_still_render_and_the_session_falls_back_to_the_database(client, redis):
    get_user_model().objects.create_user("editor", password="a-long-password-1", is_staff=True)
    client.post("/admin/login/", {"username": "editor", "password": "a-long-password-1"})
    assert client.get("/admin/").status_code == 200

    redis.stop()
    assert client.get("/en/").status_code == 200
    assert client.get("/en/catalogue/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 200, "the editor stays logged in: the session is read from the database"
    assert client.get("/readyz").status_code == 503

    redis.start()
    deadline = time.monotonic() + 10
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "readiness did not recover after Redis came back"
        time.sleep(0.2)
    cache.set("back", 1)
    assert cache.get("back") == 1


def test_rate_limits_count_in_redis(rf, redis):
    from editorial.protection import rate_limited

    request = rf.post("/en/anything/", REMOTE_ADDR="203.0.113.7")
    assert [rate_limited(request, "scale-test", "2/m") for _ in range(3)] == [False, False, True]
    assert any("rl:" in key for key in raw_keys(redis)), raw_keys(redis)


def test_pages_and_the_content_version_live_in_redis(client, redis):
    from tests.articles.factories import ArticleFactory

    ArticleFactory(slug="shared-page", title_en="One page for every app server")
    assert client.get("/en/articles/shared-page/")["X-Cache"] == "miss"
    assert client.get("/en/articles/shared-page/")["X-Cache"] == "hit"
    keys = raw_keys(redis)
    assert any(key.startswith("page:") for key in keys), keys
    assert any(key.endswith("content-version") for key in keys), keys

    redis.stop()
    response = client.get("/en/articles/shared-page/")
    assert response.status_code == 200 and "X-Cache" not in response, "uncached while Redis is away"
    assert "One page for every app server" in response.content.decode()
