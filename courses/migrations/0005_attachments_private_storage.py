"""Lesson attachments move from the public media folder to the private storage, under unguessable names.

Every file is copied to the private storage (``editorial.storage``) under
``attachments/<random token>/<its name>``, the row is pointed at it, and the public copy is
deleted, so a draft lesson's slides are no longer at ``/media/courses/...``. A row whose file
is missing keeps its name (the download view answers 404 for it, as before). Going back
copies the files to the public folder again.
"""

import os

from django.core.files.storage import storages
from django.db import migrations, models

import courses.models
import courses.validators
import editorial.storage


def _move(apps, source, target, new_name):
    Attachment = apps.get_model("courses", "Attachment")
    for attachment in Attachment.objects.exclude(file="").iterator():
        old_name = attachment.file.name
        if not source.exists(old_name):
            continue
        with source.open(old_name, "rb") as content:
            stored = target.save(new_name(old_name), content)
        Attachment.objects.filter(pk=attachment.pk).update(file=stored)
        source.delete(old_name)


def to_private(apps, schema_editor):
    _move(
        apps,
        storages["default"],
        editorial.storage.private_storage(),
        lambda name: editorial.storage.unguessable_name("attachments", name),
    )


def to_public(apps, schema_editor):
    _move(
        apps,
        editorial.storage.private_storage(),
        storages["default"],
        lambda name: f"courses/restored/{os.path.basename(name)}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_organisation_on_publishable"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                max_length=255,
                storage=editorial.storage.private_storage,
                upload_to=courses.models.attachment_path,
                validators=[courses.validators.validate_attachment],
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private, to_public, elidable=True),
    ]
