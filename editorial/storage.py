"""Where files that must not be public are kept: the ``private`` storage alias.

Files of content that may be unpublished (a lesson's attachments) are never stored under
MEDIA_ROOT, which the web server serves to anyone: they go to ``STORAGES["private"]``
(``PRIVATE_MEDIA_ROOT`` on disk by default; object storage when the deployment says so),
under unguessable names, and are served only by a view that checks who asks
(:func:`serve_private_file`). Logos and hero images of published content stay public.
"""

from __future__ import annotations

import os
import secrets

from django import forms
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.module_loading import import_string

#: The alias in ``settings.STORAGES`` of private files; deployments may point it at object storage.
PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT`` (read at each use, so tests can move it), with
    no public URL: they are only ever served through a permission-checked view."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A private file has no public URL: link to the view that serves it.")


def private_storage():
    """The storage of private files (a callable, so migrations name it and not its backend).

    Built from ``settings.STORAGES`` here rather than through ``django.core.files.storage.storages``:
    model fields call this while the apps load, and the handler would freeze every alias
    (``staticfiles`` too) as the settings were at that moment."""
    config = settings.STORAGES[PRIVATE_STORAGE_ALIAS]
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


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
    except (FileNotFoundError, OSError, ValueError) as error:
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
