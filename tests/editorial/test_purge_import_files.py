import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from editorial.management.commands.purge_import_files import IMPORT_FOLDER

pytestmark = pytest.mark.django_db


def _stored_import(name, age_hours):
    storage = storages["import_export"]
    path = storage.save(f"{IMPORT_FOLDER}/{name}", ContentFile(b"slug,name_en\nodoo,Odoo\n"))
    then = time.time() - age_hours * 3600
    os.utime(storage.path(path), (then, then))
    return path


def test_only_abandoned_import_files_are_deleted(capsys):
    old = _stored_import("abandoned", age_hours=30)
    recent = _stored_import("waiting", age_hours=1)

    call_command("purge_import_files")

    storage = storages["import_export"]
    assert not storage.exists(old)
    assert storage.exists(recent)
    assert "Deleted 1 unconfirmed import file(s)." in capsys.readouterr().out


def test_the_age_is_a_setting_of_the_command():
    recent = _stored_import("waiting", age_hours=3)

    call_command("purge_import_files", hours=2)

    assert not storages["import_export"].exists(recent)


def test_nothing_to_purge_before_any_import(capsys):
    call_command("purge_import_files")

    assert "Deleted 0" in capsys.readouterr().out


def test_import_files_are_kept_in_the_private_storage(settings):
    path = _stored_import("waiting", age_hours=0)

    assert str(storages["import_export"].path(path)).startswith(str(settings.PRIVATE_MEDIA_ROOT))
