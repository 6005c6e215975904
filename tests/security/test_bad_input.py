"""Input that is not text is a clear 400, by one middleware, before any view or form reads it."""

import pytest
from django.test import Client

from tests.catalogue.factories import ToolFactory
from tests.courses.factories import CourseFactory

pytestmark = pytest.mark.django_db

REFUSED_PAGE = "We could not read this request"


def assert_refused(response):
    assert response.status_code == 400
    assert REFUSED_PAGE in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url",
    [
        "/en/mooc/go/?course=%00",
        "/en/mooc/go/?module=%00",
        "/en/catalogue/compare/?tools=odoo,%00",
        "/en/catalogue/?q=%00",
        "/en/catalogue/?sector=%FF%FE",
        "/en/search/?q=a%00b",
        "/en/courses/?country=%C3",
        "/en/articles/?category=%zz",
        "/en/catalogue/?q=100%",
        "/en/catalogue/?%00=1",
    ],
)
def test_nul_bytes_and_broken_encodings_in_the_query_are_a_400(client, url):
    ToolFactory(slug="odoo")
    CourseFactory(slug="a-course")
    assert_refused(client.get(url))


@pytest.mark.parametrize("path", ["/en/catalogue/\x00/", "/en/courses/a\x00b/", "/admin/\x00"])
def test_nul_bytes_in_the_path_are_a_400(client, path):
    assert_refused(client.get("/", PATH_INFO=path))


def test_undecodable_bytes_in_the_path_are_not_found(client):
    # Django re-escapes them ("%FF") before any URL pattern sees the path: no slug matches.
    assert client.get("/", PATH_INFO="/en/catalogue/\xff\xfe/").status_code == 404


def test_nul_in_a_cookie_or_header_is_a_400(client):
    assert_refused(client.get("/en/", HTTP_COOKIE="sessionid=abcdefgh\x00ijklmnop"))
    assert_refused(client.get("/en/", HTTP_USER_AGENT="bot\x00"))


def test_the_page_is_in_the_language_of_the_address(client):
    response = client.get("/it/catalogue/?q=%00")
    assert response.status_code == 400
    assert '<html lang="it">' in response.content.decode()


def test_nul_in_form_data_is_a_400():
    client = Client()
    assert_refused(client.post("/admin/login/", {"username": "a\x00b", "password": "x"}))
    assert_refused(
        client.post(
            "/admin/login/",
            data=b"username=a%00b&password=x",
            content_type="application/x-www-form-urlencoded",
        )
    )


def test_ordinary_text_passes(client):
    ToolFactory(slug="odoo", name="Odoo")
    ToolFactory(slug="gnucash", name="GnuCash")
    assert client.get("/en/catalogue/?q=caf%C3%A9+%26+r%C3%A9sum%C3%A9").status_code == 200
    assert client.get("/en/catalogue/compare/?tools=odoo,gnucash").status_code == 200
    assert client.get("/en/catalogue/?q=50%25").status_code == 200


UNREADABLE_CHARSETS = [
    "application/x-www-form-urlencoded; charset=utf-7",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "multipart/form-data; boundary=xyz; charset=utf-7",
    "text/plain; charset=no-such-charset",
]


@pytest.mark.parametrize("content_type", UNREADABLE_CHARSETS)
@pytest.mark.parametrize(
    "url", ["/admin/login/", "/admin/logout/", "/admin/catalogue/tool/add/", "/en/search/"]
)
def test_a_form_in_an_unknown_charset_is_a_400_even_with_a_csrf_cookie(url, content_type):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "x" * 32
    response = client.generic("POST", url, b"username=a&password=b", content_type=content_type)
    assert_refused(response)


def test_the_csrf_failure_page_never_reads_the_form(rf):
    from editorial.errors import csrf_failure

    request = rf.post("/admin/login/", data=b"a=b", content_type="application/x-www-form-urlencoded")

    class Unreadable:
        def __getattr__(self, name):
            raise AssertionError("the CSRF failure view read the form")

    request._post = Unreadable()
    response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_a_refused_form_gets_the_csrf_page_not_an_error():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "someone", "password": "x"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_csrf_failure_view_answers_400_for_an_unknown_charset(rf):
    from editorial.errors import csrf_failure

    request = rf.post(
        "/en/search/", data=b"a=b", content_type="application/x-www-form-urlencoded; charset=utf-7"
    )
    assert csrf_failure(request).status_code == 400


def test_an_over_long_query_string_is_414(client, settings):
    response = client.get("/en/catalogue/", {"q": "x" * (settings.MAX_QUERY_STRING_LENGTH + 1)})
    assert response.status_code == 414
    assert REFUSED_PAGE in response.content.decode()
    assert client.get("/en/catalogue/", {"q": "x" * 1000}).status_code == 200
