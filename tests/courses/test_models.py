import datetime

import pytest
from django.db import IntegrityError

from courses.models import Course, Lesson, reading_minutes
from editorial.models import Status
from organisations.models import Organisation
from tests.courses.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


def test_lessons_are_ordered_by_their_number_not_by_creation():
    course = CourseFactory()
    third = LessonFactory(course=course, order=3, slug="third")
    first = LessonFactory(course=course, order=1, slug="first")
    second = LessonFactory(course=course, order=2, slug="second")
    assert list(course.lessons.all()) == [first, second, third]


def test_previous_and_next_lesson():
    course = CourseFactory()
    first, second, third = (LessonFactory(course=course, order=n) for n in (1, 2, 3))
    lessons = list(course.lessons.all())
    assert first.neighbours(lessons) == (None, second)
    assert second.neighbours(lessons) == (first, third)
    assert third.neighbours(lessons) == (second, None)


def test_lesson_slug_is_unique_per_course_only():
    first, other = CourseFactory(), CourseFactory()
    LessonFactory(course=first, slug="data-protection")
    LessonFactory(course=other, slug="data-protection")  # fine in another course
    with pytest.raises(IntegrityError):
        LessonFactory(course=first, slug="data-protection")


def test_published_needs_the_lesson_and_its_course_published():
    public_course = CourseFactory()
    draft_course = CourseFactory(status=Status.DRAFT)
    visible = LessonFactory(course=public_course)
    LessonFactory(course=public_course, status=Status.DRAFT)
    LessonFactory(course=draft_course)
    assert list(Lesson.objects.published()) == [visible]
    assert list(Course.objects.published()) == [public_course]


def test_reading_time_is_computed_from_the_body():
    lesson = LessonFactory(body_en="<p>" + "word " * 900 + "</p>")
    assert lesson.reading_minutes == 5
    lesson.body_en = "<p>Short.</p>"
    lesson.save()
    assert lesson.reading_minutes == 1
    assert reading_minutes("") == 1


def test_body_is_sanitized_on_save():
    lesson = LessonFactory(body_en='<p>Hi</p><script>alert(1)</script><a href="javascript:x()">x</a>')
    lesson.refresh_from_db()
    assert "<script" not in lesson.body_en
    assert "javascript:" not in lesson.body_en


def test_a_course_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        CourseFactory(start_date=datetime.date(2026, 3, 10), end_date=datetime.date(2026, 3, 1))


def test_organiser_is_the_organisation_or_the_typed_name():
    course = CourseFactory(organiser_name="Agency Zagreb")
    assert course.organiser == "Agency Zagreb"
    course.organisation = Organisation.objects.create(name="Social Economy Agency", slug="sea", country="HR")
    assert course.organiser == "Social Economy Agency"


def test_lessons_can_be_searched_and_drafts_are_not_public_results():
    course = CourseFactory()
    LessonFactory(course=course, title_en="Planning shifts", body_en="<p>rota for cleaners</p>")
    LessonFactory(course=course, title_en="Secret shifts draft", status=Status.DRAFT)
    LessonFactory(course=CourseFactory(status=Status.DRAFT), title_en="Shifts in a draft course")
    assert Lesson.objects.search("shifts").count() == 3
    assert [lesson.title for lesson in Lesson.objects.published().search("shifts")] == ["Planning shifts"]


def test_search_falls_back_to_english_and_finds_translations():
    LessonFactory(title_en="Data protection basics", title_pl="Podstawy ochrony danych")
    assert Lesson.objects.published().search("ochrony", language="pl").count() == 1
    assert Lesson.objects.published().search("protection", language="hr").count() == 1
