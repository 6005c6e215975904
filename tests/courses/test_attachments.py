import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Attachment
from courses.validators import validate_attachment
from editorial.models import Status
from tests.courses.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    AttachmentFactory,
    LessonFactory,
    odf_bytes,
    ooxml_bytes,
    upload,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

GOOD_FILES = {
    "slides.pdf": (PDF_BYTES, "application/pdf"),
    "worksheet.odt": (
        odf_bytes("application/vnd.oasis.opendocument.text"),
        "application/vnd.oasis.opendocument.text",
    ),
    "deck.odp": (
        odf_bytes("application/vnd.oasis.opendocument.presentation"),
        "application/vnd.oasis.opendocument.presentation",
    ),
    "sheet.ods": (
        odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    "worksheet.docx": (
        ooxml_bytes("word/"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "deck.pptx": (
        ooxml_bytes("ppt/"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "sheet.xlsx": (ooxml_bytes("xl/"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "diagram.png": (PNG_BYTES, "image/png"),
    "photo.JPG": (JPEG_BYTES, "image/jpeg"),
    "photo.jpeg": (JPEG_BYTES, "image/jpeg"),
}


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_allowed_files_are_accepted(name):
    validate_attachment(upload(name, GOOD_FILES[name][0]))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "is not a file type you can attach"),
        ("page.html", b"<html></html>", "is not a file type you can attach"),
        ("image.svg", b"<svg/>", "is not a file type you can attach"),
        ("no-extension", PDF_BYTES, "is not a file type you can attach"),
        ("renamed.pdf", b"MZ\x90\x00 an exe", "is not a real PDF file"),
        ("renamed.png", JPEG_BYTES, "is not a real PNG file"),
        ("renamed.jpg", PNG_BYTES, "is not a real JPEG file"),
        ("text.docx", b"just text", "is not a real DOCX file"),
        ("sheet.docx", ooxml_bytes("xl/"), "is not a real DOCX file"),
        ("zip.odt", zip_bytes({"hello.txt": "hi"}), "is not a real ODT file"),
        ("deck.odt", odf_bytes("application/vnd.oasis.opendocument.presentation"), "is not a real ODT file"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "is not a real XLSX file"),
    ],
)
def test_wrong_types_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_attachment(upload(name, content))
    assert message in error.value.messages[0]


def test_too_large_files_are_refused(settings):
    settings.COURSE_ATTACHMENT_MAX_SIZE = 1024
    with pytest.raises(ValidationError) as error:
        validate_attachment(upload("slides.pdf", PDF_BYTES + b"0" * 2000))
    assert "the largest file you can attach is 1.0\xa0KB" in error.value.messages[0]
    validate_attachment(upload("slides.pdf", PDF_BYTES))


def test_attachments_are_stored_privately_under_unguessable_names(settings):
    attachment = AttachmentFactory(lesson__course__slug="selling")
    assert attachment.file.name.startswith("attachments/")
    assert attachment.filename == "slides.pdf"
    assert (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).is_file()
    assert not (settings.MEDIA_ROOT / attachment.file.name).exists()
    assert attachment.size == len(PDF_BYTES)


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_attachments_are_served_with_their_content_type(client, name):
    content, content_type = GOOD_FILES[name]
    attachment = AttachmentFactory(file=SimpleUploadedFile(name, content))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content
    disposition = "inline" if content_type in {"application/pdf", "image/png", "image/jpeg"} else "attachment"
    assert response["Content-Disposition"].startswith(disposition)


def test_lesson_page_lists_attachments_with_type_and_size(client):
    attachment = AttachmentFactory(title="Slides of the day")
    html = client.get(attachment.lesson.get_absolute_url()).content.decode()
    assert f'href="{attachment.get_absolute_url()}"' in html
    assert "Slides of the day" in html
    assert f"Slides · PDF, {len(PDF_BYTES)}\xa0bytes" in html


def test_attachments_of_drafts_are_not_served_to_visitors(client, admin_client):
    attachment = AttachmentFactory(lesson=LessonFactory(status=Status.DRAFT))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(attachment.get_absolute_url() + "?preview=1").status_code == 404
    # The one preview rule: a draft's file too is seen only when asked for (?preview=1), by its editors.
    assert admin_client.get(attachment.get_absolute_url()).status_code == 404
    assert admin_client.get(attachment.get_absolute_url() + "?preview=1").status_code == 200


def test_wrong_attachment_address_is_404(client):
    attachment = AttachmentFactory()
    url = attachment.get_absolute_url()
    assert client.get(url.replace("slides.pdf", "other.pdf")).status_code == 404
    assert client.get(url.replace(f"/{attachment.pk}/", "/999999/")).status_code == 404


def test_missing_file_is_404_not_500(client):
    attachment = AttachmentFactory()
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_full_clean_refuses_a_bad_upload():
    attachment = Attachment(lesson=LessonFactory(), file=upload("notes.txt", b"hello"))
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "file" in error.value.message_dict


# The file's own language


def test_an_attachment_is_in_its_courses_language_unless_told_otherwise():
    lesson = LessonFactory(course__language="hr")
    assert AttachmentFactory(lesson=lesson).language == "hr"
    assert AttachmentFactory(lesson=lesson, language="en").language == "en"


def test_the_lesson_page_names_the_files_language_when_it_is_not_the_pages(client):
    lesson = LessonFactory(course__language="hr")
    AttachmentFactory(lesson=lesson, title="Slajdovi")
    AttachmentFactory(lesson=lesson, title="Worksheet", role="worksheet", language="en")
    size = f"{len(PDF_BYTES)}\xa0bytes"
    english = client.get(f"/en/courses/{lesson.course.slug}/{lesson.slug}/").content.decode()
    assert f"Slides · PDF, {size} · in Croatian</span>" in english
    assert f"Worksheet · PDF, {size}</span>" in english  # the page's own language: nothing to say
    assert 'lang="hr">Slajdovi</a>' in english
    assert 'lang="en">Worksheet</a>' in english
    croatian = client.get(f"/hr/courses/{lesson.course.slug}/{lesson.slug}/").content.decode()
    assert "Prezentacija · PDF, 45" in croatian and "· na engleskom</span>" in croatian
    assert "na hrvatskom</span>" not in croatian
    italian = client.get(f"/it/courses/{lesson.course.slug}/{lesson.slug}/").content.decode()
    assert "· in croato</span>" in italian and "· in inglese</span>" in italian


def test_every_language_can_be_named_in_a_sentence(settings):
    from courses.languages import HELD_IN
    from editorial.languages import FALLBACK_NOTES, IN_LANGUAGE

    codes = {code for code, _name in settings.LANGUAGES}
    assert set(IN_LANGUAGE) == codes
    assert set(HELD_IN) == codes
    assert set(FALLBACK_NOTES) == codes


def test_migration_gives_existing_files_their_courses_language():
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("courses.migrations.0003_attachment_language")
    apps = MigrationLoader(connection).project_state(("courses", "0003_attachment_language")).apps
    lesson = LessonFactory(course__language="pl")
    attachment = AttachmentFactory(lesson=lesson)
    Attachment.objects.filter(pk=attachment.pk).update(language="")
    migration.files_are_in_the_course_language(apps, None)
    attachment.refresh_from_db()
    assert attachment.language == "pl"
