"""Where uploaded files live: the ``default`` (public) and ``private`` stores of ``settings.STORAGES``.

Files of content that may be a draft (lesson attachments) are kept out of the public media tree:
a model field names the ``private`` store with ``storage=private_storage``, and only the
permission-checked views read them. Two ways to keep them, chosen by ``MEDIA_STORAGE``:

- ``local``: public media under ``MEDIA_ROOT``, private files under ``PRIVATE_MEDIA_ROOT``, which
  no web server serves;
- ``s3``: two buckets on S3-compatible object storage, shared by every app server.
  ``default``, public media (tool and organisation logos, article hero images): plain URLs under
  the site's ``/media/``, which nginx proxies to a bucket whose policy lets anyone read an object
  and nobody list the bucket (so pages keep to their own origin, as the CSP asks). ``private``,
  files that must never be public: a bucket nobody outside can read, every object written with
  the ``private`` ACL; the admin's links to them are signed and expire in minutes.

When the object store cannot be reached, a call raises :class:`StorageUnavailable` (an
``OSError``) instead of botocore's own errors, so that one middleware can tell the editor what
happened, and the admin's transaction rolls back: an upload that failed saves nothing.
"""

import functools
import os

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``: outside ``MEDIA_ROOT``, so no web server serves them."""

    # Read at each use, not cached, so that a changed setting (tests) takes effect at once.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class PrivateStorage(LazyObject):
    """``storages["private"]``, resolved at first use (and again when STORAGES changes)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage_instance = PrivateStorage()


def private_storage():
    """The ``storage`` of private file fields (a callable, so migrations name it, not its settings)."""
    return private_storage_instance


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage_instance._wrapped = empty


class StorageUnavailable(OSError):
    """The object store did not answer, or refused the request."""


def _translate_errors(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"Object storage ({self.bucket_name}): {error}") from error

    return wrapper


class ObjectStorage(S3Storage):
    """django-storages' S3 storage whose failures are :class:`StorageUnavailable`.

    django-storages already turns a missing object into ``FileNotFoundError`` (or ``False``
    from ``exists``); everything else that escapes botocore means the store is unusable.
    """

    def get_default_settings(self):
        # ``public_url``: where the site serves this bucket's objects (``/media/``: nginx proxies
        # it to the bucket, so pages stay on the site's own origin for the CSP).
        return {**super().get_default_settings(), "public_url": ""}

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.public_url:
            return self.public_url + filepath_to_uri(clean_name(name))
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)

    _open = _translate_errors(S3Storage._open)
    _save = _translate_errors(S3Storage._save)
    delete = _translate_errors(S3Storage.delete)
    exists = _translate_errors(S3Storage.exists)
    listdir = _translate_errors(S3Storage.listdir)
    size = _translate_errors(S3Storage.size)
    get_modified_time = _translate_errors(S3Storage.get_modified_time)

    def check(self) -> None:
        """Raise StorageUnavailable unless the bucket answers (for readiness and uploads)."""
        try:
            self.connection.meta.client.head_bucket(Bucket=self.bucket_name)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"Object storage ({self.bucket_name}): {error}") from error


def s3_stores(
    *,
    bucket: str,
    private_bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    public_url: str = "/media/",
    private_acl: str = "private",
    addressing_style: str = "auto",
) -> dict:
    """The ``default`` and ``private`` entries of ``STORAGES`` for MEDIA_STORAGE=s3.

    Empty values are left to boto3 (keys from its usual chain: an instance role, ~/.aws).
    """
    from botocore.config import Config
    from django.core.exceptions import ImproperlyConfigured

    if not bucket or not private_bucket or bucket == private_bucket:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs two different buckets: S3_BUCKET (public media) "
            "and S3_PRIVATE_BUCKET (private files such as lesson attachments)."
        )
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # A name already taken gets a suffix: an upload never replaces another item's file.
        "file_overwrite": False,
        # Fail within seconds while the store is away: the editor is told, nothing hangs.
        "client_config": Config(
            connect_timeout=2,
            read_timeout=20,
            retries={"mode": "standard", "total_max_attempts": 2},
            signature_version="s3v4",
            s3={"addressing_style": addressing_style},
        ),
    }
    return {
        "default": {
            "BACKEND": "editorial.storage.ObjectStorage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                # Plain URLs on the site itself (/media/…, proxied to the bucket by nginx, whose
                # policy lets anyone read an object and nobody list them), or on a CDN.
                "querystring_auth": False,
                "public_url": public_url,
                "object_parameters": {"CacheControl": "public, max-age=86400"},
            },
        },
        "private": {
            "BACKEND": "editorial.storage.ObjectStorage",
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                # Empty for a bucket with ACLs disabled (private by default there).
                "default_acl": private_acl or None,
                # The admin's links to a private file are signed and expire in five minutes.
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
    }


def object_stores() -> list[ObjectStorage]:
    """The configured stores that live in object storage (none with MEDIA_STORAGE=local)."""
    return [
        storage for alias in ("default", "private") if isinstance(storage := storages[alias], ObjectStorage)
    ]


def check_object_stores() -> None:
    """Raise StorageUnavailable unless every bucket in use answers."""
    for storage in object_stores():
        storage.check()
