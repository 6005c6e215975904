"""Partner editors: their own organisation's courses only, in the admin and in previews."""

import pytest
from django.contrib.auth.models import Group

from editorial.models import Status
from organisations.models import Membership, Organisation
from organisations.roles import PARTNER_EDITOR
from tests.courses.factories import AttachmentFactory, CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zagreb():
    return Organisation.objects.create(name="Social Economy Agency Zagreb", slug="sea-zagreb", country="HR")


@pytest.fixture
def bologna():
    return Organisation.objects.create(name="WISE Federation Italy", slug="wise-italy", country="IT")


@pytest.fixture
def zagreb_editor(client, django_user_model, zagreb):
    user = django_user_model.objects.create_user("editor-hr", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=PARTNER_EDITOR))
    Membership.objects.create(user=user, organisation=zagreb)
    client.force_login(user)
    return client


def test_editors_preview_their_own_drafts_only(zagreb_editor, zagreb, bologna):
    own = LessonFactory(course=CourseFactory(organisation=zagreb), status=Status.DRAFT, title_en="Our draft")
    other = LessonFactory(course=CourseFactory(organisation=bologna), status=Status.DRAFT)
    response = zagreb_editor.get(own.get_absolute_url() + "?preview=1")
    assert response.status_code == 200
    assert "Preview — not public yet" in response.content.decode()
    assert zagreb_editor.get(other.get_absolute_url() + "?preview=1").status_code == 404


def test_editors_see_no_draft_lessons_of_another_organisations_course(zagreb_editor, bologna):
    course = CourseFactory(organisation=bologna)
    LessonFactory(course=course, title_en="Public lesson")
    LessonFactory(course=course, title_en="Their draft", status=Status.DRAFT)
    html = zagreb_editor.get(course.get_absolute_url() + "?preview=1").content.decode()
    assert "Public lesson" in html and "Their draft" not in html


def test_draft_attachments_are_served_to_their_own_editors_only(zagreb_editor, zagreb, bologna):
    own = AttachmentFactory(
        lesson=LessonFactory(course=CourseFactory(organisation=zagreb), status=Status.DRAFT)
    )
    other = AttachmentFactory(
        lesson=LessonFactory(course=CourseFactory(organisation=bologna), status=Status.DRAFT)
    )
    assert zagreb_editor.get(own.get_absolute_url() + "?preview=1").status_code == 200
    assert zagreb_editor.get(other.get_absolute_url() + "?preview=1").status_code == 404


def test_admin_lists_and_opens_only_the_editors_own_courses_and_lessons(zagreb_editor, zagreb, bologna):
    own = CourseFactory(organisation=zagreb, title_en="Selling online in Zagreb")
    other = CourseFactory(organisation=bologna, title_en="Office suites in Bologna")
    own_lesson = LessonFactory(course=own)
    other_lesson = LessonFactory(course=other)
    html = zagreb_editor.get("/admin/courses/course/").content.decode()
    assert "Selling online in Zagreb" in html and "Office suites in Bologna" not in html
    assert zagreb_editor.get(f"/admin/courses/course/{own.pk}/change/").status_code == 200
    assert zagreb_editor.get(f"/admin/courses/course/{other.pk}/change/").status_code in {403, 404}
    assert zagreb_editor.get(f"/admin/courses/lesson/{own_lesson.pk}/change/").status_code == 200
    assert zagreb_editor.get(f"/admin/courses/lesson/{other_lesson.pk}/change/").status_code in {403, 404}
