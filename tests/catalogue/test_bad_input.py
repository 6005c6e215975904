import pytest

from editorial.search import MAX_QUERY_LENGTH
from tests.catalogue.test_filters import listed

ALL = {"gnucash", "invoicer", "sitebuilder", "bigerp"}


@pytest.mark.parametrize(
    "query",
    [
        "sector=nope",
        "sector=",
        "need=nope&need=",
        "licence[]=x",
        "licence=x",
        "platform=amiga",
        "language=xx",
        "level=guru",
        "sort=price",
        "page=abc",
        "page=99999",
        "page=-1",
        "page=0",
        "q=%27%3B+DROP+TABLE+catalogue_tool%3B+--",
        "q=%22unbalanced+%26+%7C+!+%3A*",
        "tools=a,b",
    ],
)
def test_bad_filter_values_never_give_an_error(client, catalogue, query):
    response = client.get(f"/en/catalogue/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["q=%00", "sector=%FF%FE"])
def test_values_that_are_not_text_are_refused_before_the_list_reads_them(client, catalogue, query):
    # editorial.middleware.MalformedRequestMiddleware (tests/security/test_bad_input.py).
    assert client.get(f"/en/catalogue/?{query}").status_code == 400


def test_unknown_value_is_ignored_with_a_message_and_the_good_one_kept(client, catalogue):
    response = client.get("/en/catalogue/?sector=nope&sector=farming")
    assert set(listed(response)) == {"gnucash", "sitebuilder", "bigerp"}
    assert "Some filters were not recognised and were ignored: “nope”." in response.content.decode()


def test_unknown_parameter_is_ignored(client, catalogue):
    response = client.get("/en/catalogue/?licence[]=x")
    assert set(listed(response)) == ALL


def test_malformed_page_shows_the_first_page_and_a_huge_one_the_last(client, catalogue, monkeypatch):
    from catalogue.views import ToolListView

    monkeypatch.setattr(ToolListView, "paginate_by", 3)
    assert listed(client.get("/en/catalogue/?page=abc")) == ["bigerp", "gnucash", "invoicer"]
    assert listed(client.get("/en/catalogue/?page=99999")) == ["sitebuilder"]


def test_very_long_query_is_cut_and_said_so(client, catalogue):
    q = "x" * 5_000  # longer query strings are a 414 (tests/security/test_bad_input.py)
    response = client.get("/en/catalogue/", {"q": q})
    html = response.content.decode()
    assert response.status_code == 200
    assert "only its first 200 characters were used" in html
    main = html[html.index("<main") : html.index("</main>")]
    # The catalogue shows the cut query (the language switcher keeps the address, escaped).
    assert "x" * (MAX_QUERY_LENGTH + 1) not in main
    assert f'value="{"x" * MAX_QUERY_LENGTH}"' in main
    assert response.context["query"] == "x" * MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "'; DROP TABLE catalogue_tool; --",
        "1 OR 1=1",
    ],
)
def test_hostile_query_is_never_reflected_unescaped(client, catalogue, q):
    response = client.get("/en/catalogue/", {"q": q})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html


def test_hostile_filter_value_is_escaped_in_the_message(client, catalogue):
    response = client.get("/en/catalogue/", {"sector": "<b>bold</b>"})
    html = response.content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_sql_in_the_query_does_no_harm(client, catalogue):
    client.get("/en/catalogue/", {"q": "'; DROP TABLE catalogue_tool; --"})
    assert set(listed(client.get("/en/catalogue/"))) == ALL
