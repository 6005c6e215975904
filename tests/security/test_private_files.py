"""Files of unpublished content are never public: private storage, unguessable names, one checked view."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from courses.models import Attachment
from editorial.models import Status
from tests.courses.factories import PDF_BYTES, AttachmentFactory, LessonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_attachment():
    return AttachmentFactory(lesson=LessonFactory(status=Status.DRAFT, slug="secret-plan"))


def test_the_raw_media_address_of_a_draft_attachment_is_not_found(client, draft_attachment, settings):
    name = draft_attachment.file.name
    assert client.get(f"/media/{name}").status_code == 404
    # Nor under the old layout's address, nor anywhere under MEDIA_ROOT.
    course = draft_attachment.lesson.course.slug
    assert client.get(f"/media/courses/{course}/slides.pdf").status_code == 404
    assert not any(settings.MEDIA_ROOT.rglob("*.pdf")) if settings.MEDIA_ROOT.exists() else True


def test_a_draft_attachment_is_refused_by_the_view_and_a_published_one_served(client, draft_attachment):
    assert client.get(draft_attachment.get_absolute_url()).status_code == 404
    published = AttachmentFactory()
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"


def test_names_are_unguessable_and_two_uploads_of_one_name_differ():
    first, second = AttachmentFactory(), AttachmentFactory()
    assert first.filename == second.filename == "slides.pdf"
    token_first, token_second = first.file.name.split("/")[1], second.file.name.split("/")[1]
    assert len(token_first) >= 22 and token_first != token_second  # 128 bits, base64url


def test_a_private_file_has_no_public_url(draft_attachment):
    with pytest.raises(ValueError, match="no public URL"):
        draft_attachment.file.url  # noqa: B018


@pytest.fixture
def sendfile_backend(settings):
    from django_sendfile.utils import _get_sendfile

    def use(backend):
        settings.SENDFILE_BACKEND = backend
        _get_sendfile.cache_clear()  # django-sendfile2 keeps the backend it first loaded

    yield use
    _get_sendfile.cache_clear()


def test_with_nginx_the_web_server_sends_the_file_after_the_check(
    client, settings, sendfile_backend, draft_attachment
):
    sendfile_backend("django_sendfile.backends.nginx")
    settings.SENDFILE_URL = "/protected"
    published = AttachmentFactory()
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{published.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    # The check still comes first: a draft's file is never handed to the web server.
    refused = client.get(draft_attachment.get_absolute_url())
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_the_migration_moves_existing_files_out_of_the_public_folder(settings):
    from django.apps import apps

    migration = importlib.import_module("courses.migrations.0005_attachments_private_storage")
    attachment = AttachmentFactory()
    # An attachment as the old layout stored it: under MEDIA_ROOT/courses/.
    old_name = default_storage.save("courses/selling/handout.pdf", ContentFile(PDF_BYTES))
    Attachment.objects.filter(pk=attachment.pk).update(file=old_name)
    migration.to_private(apps, None)
    moved = Attachment.objects.get(pk=attachment.pk)
    assert moved.file.name.startswith("attachments/") and moved.filename == "handout.pdf"
    assert not default_storage.exists(old_name)
    assert (settings.PRIVATE_MEDIA_ROOT / moved.file.name).read_bytes() == PDF_BYTES


def test_the_admin_links_the_current_file_to_the_checked_view(admin_client, draft_attachment):
    html = admin_client.get(f"/admin/courses/lesson/{draft_attachment.lesson.pk}/change/").content.decode()
    assert f'href="{draft_attachment.get_absolute_url()}?preview=1"' in html
    assert "/media/" not in html
    assert admin_client.get(f"{draft_attachment.get_absolute_url()}?preview=1").status_code == 200
