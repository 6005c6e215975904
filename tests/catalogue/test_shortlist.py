"""The shortlist: kept in the session across searches, pages and languages; compared, shared, printed."""

import re

import pytest
from django.test import Client

from catalogue.shortlist import MAX_TOOLS, SESSION_KEY, Shortlist, clean_slugs
from tests.catalogue.factories import ToolFactory

SHORTLIST = "/en/catalogue/shortlist/"


def add(client, slug, language="en", **extra):
    return client.post(
        f"/{language}/catalogue/shortlist/",
        {"action": "add", "tool": slug, "next": "/en/catalogue/"},
        **extra,
    )


def shortlisted(client, language="en") -> list[str]:
    """The slugs shown on the visitor's shortlist page, in order."""
    html = client.get(f"/{language}/catalogue/shortlist/").content.decode()
    return re.findall(r'<th scope="col" id="name-([\w-]+)">', html)


def button(html: str, slug: str) -> str:
    match = re.search(
        rf'name="tool" value="{slug}">\s*<input type="hidden" name="next"[^>]*>\s*'
        r'<input type="hidden" name="action" value="(\w+)">',
        html,
    )
    assert match, slug
    return match.group(1)


def test_clean_slugs_drops_what_is_not_a_slug():
    assert clean_slugs(["a,b", "b", " c ", "<script>", "d e", "", "x" * 101, "ok_1"]) == [
        "a",
        "b",
        "c",
        "ok_1",
    ]
    assert clean_slugs([None, 3, ["a"]]) == []
    assert len(clean_slugs([",".join(f"t{n}" for n in range(50))])) == MAX_TOOLS


def test_a_tool_added_without_javascript_stays_across_searches_pages_and_languages(client, catalogue):
    response = add(client, "gnucash")
    assert response.status_code == 302
    assert response["Location"] == "/en/catalogue/"
    add(client, "bigerp")

    # A search, another page, another language: the cards say it is in the shortlist.
    html = client.get("/en/catalogue/", {"q": "gnucash"}).content.decode()
    assert button(html, "gnucash") == "remove"
    html = client.get("/hr/catalogue/?sector=waste-recycling").content.decode()
    assert button(html, "gnucash") == "remove"
    assert button(html, "invoicer") == "add"
    html = client.get("/hr/catalogue/gnucash/").content.decode()
    assert button(html, "gnucash") == "remove"
    assert re.search(r"data-shortlist-link>[^<]*\(2\)</a>", html)
    assert shortlisted(client, "pl") == ["gnucash", "bigerp"]


def test_remove_and_clear(client, catalogue):
    for slug in ("gnucash", "invoicer", "bigerp"):
        add(client, slug)
    client.post(SHORTLIST, {"action": "remove", "tool": "invoicer"})
    assert shortlisted(client) == ["gnucash", "bigerp"]
    client.post(SHORTLIST, {"action": "clear"})
    assert shortlisted(client) == []
    assert "Your shortlist is empty." in client.get(SHORTLIST).content.decode()


def test_javascript_gets_the_new_state_as_json(client, catalogue):
    response = add(client, "gnucash", headers={"accept": "application/json"})
    assert response.json() == {
        "in_shortlist": True,
        "button_label": "Remove from my shortlist",
        "count": 1,
        "link_label": "My shortlist (1)",
        "full": False,
        "message": "",
    }
    response = client.post(
        SHORTLIST, {"action": "remove", "tool": "gnucash"}, headers={"accept": "application/json"}
    )
    assert response.json()["in_shortlist"] is False
    assert response.json()["count"] == 0
    assert response.json()["button_label"] == "Add to my shortlist"
    response = client.post(
        "/hr/catalogue/shortlist/",
        {"action": "add", "tool": "gnucash"},
        headers={"accept": "application/json"},
    )
    assert response.json()["button_label"] == "Uklonite iz užeg izbora"


@pytest.mark.parametrize("slug", ["secret-draft", "no-such-tool", "<script>", ""])
def test_unknown_or_unpublished_tools_are_refused_and_nothing_is_saved(client, catalogue, slug):
    assert add(client, slug).status_code == 404
    assert Shortlist(client.session).slugs == []


def test_an_unknown_action_is_a_400(client, catalogue):
    response = client.post(SHORTLIST, {"action": "<b>drop</b>", "tool": "gnucash"})
    assert response.status_code == 400
    assert "<b>" not in response.content.decode()


def test_more_than_twenty_is_refused_with_a_message(client, db):
    tools = [ToolFactory(slug=f"t{number:02d}") for number in range(MAX_TOOLS + 1)]
    for tool in tools[:MAX_TOOLS]:
        add(client, tool.slug)
    response = add(client, tools[-1].slug, headers={"accept": "application/json"})
    assert response.json()["full"] is True
    assert response.json()["count"] == MAX_TOOLS
    response = add(client, tools[-1].slug, follow=True)
    assert "Your shortlist is full (20 tools): remove one first." in response.content.decode()
    assert len(Shortlist(client.session).slugs) == MAX_TOOLS


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_next_never_leaves_the_site(client, catalogue, target):
    response = client.post(SHORTLIST, {"action": "add", "tool": "gnucash", "next": target})
    assert response["Location"] == SHORTLIST


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://shop.testserver"},
    ],
)
def test_a_post_from_another_site_is_refused_and_changes_nothing(catalogue, headers):
    client = Client(enforce_csrf_checks=True)
    response = add(client, "gnucash", headers=headers)
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}],
)
def test_the_buttons_need_no_token_from_this_site(catalogue, headers):
    """No CSRF token in the catalogue's pages (the page cache keeps them for every visitor)."""
    client = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" not in client.get("/en/catalogue/").content.decode()
    assert add(client, "gnucash", headers=headers).status_code == 302
    assert client.session[SESSION_KEY] == ["gnucash"]


def test_an_unpublished_tool_drops_out_and_a_tampered_session_is_ignored(client, catalogue):
    add(client, "gnucash")
    add(client, "invoicer")
    catalogue["invoicer"].status = "draft"
    catalogue["invoicer"].save()
    assert shortlisted(client) == ["gnucash"]
    session = client.session
    session[SESSION_KEY] = {"not": "a list"}
    session.save()
    assert client.get(SHORTLIST).status_code == 200
    assert shortlisted(client) == []


def test_the_shortlist_page_shares_compares_and_prints(client, catalogue):
    add(client, "invoicer")
    add(client, "gnucash")
    html = client.get(SHORTLIST).content.decode()
    assert 'value="http://testserver/en/catalogue/compare/?tools=invoicer,gnucash" readonly' in html
    assert 'href="/en/catalogue/compare/?tools=invoicer%2Cgnucash"' in html
    assert "data-print hidden" in html
    assert 'media="print"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        ("tools=gnucash,invoicer", ["gnucash", "invoicer"], None),
        ("tools=invoicer&tools=gnucash&tools=bigerp", ["invoicer", "gnucash", "bigerp"], None),
        ("tools=gnucash", ["gnucash"], None),
        ("tools=gnucash,gnucash,invoicer", ["gnucash", "invoicer"], None),
        ("tools=gnucash,nope", ["gnucash"], "We could not find these tools, so they are left out: “nope”."),
        ("tools=secret-draft,bigerp", ["bigerp"], "left out: “secret-draft”."),
        ("tools=gnucash,%3Cscript%3E", ["gnucash"], None),
    ],
)
def test_compare_ignores_what_is_invalid(client, catalogue, query, expected, notice):
    response = client.get(f"/en/catalogue/compare/?{query}")
    assert response.status_code == 200
    assert [tool.slug for tool in response.context["tools"]] == expected
    html = response.content.decode()
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]
    if notice:
        assert notice in html
    for row in ["Price", "Licence", "Works on", "Its screens are in", "Skill level", "Sectors", "Helps with"]:
        assert f'<th scope="row">{row}</th>' in html


def test_compare_with_no_tool_left_is_a_400(client, catalogue):
    for query in ("", "tools=", "tools=nope,secret-draft"):
        response = client.get(f"/en/catalogue/compare/?{query}")
        assert response.status_code == 400
        assert "Choose at least two tools to compare." in response.content.decode()


def test_compare_takes_the_first_twenty(client, db):
    for number in range(25):
        ToolFactory(slug=f"t{number:02d}")
    slugs = ",".join(f"t{number:02d}" for number in range(25))
    response = client.get(f"/en/catalogue/compare/?tools={slugs}")
    assert [tool.slug for tool in response.context["tools"]] == [f"t{number:02d}" for number in range(20)]
    assert "Only the first 20 tools are compared." in response.content.decode()


def test_a_shared_comparison_can_be_kept_in_the_shortlist(client, catalogue):
    html = client.get("/en/catalogue/compare/?tools=bigerp,gnucash").content.decode()
    assert '<input type="hidden" name="tools" value="bigerp,gnucash">' in html
    client.post(SHORTLIST, {"action": "add-all", "tools": "bigerp,gnucash,secret-draft"})
    assert shortlisted(client) == ["bigerp", "gnucash"]


@pytest.mark.parametrize("count", [2, 12])
def test_compare_and_shortlist_query_counts(client, db, django_assert_num_queries, count):
    tools = [ToolFactory(slug=f"t{number:02d}") for number in range(count)]
    slugs = ",".join(tool.slug for tool in tools)
    # The tools, their sectors, their needs.
    with django_assert_num_queries(3):
        assert client.get(f"/en/catalogue/compare/?tools={slugs}").status_code == 200
    client.post(SHORTLIST, {"action": "add-all", "tools": slugs})
    # The session, then the same three.
    with django_assert_num_queries(4):
        assert client.get(SHORTLIST).status_code == 200
