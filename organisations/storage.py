"""Where private files live: the ``private`` store of ``settings.STORAGES``.

Files of content that may be a draft (lesson attachments) are kept out of the public media
tree: on disk under ``PRIVATE_MEDIA_ROOT``, which no web server serves, or in a private
bucket (``MEDIA_STORAGE=s3``). They are read only by permission-checked views. A model
field names the store with ``storage=private_storage``.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, with no public URL of their own."""

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
