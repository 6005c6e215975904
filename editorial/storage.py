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

Private files get unguessable names (:func:`unguessable_name`) and are served by
:func:`serve_private_file` (the web server sends them itself with django-sendfile2's
``X-Accel-Redirect``); the admin's file input links to the model's checked view.

When the object store cannot be reached, a call raises :class:`StorageUnavailable` (an
``OSError``) instead of botocore's own errors, so that one middleware can tell the editor what
happened, and the admin's transaction rolls back: an upload that failed saves nothing.
"""

import functools
import os
import secrets

from botocore.exceptions import BotoCoreError, ClientError
from django import forms
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404
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

    def url(self, name):
        raise ValueError("A private file has no public URL: link to the view that serves it.")


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


def unguessable_name(folder: str, filename: str, *, max_stem: int = 80) -> str:
    """``<folder>/<128-bit random token>/<the file's own name>``: its address cannot be guessed even
    where the storage is reachable by URL, and the reader still downloads a file with its name."""
    stem, extension = os.path.splitext(os.path.basename(filename))
    return f"{folder}/{secrets.token_urlsafe(16)}/{stem[:max_stem]}{extension.lower()}"


def serve_private_file(request, field_file, *, content_type: str, as_attachment: bool, filename: str):
    """The response for a private file the caller has checked the request may read.

    On disk with a ``SENDFILE_BACKEND`` (django-sendfile2), the web server sends the file
    itself (nginx ``X-Accel-Redirect``, Apache ``X-Sendfile``): Django only checks. Otherwise
    Django streams it from the storage.
    """
    storage = field_file.storage
    backend = getattr(settings, "SENDFILE_BACKEND", None)
    try:
        path = storage.path(field_file.name)
    except NotImplementedError:  # object storage: no local path
        path = None
    if backend and path is not None:
        from django_sendfile import sendfile

        response = sendfile(
            request, path, attachment=as_attachment, attachment_filename=filename, mimetype=content_type
        )
        response["Content-Type"] = content_type
        return response
    try:
        file = storage.open(field_file.name, "rb")
    except StorageUnavailable:
        raise  # the store is away, not the file: a 503 page (editorial.middleware), not a 404
    except (OSError, ValueError) as error:
        raise Http404 from error
    return FileResponse(file, content_type=content_type, as_attachment=as_attachment, filename=filename)


class _CurrentPrivateFile:
    """What the file input shows for a stored private file: its name, linked to the checked view."""

    def __init__(self, field_file):
        self.field_file = field_file
        instance = field_file.instance
        get_url = getattr(instance, "get_absolute_url", None)
        self.url = f"{get_url()}?preview=1" if get_url and instance.pk else ""

    def __str__(self):
        return os.path.basename(self.field_file.name)


class PrivateFileInput(forms.ClearableFileInput):
    """The admin's file input for a private file: "Currently: slides.pdf" links to the model's own
    permission-checked view (``get_absolute_url()`` with ``?preview=1``), never to a storage URL."""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None) and hasattr(value, "instance"))

    def format_value(self, value):
        return _CurrentPrivateFile(value) if self.is_initial(value) else None
