import re

import pytest

from courses.models import Attachment, MoocClick
from editorial.models import Status
from tests.courses.factories import PDF_BYTES, CourseFactory, LessonFactory, upload

pytestmark = pytest.mark.django_db


def test_course_admin_has_translation_tabs_lessons_inline_and_click_counts(admin_client):
    course = CourseFactory(title_en="Selling online")
    LessonFactory(course=course, order=2, title_en="Second")
    LessonFactory(course=course, order=1, title_en="First", status=Status.DRAFT)
    MoocClick.objects.create(language="hr", course=course, module="module-1", count=7)
    MoocClick.objects.create(language="pl", course=course, module="module-1", count=3)
    response = admin_client.get(f"/admin/courses/course/{course.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="title_pl"' in html and 'name="title_hr"' in html
    assert "tabbed_translation_fields.js" in html
    assert html.index('value="First"') < html.index('value="Second"')
    assert "?preview=1" in html
    assert "<li>hr: 7</li>" in html and "<li>pl: 3</li>" in html

    changelist = admin_client.get("/admin/courses/course/").content.decode()
    assert "Selling online" in changelist
    assert ">10<" in changelist  # total MOOC clicks


def test_lesson_admin_pages_render(admin_client):
    lesson = LessonFactory(status=Status.DRAFT)
    assert admin_client.get("/admin/courses/lesson/").status_code == 200
    html = admin_client.get(f"/admin/courses/lesson/{lesson.pk}/change/").content.decode()
    assert f'href="{lesson.get_absolute_url()}?preview=1"' in html
    assert 'accept=".docx,.jpeg,.jpg,.odp,.ods,.odt,.pdf,.png,.pptx,.xlsx"' in html
    assert admin_client.get("/admin/courses/moocclick/").status_code == 200


def lesson_form(lesson, **files):
    data = {
        "course": lesson.course_id,
        "order": lesson.order,
        "title_en": lesson.title_en,
        "slug": lesson.slug,
        "status": lesson.status,
        "body_en": lesson.body_en,
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": "Handout",
        "attachments-0-role": "worksheet",
        "attachments-0-order": "0",
    }
    data.update({f"attachments-0-{name}": value for name, value in files.items()})
    return data


def test_admin_upload_of_a_bad_file_is_refused_with_a_clear_message(admin_client):
    lesson = LessonFactory()
    url = f"/admin/courses/lesson/{lesson.pk}/change/"
    response = admin_client.post(url, lesson_form(lesson, file=upload("fake.pdf", b"MZ not a pdf")))
    assert response.status_code == 200
    assert "is not a real PDF file" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_admin_upload_of_a_too_large_file_is_refused(admin_client, settings):
    settings.COURSE_ATTACHMENT_MAX_SIZE = 100
    lesson = LessonFactory()
    response = admin_client.post(
        f"/admin/courses/lesson/{lesson.pk}/change/",
        lesson_form(lesson, file=upload("big.pdf", PDF_BYTES * 5)),
    )
    assert "the largest file you can attach is 100\xa0bytes" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_admin_upload_of_a_good_file_is_stored(admin_client):
    lesson = LessonFactory()
    response = admin_client.post(
        f"/admin/courses/lesson/{lesson.pk}/change/",
        lesson_form(lesson, file=upload("handout.pdf", PDF_BYTES)),
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert re.fullmatch(r"attachments/[\w-]{22}/handout\.pdf", attachment.file.name)
    assert attachment.size == len(PDF_BYTES)
