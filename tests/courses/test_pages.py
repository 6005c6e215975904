import json
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from editorial.models import Status
from tests.courses.factories import CourseFactory, LessonFactory, ToolFactory
from tests.sitemaps import full_sitemap_text

pytestmark = pytest.mark.django_db


def ld_json(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


# The course list and its filters


def test_course_list_shows_published_courses_only(client):
    CourseFactory(title_en="Open course")
    CourseFactory(title_en="Hidden draft", status=Status.DRAFT)
    html = client.get("/en/courses/").content.decode()
    assert "Open course" in html
    assert "Hidden draft" not in html


def test_course_list_filters_by_country_kind_and_language(client):
    CourseFactory(title_en="Bologna course", country="IT", kind="regional", language="it")
    CourseFactory(title_en="Zagreb course", country="HR", kind="regional", language="hr")
    CourseFactory(title_en="Maribor masterclass", country="SI", kind="masterclass", language="en")

    html = client.get("/en/courses/?country=HR").content.decode()
    assert "Zagreb course" in html and "Bologna course" not in html and "Maribor masterclass" not in html

    html = client.get("/en/courses/?kind=masterclass").content.decode()
    assert "Maribor masterclass" in html and "Zagreb course" not in html

    html = client.get("/en/courses/?language=it").content.decode()
    assert "Bologna course" in html and "Zagreb course" not in html


@pytest.mark.parametrize(
    "query", ["country=XX", "kind=%3Cscript%3E", "language=klingon&country=", "page=1&kind="]
)
def test_bad_filter_values_are_ignored(client, query):
    CourseFactory(title_en="Bologna course")
    response = client.get(f"/en/courses/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bologna course" in html
    assert "<script>" not in html


def test_an_ignored_filter_is_said_so(client):
    html = client.get("/en/courses/?country=XX").content.decode()
    assert "not recognised and were ignored: “XX”" in html


def test_course_list_has_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _n in range(6):
        course = CourseFactory()
        LessonFactory.create_batch(2, course=course)
    with django_assert_max_num_queries(3):
        assert client.get("/en/courses/").status_code == 200


# The course page


def test_course_page_shows_table_of_contents_in_order_organiser_and_dates(client):
    course = CourseFactory(
        title_en="Selling online", organiser_name="Social Economy Agency Zagreb", place="Zagreb", country="HR"
    )
    LessonFactory(course=course, order=2, title_en="Second lesson")
    LessonFactory(course=course, order=1, title_en="First lesson")
    LessonFactory(course=course, order=3, title_en="Draft lesson", status=Status.DRAFT)
    html = client.get(f"/en/courses/{course.slug}/").content.decode()
    assert html.count("<h1") == 1
    assert html.index("First lesson") < html.index("Second lesson")
    assert "Draft lesson" not in html
    assert "Social Economy Agency Zagreb" in html
    assert "Zagreb, Croatia" in html
    assert '<time datetime="2026-03-10">10</time>–<time datetime="2026-03-12">12 March 2026</time>' in html  # noqa: RUF001 (an en dash)


def test_course_dates_are_in_the_visitors_locale(client):
    course = CourseFactory()
    html = client.get(f"/de/courses/{course.slug}/").content.decode()
    assert '>10.</time>–<time datetime="2026-03-12">12. März 2026</time>' in html  # noqa: RUF001
    html = client.get(f"/pl/courses/{course.slug}/").content.decode()
    assert '>10</time>–<time datetime="2026-03-12">12 marca 2026</time>' in html  # noqa: RUF001


def test_course_page_has_schema_org_course_and_social_meta(client):
    course = CourseFactory(title_en="Selling online", place="Zagreb", country="HR", language="hr")
    LessonFactory(course=course, title_en="Marketing")
    html = client.get(f"/en/courses/{course.slug}/").content.decode()
    data = ld_json(html)
    assert data["@type"] == "Course"
    assert data["name"] == "Selling online"
    instance = data["hasCourseInstance"][0]
    assert instance["startDate"] == "2026-03-10"
    assert instance["inLanguage"] == "hr"
    assert instance["location"]["address"]["addressCountry"] == "HR"
    assert data["syllabusSections"][0]["name"] == "Marketing"
    assert '<meta property="og:title" content="Selling online">' in html
    assert '<meta property="og:type" content="article">' in html


def test_json_ld_cannot_close_its_script_element(client):
    course = CourseFactory(title_en="</script><script>alert(1)</script>")
    html = client.get(f"/en/courses/{course.slug}/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert ld_json(html)["name"] == "</script><script>alert(1)</script>"


def test_course_page_queries_do_not_grow_with_its_lessons(client):
    course = CourseFactory()
    LessonFactory(course=course)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/en/courses/{course.slug}/").status_code == 200
    LessonFactory.create_batch(12, course=course)
    with CaptureQueriesContext(connection) as many:
        html = client.get(f"/en/courses/{course.slug}/").content.decode()
    assert html.count('class="lesson-toc__item"') == 13
    assert len(many) == len(few)


def test_course_page_query_count_is_small(client, django_assert_max_num_queries):
    course = CourseFactory()
    LessonFactory.create_batch(8, course=course)
    with django_assert_max_num_queries(2):
        client.get(f"/en/courses/{course.slug}/")


# The lesson page


def test_lesson_page_text_tools_and_neighbours(client):
    course = CourseFactory()
    first = LessonFactory(course=course, order=1, title_en="Marketing")
    tool = ToolFactory(name="Canva", slug="canva")
    hidden_tool = ToolFactory(name="Unreleased", status="draft")
    second = LessonFactory(
        course=course,
        order=2,
        title_en="Selling",
        body_en="<h2>Shop</h2><p>Open a shop.</p>",
        tools=[tool, hidden_tool],
    )
    third = LessonFactory(course=course, order=3, title_en="Website")
    html = client.get(second.get_absolute_url()).content.decode()
    assert "<h2>Shop</h2>" in html
    assert f'href="{first.get_absolute_url()}" rel="prev"' in html
    assert f'href="{third.get_absolute_url()}" rel="next"' in html
    assert 'href="/en/catalogue/canva/"' in html
    assert "Unreleased" not in html
    assert "Lesson 2 of 3" in html
    assert 'href="/static/courses/print.css" media="print"' in html
    assert html.count("<h1") == 1


def test_first_and_last_lessons_have_one_neighbour(client):
    course = CourseFactory()
    first = LessonFactory(course=course, order=1)
    last = LessonFactory(course=course, order=2)
    html = client.get(first.get_absolute_url()).content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' in html
    html = client.get(last.get_absolute_url()).content.decode()
    assert 'rel="prev"' in html and 'rel="next"' not in html


def test_draft_neighbours_are_skipped(client):
    course = CourseFactory()
    first = LessonFactory(course=course, order=1)
    LessonFactory(course=course, order=2, status=Status.DRAFT, slug="draft-lesson")
    third = LessonFactory(course=course, order=3)
    html = client.get(first.get_absolute_url()).content.decode()
    assert f'href="{third.get_absolute_url()}" rel="next"' in html
    assert "draft-lesson" not in html


def test_translated_lesson_shows_the_translation_in_its_language(client):
    lesson = LessonFactory(
        title_en="Data protection basics",
        title_pl="Podstawy ochrony danych",
        body_en="<p>English text.</p>",
        body_pl="<p>Tekst po polsku.</p>",
    )
    html = client.get(f"/pl/courses/{lesson.course.slug}/{lesson.slug}/").content.decode()
    assert '<h1 lang="pl">Podstawy ochrony danych</h1>' in html
    assert '<div class="prose lesson__body" lang="pl"><p>Tekst po polsku.</p></div>' in html
    assert "fallback-note" not in html
    assert "English text." not in html


def test_untranslated_lesson_falls_back_to_english_with_a_note(client):
    lesson = LessonFactory(title_en="Data protection basics", body_en="<p>English text.</p>")
    html = client.get(f"/hr/courses/{lesson.course.slug}/{lesson.slug}/").content.decode()
    assert '<html lang="hr"' in html
    assert '<div class="prose lesson__body" lang="en"><p>English text.</p></div>' in html
    assert '<h1 lang="en">Data protection basics</h1>' in html
    assert 'class="notice notice--warning fallback-note"' in html


def test_lesson_page_queries_are_few(client, django_assert_max_num_queries):
    course = CourseFactory()
    lessons = LessonFactory.create_batch(6, course=course, tools=ToolFactory.create_batch(3))
    with django_assert_max_num_queries(5):
        client.get(lessons[2].get_absolute_url())


# Not public, not found


@pytest.mark.parametrize(
    "url",
    [
        "/en/courses/no-such-course/",
        "/en/courses/no-such-course/no-such-lesson/",
        "/it/courses/{course}/no-such-lesson/",
        "/en/courses/{course}/{draft}/",
        "/en/courses/{draft_course}/",
        "/en/courses/{draft_course}/{lesson_of_draft}/",
    ],
)
def test_unknown_and_draft_pages_give_the_404_page(client, url):
    course = CourseFactory()
    draft = LessonFactory(course=course, status=Status.DRAFT)
    draft_course = CourseFactory(status=Status.DRAFT)
    lesson_of_draft = LessonFactory(course=draft_course)
    response = client.get(
        url.format(
            course=course.slug,
            draft=draft.slug,
            draft_course=draft_course.slug,
            lesson_of_draft=lesson_of_draft.slug,
        )
    )
    assert response.status_code == 404
    assert 'class="container section error-page"' in response.content.decode()  # the site's 404 page


def test_drafts_stay_hidden_from_visitors_who_ask_for_a_preview(client, django_user_model):
    lesson = LessonFactory(status=Status.DRAFT)
    assert client.get(lesson.get_absolute_url() + "?preview=1").status_code == 404
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get(lesson.get_absolute_url() + "?preview=1").status_code == 404


def test_staff_preview_a_draft_with_a_banner(admin_client):
    lesson = LessonFactory(
        status=Status.DRAFT, course=CourseFactory(status=Status.DRAFT), title_en="Work in progress"
    )
    assert admin_client.get(lesson.get_absolute_url()).status_code == 404  # not without ?preview=1
    response = admin_client.get(lesson.get_absolute_url() + "?preview=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Work in progress" in html
    assert "Preview — not public yet" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    course_page = admin_client.get(lesson.course.get_absolute_url() + "?preview=1").content.decode()
    assert "Preview — not public yet" in course_page and "Work in progress" in course_page


def test_published_lesson_has_no_draft_banner_even_in_preview(admin_client):
    lesson = LessonFactory()
    html = admin_client.get(lesson.get_absolute_url() + "?preview=1").content.decode()
    assert "Preview — not public yet" not in html


def test_sitemap_lists_published_courses_and_lessons_in_every_language(client):
    course = CourseFactory(slug="open-course")
    LessonFactory(course=course, slug="open-lesson")
    LessonFactory(course=course, slug="draft-lesson", status=Status.DRAFT)
    draft_course = CourseFactory(slug="draft-course", status=Status.DRAFT)
    LessonFactory(course=draft_course, slug="lesson-of-draft")
    xml = full_sitemap_text(client)
    for code in ["en", "it", "de", "fr", "sl", "hr", "pl"]:
        assert f"http://testserver/{code}/courses/open-course/</loc>" in xml
        assert f"http://testserver/{code}/courses/open-course/open-lesson/</loc>" in xml
    assert 'hreflang="x-default"' in xml
    assert "draft-lesson" not in xml
    assert "draft-course" not in xml
    assert "lesson-of-draft" not in xml


# The tool page's list of lessons


def test_tool_lessons_include_lists_published_lessons_with_their_course(
    django_assert_num_queries, with_tool_section
):
    tool = ToolFactory(name="Canva")
    course = CourseFactory(title_en="Selling online")
    LessonFactory(course=course, title_en="Marketing on a budget", tools=[tool])
    LessonFactory(course=course, title_en="Draft about Canva", tools=[tool], status=Status.DRAFT)
    LessonFactory(course=CourseFactory(status=Status.DRAFT), title_en="In a draft course", tools=[tool])
    for n in range(4):
        LessonFactory(course=CourseFactory(), title_en=f"More {n}", tools=[tool])
    with django_assert_num_queries(1):
        tool = with_tool_section(tool, "courses/_tool_lessons.html")
        html = render_to_string("courses/_tool_lessons.html", {"tool": tool})
    assert "Marketing on a budget" in html and "Selling online" in html
    assert "Draft about Canva" not in html
    assert "In a draft course" not in html
    assert html.count('class="card"') == 5


def test_tool_lessons_include_is_empty_without_lessons(with_tool_section):
    tool = with_tool_section(ToolFactory(), "courses/_tool_lessons.html")
    assert render_to_string("courses/_tool_lessons.html", {"tool": tool}).strip() == ""


def test_wide_tables_in_a_lesson_can_be_scrolled_with_the_keyboard(client):
    lesson = LessonFactory(body_en="<table><tr><td>Canva</td></tr></table>")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert '<table tabindex="0"><tbody><tr><td>Canva</td></tr></tbody></table>' in html


# The place, in the visitor's language


def test_a_courses_place_is_shown_in_the_visitors_language(client):
    course = CourseFactory(
        place_en="Zagreb", place_it="Zagabria", place_pl="Zagrzeb", place_hr="Zagreb", country="HR"
    )
    assert "Zagabria, Croazia" in client.get(f"/it/courses/{course.slug}/").content.decode()
    assert "Zagrzeb, Chorwacja" in client.get("/pl/courses/").content.decode()
    # No German name typed in: the English one, with the German country name.
    assert "Zagreb, Kroatien" in client.get(f"/de/courses/{course.slug}/").content.decode()


def test_the_migration_keeps_the_place_typed_so_far_as_the_english_one():
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("courses.migrations.0002_place_in_every_language")
    # The models as the migration sees them (no translation manager rewriting "place" to "place_en").
    apps = MigrationLoader(connection).project_state(("courses", "0002_place_in_every_language")).apps
    Course = apps.get_model("courses", "Course")
    course = CourseFactory()
    Course.objects.filter(pk=course.pk).update(place="Ptuj", place_en=None, place_it=None)
    migration.place_becomes_the_english_value(apps, None)
    assert Course.objects.filter(pk=course.pk).values_list("place_en", "place_it").get() == ("Ptuj", None)
