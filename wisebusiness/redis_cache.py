"""Redis for the cache and sessions, and what happens when it is down.

django-redis (not Django's own Redis backend) because of one option: ``IGNORE_EXCEPTIONS``
turns every failed cache call into a miss (``get`` gives the default, ``set`` and ``incr``
give ``None``) instead of an exception, so a Redis outage degrades the site instead of
answering 500. Django's backend raises, and every caller would have to catch.

A Redis host that is down without refusing connections (a dead VM drops packets) would
still cost every cache call its connect timeout. The pool below remembers a failed connect
for a few seconds and fails at once in that window, so pages render uncached at full speed
while Redis is away and use it again within seconds of its return.
"""

import logging
import time

import environ
import redis

logger = logging.getLogger(__name__)

# How long an unreachable Redis is skipped before the next connection attempt.
RETRY_AFTER_SECONDS = 2.0


class FailFastConnectionPool(redis.ConnectionPool):
    """A connection pool that stops trying an unreachable Redis for ``RETRY_AFTER_SECONDS``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.down_until = 0.0

    def get_connection(self, *args, **kwargs):
        if time.monotonic() < self.down_until:
            raise redis.ConnectionError("Redis was unreachable a moment ago; not trying again yet.")
        try:
            connection = super().get_connection(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            if not self.down_until:
                logger.warning("Redis is unreachable (%s): serving without the cache.", error)
            self.down_until = time.monotonic() + RETRY_AFTER_SECONDS
            raise
        if self.down_until:
            logger.warning("Redis is reachable again.")
            self.down_until = 0.0
        return connection


def cache_settings(url: str, *, timeout: float = 0.5) -> dict:
    """Django's CACHES entry for a CACHE_URL; a Redis one degrades instead of raising.

    ``timeout`` bounds what a Redis that does not answer costs one cache call (connect and
    reply); the pool above then skips it for a few seconds.
    """
    config = environ.Env.cache_url_config(url)
    if not config["BACKEND"].endswith("RedisCache"):
        return config
    return {
        **config,
        "BACKEND": "django_redis.cache.RedisCache",
        "KEY_PREFIX": config.get("KEY_PREFIX") or "wise",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "CONNECTION_POOL_CLASS": "wisebusiness.redis_cache.FailFastConnectionPool",
            **config.get("OPTIONS", {}),
        },
    }


LOCAL_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def site_caches(
    url: str, *, timeout: float = 0.5, page_seconds: int = 86400, page_entries: int = 2000
) -> dict:
    """Django's CACHES for a CACHE_URL: ``default``, ``pages`` for the page cache (its own
    key prefix beside the rest in a shared cache; else bounded in each worker's memory), and
    ``fragments``, always in each worker's memory, for the parts of the layout that change only
    with a deploy (the header and footer of each language: ``{% cache ... using="fragments" %}``)."""
    default = cache_settings(url, timeout=timeout)
    if default["BACKEND"] in LOCAL_BACKENDS:
        pages = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": page_entries, "CULL_FREQUENCY": 4},
        }
    else:
        pages = {**default, "KEY_PREFIX": "page"}
    fragments = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 200},
    }
    return {"default": default, "pages": {**pages, "TIMEOUT": page_seconds}, "fragments": fragments}


def uses_redis(alias: str = "default") -> bool:
    from django.core.cache import caches

    return caches[alias].__class__.__module__.startswith("django_redis")


def ping(alias: str = "default") -> None:
    """Ask Redis itself (bypassing IGNORE_EXCEPTIONS); raises redis.RedisError when it is down."""
    from django.core.cache import caches

    caches[alias].client.get_client(write=True).ping()
