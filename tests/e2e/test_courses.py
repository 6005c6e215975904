"""Courses, lessons and the MOOC page in a real browser, in three languages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import look_at

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "it", "pl"]


@pytest.fixture
def lesson():
    from courses.models import Lesson

    lessons = Lesson.objects.filter(status="published", course__status="published")
    lesson = lessons.select_related("course").first()
    assert lesson is not None, "the demo content has a published lesson"
    return lesson


@pytest.mark.parametrize("language", LANGUAGES)
def test_course_list(page, language):
    look_at(page, f"/{language}/courses/", f"courses-{language}", phone_axe=language == "en")
    assert page.locator("main .card").count() > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_course_page_lists_its_lessons(page, lesson, language):
    look_at(page, f"/{language}/courses/{lesson.course.slug}/", f"course-{language}")
    assert page.locator(".lesson-toc a").count() > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_lesson_page(page, lesson, language):
    path = f"/{language}/courses/{lesson.course.slug}/{lesson.slug}/"
    look_at(page, path, f"lesson-{language}", phone_axe=language == "en")
    assert page.locator(".lesson__body").inner_text().strip()


def test_a_lesson_prints_as_plain_text(page, lesson):
    page.goto(f"/en/courses/{lesson.course.slug}/{lesson.slug}/")
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible()
    assert page.locator(".lesson__body").is_visible()
    for hidden in (".site-header", ".site-footer", ".breadcrumbs"):
        assert not page.locator(hidden).is_visible(), hidden


def test_from_the_course_list_to_a_lesson_by_clicking(page):
    page.goto("/en/courses/")
    page.locator("main .card__title a").first.click()
    page.locator(".lesson-toc a").first.click()
    expect(page.locator(".lesson__body")).to_be_visible()
    assert page.locator(".breadcrumbs a").count() >= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_mooc_page(page, language):
    look_at(page, f"/{language}/mooc/", f"mooc-{language}")
    assert page.locator(f"main a[href^='/{language}/mooc/go/']").count() >= 1


def test_language_switcher_keeps_the_lesson(page, lesson):
    path = f"/courses/{lesson.course.slug}/{lesson.slug}/"
    page.goto(f"/en{path}")
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[hreflang="it"]').click()
    page.wait_for_url(f"**/it{path}")
    assert page.locator("html").get_attribute("lang") == "it"
