import pytest

from courses.models import MoocClick
from editorial.models import Status
from tests.courses.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mooc(settings):
    settings.MOOC_URL = "https://mooc.example.org/"


def test_mooc_page_explains_and_links_out_through_the_counter(client):
    CourseFactory(title_en="Selling online", slug="selling", mooc_module="module-2")
    response = client.get("/en/mooc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "What it covers" in html
    assert 'href="/en/mooc/go/"' in html
    assert 'href="/en/mooc/go/?module=module-2&amp;course=selling"' in html
    assert "mooc.example.org" in html
    assert 'href="https://mooc.example.org' not in html  # every link out goes through the counter


def test_redirect_counts_clicks_per_language_and_course(client):
    course = CourseFactory(slug="selling", mooc_module="module-2")
    response = client.get("/hr/mooc/go/?module=module-2&course=selling")
    assert response.status_code == 302
    assert response["Location"] == "https://mooc.example.org/module-2"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    client.get("/hr/mooc/go/?module=module-2&course=selling")
    client.get("/pl/mooc/go/?course=selling")  # the course's own module
    client.get("/pl/mooc/go/")
    counts = {(c.language, c.course_id, c.module): c.count for c in MoocClick.objects.all()}
    assert counts == {
        ("hr", course.pk, "module-2"): 2,
        ("pl", course.pk, "module-2"): 1,
        ("pl", None, ""): 1,
    }


def test_general_link_goes_to_the_mooc_home(client):
    response = client.get("/en/mooc/go/")
    assert response["Location"] == "https://mooc.example.org/"


def test_lesson_and_course_pages_link_to_their_module_through_the_counter(client):
    course = CourseFactory(slug="selling", mooc_module="module-2")
    lesson = LessonFactory(course=course)
    for url in [course.get_absolute_url(), lesson.get_absolute_url()]:
        assert 'href="/en/mooc/go/?module=module-2&amp;course=selling"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    "module",
    [
        "//evil.example",
        "//evil.example/module-1",
        "https://evil.example/",
        "https://mooc.example.org.evil.example/",
        "https://mooc.example.org@evil.example/",
        "http://mooc.example.org/module-1",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/\\evil.example",
        "\\\\evil.example",
        "../../evil",
        "module-1/../../..//evil.example",
        " //evil.example",
        "module-1\r\nLocation: https://evil.example",
        "%2F%2Fevil.example",
        "a" * 300,
    ],
)
def test_redirect_refuses_anything_but_the_mooc(client, module):
    response = client.get("/en/mooc/go/", {"module": module})
    assert response.status_code == 400
    assert "Location" not in response
    html = response.content.decode()
    assert "This link does not lead to our MOOC" in html
    # (the language switcher keeps the query string, URL-encoded: harmless)
    assert 'href="//' not in html and 'href="https://evil' not in html and 'href="javascript' not in html
    assert MoocClick.objects.count() == 0


def test_redirect_refuses_a_course_module_that_leaves_the_mooc(client):
    # Even a bad value that reached the database cannot make the view an open redirect.
    CourseFactory.create(slug="broken", mooc_module="module-1")
    from courses.models import Course

    Course.objects.filter(slug="broken").update(mooc_module="//evil.example")
    assert client.get("/en/mooc/go/?course=broken").status_code == 400


def test_unknown_or_draft_course_gives_404_and_counts_nothing(client):
    CourseFactory(slug="draft", status=Status.DRAFT)
    assert client.get("/en/mooc/go/?course=no-such-course&module=module-1").status_code == 404
    assert client.get("/en/mooc/go/?course=draft&module=module-1").status_code == 404
    assert MoocClick.objects.count() == 0


def test_head_requests_are_not_counted(client):
    assert client.head("/en/mooc/go/?module=module-3").status_code == 302
    assert MoocClick.objects.count() == 0


def test_post_is_not_allowed(client):
    assert client.post("/en/mooc/go/?module=module-3").status_code == 405


def test_mooc_url_with_a_path_keeps_modules_below_it(client, settings):
    settings.MOOC_URL = "https://learn.example.org/wise"
    response = client.get("/en/mooc/go/?module=module-4")
    assert response["Location"] == "https://learn.example.org/wise/module-4"
