"""The site-wide content version: a value that changes whenever published content may have changed.

What is derived from content and kept between requests (the catalogue's facet index,
``catalogue.facets``) is keyed by ``content_version()`` and rebuilt when it changes. Apps name
their content models with ``bump_on_change()`` in ``AppConfig.ready()``; any save, delete or
many-to-many change of them gives a new version, now and again when the transaction commits
(so that another process cannot rebuild from data it could not see yet).

Writes that send no signal (``QuerySet.update()``, ``bulk_create()``, plain SQL) must call
``bump_content_version()`` themselves (``manage.py seed_bench`` does).

The version lives in Django's default cache under ``CONTENT_VERSION_KEY``. With the default
per-process memory cache each process sees only its own bumps: several app servers or gunicorn
workers need a shared cache (``CACHE_URL``) for a change made in one to reach the others.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

CONTENT_VERSION_KEY = "content-version"


def content_version() -> str:
    """The current version (an opaque string); a fresh one when the cache holds none."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY) or ""
    return version


def bump_content_version() -> None:
    """A new version: everything keyed by the old one is out of date.

    A random value rather than a counter, so that a cache emptied and started again can never
    come back to a version some process still holds.
    """
    cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _bump(**kwargs) -> None:
    bump_content_version()
    if transaction.get_connection(kwargs.get("using") or "default").in_atomic_block:
        transaction.on_commit(bump_content_version, using=kwargs.get("using"))


def bump_on_change(*models) -> None:
    """Bump the version on every save and delete of ``models`` and every change of their
    many-to-many relations."""
    for model in models:
        post_save.connect(_bump, sender=model, dispatch_uid=f"content-version-save-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"content-version-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bump, sender=field.remote_field.through, dispatch_uid=f"content-version-m2m-{field}"
            )
