"""Every endpoint in every language: published content only, the site's filters, JSON errors."""

import datetime

import pytest
from django.conf import settings

from catalogue.models import Tool
from editorial.languages import LANGUAGE_CODES
from tests.api.factories import ArticleFactory, ToolFactory

LIST_ENDPOINTS = [
    "/api/v1/tools/",
    "/api/v1/sectors/",
    "/api/v1/needs/",
    "/api/v1/courses/",
    "/api/v1/articles/",
]


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.data_json["results"]]


def test_root_names_every_endpoint_and_export(data, get):
    body = get("/api/v1/").data_json
    assert set(body["endpoints"]) == {
        "tools", "sectors", "needs", "courses", "articles", "providers", "checkup_questionnaire",
    }  # fmt: skip
    assert body["licence"] == "CC-BY-4.0"
    for url in [*body["endpoints"].values(), *body["exports"].values(), body["schema"]]:
        assert get(url).status_code == 200, url


def test_tools_are_the_published_ones_in_name_order(data, get):
    response = get("/api/v1/tools/")
    assert response.status_code == 200
    assert slugs(response) == ["gnucash", "invoicer", "sitebuilder"]
    assert response.data_json["count"] == 3


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_tools_in_every_language(data, get, language):
    response = get(f"/api/v1/tools/gnucash/?lang={language}")
    tool = response.data_json
    assert tool["summary"] == f"Bookkeeping {language}"
    assert tool["sectors"][0]["name"] == f"Farming {language}"
    assert tool["page"] == f"http://testserver/{language}/catalogue/gnucash/"
    assert response["Content-Language"] == language
    # Untranslated descriptions fall back to English, as the pages do.
    assert tool["description"].startswith("<p>GnuCash vodi" if language == "hr" else "<p>GnuCash keeps")


def test_untranslated_fields_fall_back_to_english(data, get):
    tool = get("/api/v1/tools/sitebuilder/?lang=pl").data_json
    assert tool["summary"] == "Websites, English only."
    assert tool["text_languages"]["summary"] == "en"
    assert tool["sectors"][0]["text_languages"] == {"name": "pl"}
    gnucash = get("/api/v1/tools/gnucash/?lang=hr").data_json["text_languages"]
    assert (gnucash["summary"], gnucash["description"]) == ("hr", "hr")
    assert get("/api/v1/tools/gnucash/?lang=pl").data_json["text_languages"]["description"] == "en"


def test_then_to_the_language_the_item_was_written_in(data, get):
    ToolFactory(
        name="Orto", slug="orto", original_language="it", summary_en="", description_en="",
        summary_it="L'orto della cooperativa, in rete.", description_it="<p>Per le cooperative agricole.</p>",
        summary_de="Der Gemüsegarten der Genossenschaft.",
    )  # fmt: skip
    ArticleFactory(slug="storia", original_language="it", title_en="", title_it="Una storia", summary_en="")
    tool = get("/api/v1/tools/orto/?lang=pl").data_json
    assert (tool["summary"], tool["description"]) == (
        "L'orto della cooperativa, in rete.",
        "<p>Per le cooperative agricole.</p>",
    )
    assert tool["original_language"] == "it"
    assert tool["text_languages"] == {
        "summary": "it", "description": "it", "price_note": "pl", "free_plan": "pl", "typical_price": "pl",
        "fees": "pl", "discount_note": "pl",
    }  # fmt: skip
    assert get("/api/v1/tools/orto/?lang=de").data_json["text_languages"]["summary"] == "de"
    assert get("/api/v1/tools/orto/?lang=all").data_json["text_languages"] is None
    article = get("/api/v1/articles/storia/?lang=hr").data_json
    assert (article["title"], article["text_languages"]["title"], article["original_language"]) == (
        "Una storia",
        "it",
        "it",
    )


def test_accept_language_chooses_the_language_when_lang_is_absent(data, get):
    response = get("/api/v1/tools/gnucash/", accept_language="hr-HR,hr;q=0.9,en;q=0.5")
    assert response.data_json["summary"] == "Bookkeeping hr"
    assert "Accept-Language" in response["Vary"]
    assert get("/api/v1/tools/gnucash/", accept_language="ja").data_json["summary"] == "Bookkeeping en"
    # ?lang= wins over the header.
    assert (
        get("/api/v1/tools/gnucash/?lang=it", accept_language="hr").data_json["summary"] == "Bookkeeping it"
    )


def test_all_languages_at_once(data, get):
    response = get("/api/v1/tools/gnucash/?lang=all")
    tool = response.data_json
    assert tool["summary"] == {code: f"Bookkeeping {code}" for code in LANGUAGE_CODES}
    assert tool["description"]["hr"].startswith("<p>GnuCash vodi")
    assert tool["description"]["pl"] == ""  # not translated: empty, never another language's text
    assert tool["page"]["de"] == "http://testserver/de/catalogue/gnucash/"
    assert tool["needs"][0]["name"]["sl"] == "Accounting sl"
    assert response["Content-Language"] == ", ".join(LANGUAGE_CODES)


def test_the_done_when_request(data, get):
    """``/api/v1/tools/?sector=waste-recycling&lang=hr``: the Croatian texts of the right tools."""
    results = get("/api/v1/tools/?sector=waste-recycling&lang=hr").data_json["results"]
    assert [(tool["slug"], tool["summary"]) for tool in results] == [
        ("gnucash", "Bookkeeping hr"),
        ("invoicer", "Računi u pregledniku."),
    ]


def test_a_tool_shows_its_facts_and_only_published_links(data, get):
    tool = get("/api/v1/tools/gnucash/").data_json
    assert tool["licence"] == "open_source"
    assert tool["spdx_licence"] == "GPL-2.0-or-later"
    assert tool["source_code"] == "https://github.com/Gnucash/gnucash"
    assert tool["platforms"] == ["windows", "macos", "linux"]
    assert tool["interface_languages"] == ["en", "hr", "it"]
    assert [alternative["slug"] for alternative in tool["alternatives"]] == ["invoicer"]
    assert tool["publiccode"] == "http://testserver/api/v1/tools/gnucash/publiccode.yml"
    assert get("/api/v1/tools/invoicer/").data_json["publiccode"] is None
    assert datetime.datetime.fromisoformat(tool["updated"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=farming", ["gnucash", "sitebuilder"]),
        ("sector=farming&sector=waste-recycling", ["gnucash", "invoicer", "sitebuilder"]),
        ("need=office-collaboration", ["gnucash", "sitebuilder"]),
        ("licence=open_source", ["gnucash"]),
        ("licence=free&licence=freemium", ["gnucash", "invoicer", "sitebuilder"]),  # the old links: prices
        ("platform=android", ["sitebuilder"]),
        ("platform=linux", ["gnucash"]),
        ("language=hr", ["gnucash", "invoicer"]),
        ("level=intermediate", ["gnucash"]),
        ("level=starter&sector=waste-recycling", ["invoicer"]),
        ("q=sitebuilder", ["sitebuilder"]),
        ("q=invoices", ["invoicer", "gnucash"]),
        ("q=Bookkeeping&lang=it", ["gnucash"]),
        ("q=racuni&lang=hr", ["invoicer", "gnucash"]),  # accents folded: GnuCash's "račune"
        ("sort=newest", ["gnucash", "sitebuilder", "invoicer"]),
    ],
)
def test_tool_filters_are_the_sites(data, get, query, expected):
    assert slugs(get(f"/api/v1/tools/?{query}")) == expected


def test_unknown_filters_and_values_are_ignored_with_a_notice(data, get):
    response = get("/api/v1/tools/?sector=atlantis&licence=open_source&colour=blue")
    assert response.status_code == 200
    assert slugs(response) == ["gnucash"]
    assert response.data_json["notices"] == ["Some filters were not recognised and were ignored: “atlantis”."]
    croatian = get("/api/v1/tools/?sector=atlantis&lang=hr").data_json["notices"]
    assert croatian and "atlantis" in croatian[0] and "Some filters" not in croatian[0]


def test_drafts_are_never_shown(data, get):
    assert get("/api/v1/tools/secret-draft/").status_code == 404
    assert get("/api/v1/tools/secret-draft/publiccode.yml").status_code == 404
    assert "secret-draft" not in get("/api/v1/tools/?page_size=100&lang=all").content.decode()
    assert get("/api/v1/courses/draft-course/").status_code == 404
    assert get("/api/v1/articles/draft-article/").status_code == 404
    assert get("/api/v1/articles/later/").status_code == 404
    assert slugs(get("/api/v1/articles/")) == ["a-story"]
    assert slugs(get("/api/v1/courses/")) == ["bologna-2026"]
    course = get("/api/v1/courses/bologna-2026/").data_json
    assert [lesson["slug"] for lesson in course["lessons"]] == ["first-steps"]
    assert [tool["slug"] for tool in course["lessons"][0]["tools"]] == ["gnucash"]
    assert [tool["slug"] for tool in get("/api/v1/articles/a-story/").data_json["tools"]] == ["gnucash"]
    for url in ["/api/v1/catalogue.jsonld", "/api/v1/catalogue.csv", "/api/v1/sectors/waste-recycling/"]:
        assert "secret-draft" not in get(url).content.decode(), url
    # Counts of tools per sector count published tools only.
    assert get("/api/v1/sectors/waste-recycling/").data_json["tools"] == 2


def test_a_staff_session_sees_no_drafts_either(data, get, admin_client):
    """The API is anonymous: even a logged-in site manager gets published content only."""
    assert admin_client.get("/api/v1/tools/secret-draft/").status_code == 404
    assert admin_client.get("/api/v1/tools/secret-draft/?preview=1").status_code == 404


def test_sectors_and_needs(data, get):
    sectors = get("/api/v1/sectors/?lang=hr").data_json["results"]
    assert [(s["slug"], s["name"], s["tools"]) for s in sectors] == [
        ("farming", "Farming hr", 2),
        ("waste-recycling", "Waste hr", 2),
    ]
    need = get("/api/v1/needs/office-collaboration/?lang=all").data_json
    assert need["name"]["fr"] == "Office fr"
    assert need["page"]["it"] == "http://testserver/it/catalogue/?need=office-collaboration"


def test_courses_with_their_lessons(data, get):
    listed = get("/api/v1/courses/?lang=de").data_json["results"][0]
    assert listed["title"] == "Course de"
    assert listed["lessons"][0]["title"] == "Lesson de"
    assert "body" not in listed["lessons"][0]
    course = get("/api/v1/courses/bologna-2026/?lang=de").data_json
    lesson = course["lessons"][0]
    assert lesson["body"].startswith("<h2>")
    assert lesson["page"] == "http://testserver/de/courses/bologna-2026/first-steps/"
    assert course["country"] == "IT" and course["language"] == "it"


@pytest.mark.parametrize(("query", "expected"), [("country=IT", 1), ("country=HR", 0), ("kind=webinar", 0)])
def test_course_filters(data, get, query, expected):
    assert get(f"/api/v1/courses/?{query}").data_json["count"] == expected


def test_articles(data, get):
    article = get("/api/v1/articles/a-story/?lang=pl").data_json
    assert article["title"] == "Story pl"
    assert article["category"]["slug"] == "guide"
    assert [s["slug"] for s in article["sectors"]] == ["waste-recycling"]
    assert slugs(get("/api/v1/articles/?sector=waste-recycling")) == ["a-story"]
    assert slugs(get("/api/v1/articles/?sector=farming")) == []
    assert slugs(get("/api/v1/articles/?category=guide")) == ["a-story"]


def test_rich_text_is_sanitized_on_output(data, get):
    # Written around the model's own sanitizing, as a row written by other means would be.
    Tool.objects.filter(slug="gnucash").update(
        description_en='<p onclick="x()">Hi<script>alert(1)</script></p>'
    )
    description = get("/api/v1/tools/gnucash/").data_json["description"]
    assert "script" not in description and "onclick" not in description


def test_updated_since(data, get):
    Tool.objects.filter(slug="invoicer").update(updated=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert "invoicer" not in slugs(get("/api/v1/tools/?updated_since=2024-01-01"))
    assert "invoicer" in slugs(get("/api/v1/tools/?updated_since=2019-12-31T23:00:00Z"))
    assert "invoicer" in slugs(get("/api/v1/tools/?updated_since=2020-01-01T00:30:00%2B01:00"))
    assert "invoicer" not in slugs(get("/api/v1/tools/?updated_since=2020-01-01T00:00:01"))
    # Offsets the database would refuse, and moments at the edges of the calendar.
    for moment in ["6240-04-12T10:02:54%2B16:51", "0001-01-01T00:00:00%2B01:00", "9999-12-31T23:59:59-01:00"]:
        assert get(f"/api/v1/tools/?updated_since={moment}").status_code == 200, moment


def test_a_course_counts_as_updated_when_a_lesson_changed(data, get):
    from courses.models import Course, Lesson

    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    Course.objects.update(updated=old)
    Lesson.objects.update(updated=old)
    assert slugs(get("/api/v1/courses/?updated_since=2024-01-01")) == []
    data["lesson"].save()
    assert slugs(get("/api/v1/courses/?updated_since=2024-01-01")) == ["bologna-2026"]
    # A draft lesson's change is not a change of what the API shows.
    Lesson.objects.update(updated=old)
    data["draft_lesson"].save()
    assert slugs(get("/api/v1/courses/?updated_since=2024-01-01")) == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2026-13-45", "updated_since"),
        ("updated_since=2026-01-01T10:00:00+01:00", "updated_since"),  # an unencoded + is a space
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-1", "page_size"),
        ("page_size=ten", "page_size"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("lang=xx", "lang"),
        ("lang=", "lang"),
    ],
)
def test_bad_parameters_are_a_json_400(data, get, query, parameter):
    response = get(f"/api/v1/tools/?{query}")
    assert response.status_code == 400
    assert response.data_json["status"] == 400
    assert parameter in response.data_json["errors"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_every_list_checks_its_parameters(data, get, endpoint):
    response = get(f"{endpoint}?page_size=101&lang=xx&updated_since=soon")
    assert response.status_code == 400
    assert set(response.data_json["errors"]) == {"lang"}  # the language is checked first
    for query, parameter in [("page_size=101", "page_size"), ("updated_since=soon", "updated_since")]:
        assert set(get(f"{endpoint}?{query}").data_json["errors"]) == {parameter}


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/tools/?q=a%00b", 400, "malformed"),
        ("/api/v1/catalogue.csv?x=%C3%28", 400, "malformed"),
        ("/api/v1/sectors/?q=" + "a" * 9000, 414, "too_long"),
    ],
)
def test_requests_refused_before_the_api_are_json_errors_too(data, get, url, status, code):
    response = get(url)
    assert (response.status_code, response.data_json["status"], response.data_json["code"]) == (
        status,
        status,
        code,
    )
    assert response["Cache-Control"] == "no-store"


def test_pages_outside_the_api_keep_their_html_error_page(db, client):
    response = client.get("/en/catalogue/?q=a%00b")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_pages_are_bounded_and_numbered(data, get):
    first = get("/api/v1/tools/?page_size=2").data_json
    assert (first["count"], first["pages"], first["page_size"]) == (3, 2, 2)
    second = get(first["next"]).data_json
    assert [t["slug"] for t in first["results"] + second["results"]] == ["gnucash", "invoicer", "sitebuilder"]
    assert second["next"] is None
    assert get(f"/api/v1/tools/?page_size={settings.API_MAX_PAGE_SIZE}").status_code == 200
    past = get("/api/v1/tools/?page=9")
    assert past.status_code == 404 and past.data_json["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tools/no-such-tool/",
        "/api/v1/sectors/no-such-sector/",
        "/api/v1/needs/no-such-need/",
        "/api/v1/courses/no-such-course/",
        "/api/v1/articles/no-such-article/",
        "/api/v1/tools/no-such-tool/publiccode.yml",
        "/api/v1/skos/colours.jsonld",
        "/api/v1/nothing-here/",
        "/api/v2/tools/",
        "/api/v1/tools/%3Cscript%3E/",
    ],
)
def test_unknown_addresses_are_a_json_404(data, get, url):
    response = get(url)
    assert response.status_code == 404
    assert response.data_json["status"] == 404
    assert "<script>" not in response.content.decode()


def test_an_address_without_its_slash_is_redirected(data, get):
    response = get("/api/v1/tools?lang=hr")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/tools/?lang=hr"


def test_the_api_is_read_only(data, client):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/tools/gnucash/", content_type="application/json", data={})
        assert response.status_code == 405, method
        assert response.json()["status"] == 405
    assert Tool.objects.filter(slug="gnucash").exists()


def test_an_unusual_accept_header_still_gets_json(data, get):
    response = get("/api/v1/tools/", accept="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert get("/api/v1/tools/?format=xml").status_code == 200


@pytest.mark.parametrize("endpoint", ["/api/v1/tools/?lang=all", "/api/v1/articles/", "/api/v1/courses/"])
def test_lists_make_a_fixed_number_of_queries(data, client, django_assert_max_num_queries, endpoint):
    """Measured at two sizes, so that a query per item cannot hide."""
    client.get(endpoint)  # warm the content types and the like
    with django_assert_max_num_queries(12) as small:
        client.get(endpoint)
    for number in range(15):
        tool = ToolFactory(slug=f"more-{number}", sectors=[data["farming"]], needs=[data["office"]])
        tool.alternatives.set([data["gnucash"]])
        from tests.api.factories import ArticleFactory, CourseFactory, LessonFactory

        ArticleFactory(slug=f"more-{number}", tools=[tool], sectors=[data["farming"]])
        LessonFactory(course=CourseFactory(slug=f"more-{number}"), slug="lesson", tools=[tool])
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(endpoint)
    assert response.json()["count"] > 10
    assert len(large.captured_queries) == len(small.captured_queries)
