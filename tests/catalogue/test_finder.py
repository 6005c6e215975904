""" "Start here": five answers, at most three tools, each with why. On the demo catalogue, so the
answers are the ones a WISE would really get."""

import re
from dataclasses import replace

import pytest
from django.db import transaction
from django.http import QueryDict
from django.utils import translation

from catalogue import finder
from catalogue.demo import load
from catalogue.models import Need, PriceModel, Sector, Tool

FINDER = "/en/catalogue/start/"

# A question a WISE of each sector would ask first.
QUESTIONS = {
    "farming": "need=e-commerce&budget=free&device=computer&confidence=some",
    "sustainable-tourism": "need=bookings&budget=small&device=phone&confidence=new",
    "waste-recycling": "need=accounting-invoicing&budget=free&device=computer&confidence=new",
    "green-maintenance": "need=production-logistics&budget=free&device=phone&confidence=new",
    "catering": "need=point-of-sale&budget=small&device=phone&confidence=new",
    "cleaning": "need=hr-shift-planning&budget=free&device=phone&confidence=new",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load()
        yield {"sectors": list(Sector.objects.all()), "needs": list(Need.objects.all())}
        transaction.set_rollback(True)


def answers(query: str, demo) -> finder.Answers:
    return finder.Answers.from_query(QueryDict(query), sectors=demo["sectors"], needs=demo["needs"])


def recommend(query: str, demo, language="en"):
    with translation.override(language):
        results = finder.recommend(answers(query, demo), language=language, **demo)
        # Read in that language, as a template does (the sentences are lazy).
        return [replace(result, reasons=[str(r) for r in result.reasons]) for result in results]


def test_the_demo_has_a_question_for_every_sector(demo):
    assert set(QUESTIONS) == {sector.slug for sector in demo["sectors"]}


@pytest.mark.parametrize("sector", sorted(QUESTIONS))
@translation.override("en")
def test_the_shortlist_for_each_sector(db, demo, sector):
    query = f"sector={sector}&{QUESTIONS[sector]}"
    given = answers(query, demo)
    assert given.next_question is None
    results = recommend(query, demo)
    assert 1 <= len(results) <= finder.RESULTS
    need = next(n for n in demo["needs"] if n.slug == given.need)
    sector_obj = next(s for s in demo["sectors"] if s.slug == sector)
    for result in results:
        tool = result.tool
        assert tool.is_published
        assert need in tool.needs.all()  # what the WISE asked for, always
        assert result.why.startswith("Why it fits: ") and result.why.endswith(".")
        assert len(result.reasons) >= 1
        in_sector = sector_obj in tool.sectors.all()
        assert ("chosen for your sector" in result.why) == in_sector
    # The best fit first; a tool of the sector before one that is not.
    fits = [result.tool.fit for result in results]
    assert fits == sorted(fits, reverse=True)
    serving = Tool.objects.published().filter(needs=need, sectors=sector_obj)
    if serving.exists():
        assert sector_obj in results[0].tool.sectors.all()
    # A free budget puts no paid tool before a free one.
    if given.budget == "free":
        prices = [result.tool.price_model for result in results]
        if PriceModel.PAID in prices:
            assert prices[prices.index(PriceModel.PAID) :] == [PriceModel.PAID] * prices.count(
                PriceModel.PAID
            )
            assert all(r.caution for r in results if r.tool.price_model == PriceModel.PAID)


def test_free_accounting_for_a_waste_recycling_wise_in_croatian(db, demo):
    results = recommend(f"sector=waste-recycling&{QUESTIONS['waste-recycling']}", demo, "hr")
    assert len(results) == finder.RESULTS
    assert all(r.tool.price_model in (PriceModel.FREE, PriceModel.FREEMIUM) for r in results)
    assert all(r.tool.is_available_in("hr") for r in results)


@translation.override("en")
def test_a_beginner_is_warned_about_a_hard_tool(db, demo):
    results = recommend("sector=any&need=e-commerce&budget=free&device=computer&confidence=new", demo)
    hard = [r for r in results if r.tool.skill_level == "advanced"]
    assert all(r.caution == "It takes time to learn: ask for help to set it up." for r in hard)
    assert all("easy to start with" not in r.why for r in hard)


def test_unknown_answers_are_left_unanswered(demo):
    given = answers("sector=<script>&need=website&budget=millions&device=phone&confidence=new", demo)
    assert given == finder.Answers(need="website", device="phone", confidence="new")
    assert given.next_question == "sector"


def test_five_taps_from_the_first_question_to_three_tools(client, db, demo):
    html = client.get(FINDER).content.decode()
    assert "Question 1 of 5" in html
    for number in range(2, 7):
        link = re.search(r'<a class="finder__option" href="([^"]+)"', html).group(1)
        html = client.get(FINDER + link.replace("&amp;", "&")).content.decode()
        if number <= 5:
            assert f"Question {number} of 5" in html
    assert "Tools that fit your answers" in html
    assert 1 <= html.count('class="card finder__result"') <= 3
    assert "Why it fits:" in html
    # Each tool can go to the shortlist, all three at once too.
    assert html.count('class="shortlist-form"') == html.count('class="card finder__result"')
    assert 'name="action" value="add-all"' in html


@pytest.mark.parametrize(
    "query",
    [
        "sector=%3Cscript%3Ealert(1)%3C/script%3E",
        "sector=farming&need=%22%3E%3Cimg%20src=x%3E",
        "budget=" + "x" * 5000,
        "sector=farming&sector=catering&need=website&need=bookings",
        "confidence=new&device=phone&budget=free&need=website&sector=any&extra=1",
    ],
)
def test_the_finder_never_fails_nor_echoes(client, db, demo, query):
    response = client.get(f"{FINDER}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x>" not in html
    # (The language switcher keeps the address, escaped; the page itself shows none of it.)
    main = html[html.index("<main") : html.index("</main>")]
    assert "x" * 100 not in main
    assert "script" not in main.lower().replace('<script src="/static/catalogue/catalogue.js"', "")


def test_an_answer_that_is_not_text_is_refused_before_the_finder_reads_it(client, db, demo):
    # editorial.middleware.MalformedRequestMiddleware (tests/security/test_bad_input.py).
    response = client.get(f"{FINDER}?sector=%00")
    assert response.status_code == 400
    assert "\x00" not in response.content.decode()


def test_answers_can_be_changed(client, db, demo):
    html = client.get(f"{FINDER}?sector=farming&need=website&budget=free").content.decode()
    assert "Question 4 of 5" in html
    assert 'href="?need=website&amp;budget=free">Change' in html  # the sector asked again, the rest kept
    assert 'href="?sector=farming&amp;need=website">Back</a>' in html


@pytest.mark.parametrize("language", ["en", "hr"])
def test_result_page_query_count(client, db, demo, django_assert_max_num_queries, language):
    query = f"sector=catering&{QUESTIONS['catering']}"
    # Sectors, needs, the tools and their sectors.
    with django_assert_max_num_queries(4):
        assert client.get(f"/{language}/catalogue/start/?{query}").status_code == 200
