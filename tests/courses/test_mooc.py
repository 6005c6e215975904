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


# The MOOC in the visitor's language


@pytest.fixture
def mooc_in_languages(settings):
    settings.MOOC_URLS = {"it": "https://mooc.example.org/it/", "pl": "https://kurs.example.pl/"}


def test_redirect_goes_to_the_mooc_in_the_visitors_language(client, mooc_in_languages):
    CourseFactory(slug="selling", mooc_module="module-2")
    assert client.get("/it/mooc/go/?course=selling")["Location"] == "https://mooc.example.org/it/module-2"
    assert client.get("/pl/mooc/go/")["Location"] == "https://kurs.example.pl/"
    # A language without its own address goes to MOOC_URL.
    assert client.get("/de/mooc/go/?course=selling")["Location"] == "https://mooc.example.org/module-2"
    counts = {(c.language, c.module): c.count for c in MoocClick.objects.all()}
    assert counts == {("it", "module-2"): 1, ("pl", ""): 1, ("de", "module-2"): 1}


def test_the_mooc_page_names_the_host_of_its_language(client, mooc_in_languages):
    assert "kurs.example.pl" in client.get("/pl/mooc/").content.decode()
    assert "kurs.example.pl" not in client.get("/hr/mooc/").content.decode()


@pytest.mark.parametrize(
    "module", ["//evil.example", "https://mooc.example.org/", "https://kurs.example.pl/x", "../../evil"]
)
def test_per_language_addresses_keep_the_host_check(client, mooc_in_languages, module):
    # Each language's redirect stays on that language's MOOC host, never another one.
    for language in ["it", "pl", "de"]:
        response = client.get(f"/{language}/mooc/go/", {"module": module})
        assert response.status_code == 400, (language, module)
        assert "Location" not in response
    assert MoocClick.objects.count() == 0


def test_a_course_module_cannot_leave_the_mooc_of_its_language(client, mooc_in_languages):
    CourseFactory.create(slug="broken", mooc_module="module-1")
    from courses.models import Course

    Course.objects.filter(slug="broken").update(mooc_module="//kurs.example.pl")
    assert client.get("/it/mooc/go/?course=broken").status_code == 400


def test_language_parameter_for_one_mooc_in_every_language(client, settings):
    settings.MOOC_URLS = {"pl": "https://kurs.example.pl/"}
    settings.MOOC_LANGUAGE_PARAMETER = "lang"
    assert (
        client.get("/sl/mooc/go/?module=module-4")["Location"] == "https://mooc.example.org/module-4?lang=sl"
    )
    assert client.get("/en/mooc/go/")["Location"] == "https://mooc.example.org/?lang=en"
    # A language with its own address needs no parameter.
    assert client.get("/pl/mooc/go/?module=module-4")["Location"] == "https://kurs.example.pl/module-4"
    assert client.get("/sl/mooc/go/", {"module": "//evil.example"}).status_code == 400


def test_mooc_urls_setting_is_read_and_checked():
    from django.core.exceptions import ImproperlyConfigured

    from wisebusiness.settings import _mooc_urls

    assert _mooc_urls("") == {}
    assert _mooc_urls(" it=https://mooc.example.org/it/ , pl=https://kurs.example.pl") == {
        "it": "https://mooc.example.org/it/",
        "pl": "https://kurs.example.pl",
    }
    for bad in [
        "xx=https://mooc.example.org/",
        "it=javascript:alert(1)",
        "it=//mooc.example.org/",
        "it=https://user@evil.example/",
        "it=https://mooc.example.org/a b",
        "it=https://mooc.example.org/?next=https://evil.example",
        "it",
    ]:
        with pytest.raises(ImproperlyConfigured):
            _mooc_urls(bad)
