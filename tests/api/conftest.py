"""A small published site with drafts beside everything, for the API's tests."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from tests.api.factories import (
    ArticleFactory,
    CourseFactory,
    LessonFactory,
    NeedFactory,
    SectorFactory,
    ToolFactory,
    translated,
)
from tests.checkup.factories import DimensionFactory, QuestionFactory, QuestionnaireFactory
from tests.help.factories import ProviderFactory

LONG_EN = (
    "<p>GnuCash keeps the books of a small cooperative: invoices, bank accounts and VAT in one place.</p>"
    "<p>It runs on the office computer, without an internet connection.</p>"
    "<ul><li>Double-entry bookkeeping</li><li>Reports for the accountant</li></ul>"
)
LONG_HR = (
    "<p>GnuCash vodi knjige male zadruge: račune, bankovne račune i PDV na jednom mjestu.</p>"
    "<p>Radi na uredskom računalu, bez internetske veze, i ne traži pretplatu.</p>"
)


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """The throttle counts requests in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The small site, built once per test module inside a transaction rolled back after it
    (each test still runs in its own nested transaction, through ``data``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def data(site, db):
    """The small site, as the database has it at the start of each test."""
    for obj in site.values():
        obj.refresh_from_db()
    return site


def build_site() -> dict:
    farming = SectorFactory(
        slug="farming", **translated("name", "Farming"), **translated("description", "Crops")
    )
    waste = SectorFactory(slug="waste-recycling", **translated("name", "Waste"))
    accounting = NeedFactory(slug="accounting-invoicing", **translated("name", "Accounting"))
    office = NeedFactory(slug="office-collaboration", **translated("name", "Office"))
    draft_tool = ToolFactory(
        name="Secret draft", slug="secret-draft", status="draft", licence="open_source",
        spdx_licence="MIT", source_code="https://example.org/secret.git", sectors=[waste], needs=[accounting],
    )  # fmt: skip
    invoicer = ToolFactory(
        name="Invoicer", slug="invoicer", licence="free", platforms=["web"], interface_languages=["en", "hr"],
        sectors=[waste], needs=[accounting],
        summary_en="Invoices in the browser.", summary_hr="Računi u pregledniku.",
    )  # fmt: skip
    sitebuilder = ToolFactory(
        name="Sitebuilder", slug="sitebuilder", licence="freemium", platforms=["web", "android"],
        interface_languages=["en", "de"], sectors=[farming], needs=[office],
        summary_en="Websites, English only.",
    )  # fmt: skip
    gnucash = ToolFactory(
        name="GnuCash", slug="gnucash", licence="open_source", spdx_licence="GPL-2.0-or-later",
        source_code="https://github.com/Gnucash/gnucash", website="https://www.gnucash.org/",
        platforms=["windows", "macos", "linux"], interface_languages=["en", "hr", "it"],
        skill_level="intermediate",
        sectors=[farming, waste], needs=[accounting, office], alternatives=[invoicer, draft_tool],
        **translated("summary", "Bookkeeping"), description_en=LONG_EN, description_hr=LONG_HR,
    )  # fmt: skip
    course = CourseFactory(slug="bologna-2026", **translated("title", "Course"))
    lesson = LessonFactory(
        course=course,
        slug="first-steps",
        order=1,
        tools=[gnucash, draft_tool],
        **translated("title", "Lesson"),
    )
    draft_lesson = LessonFactory(course=course, slug="draft-lesson", order=2, status="draft")
    draft_course = CourseFactory(slug="draft-course", status="draft")
    LessonFactory(course=draft_course, slug="lesson-of-a-draft-course")
    article = ArticleFactory(
        slug="a-story", tools=[gnucash, draft_tool], sectors=[waste], **translated("title", "Story"),
    )  # fmt: skip
    draft_article = ArticleFactory(slug="draft-article", status="draft")
    scheduled = ArticleFactory(
        slug="later", status="scheduled", published_at=timezone.now() + datetime.timedelta(days=3)
    )
    provider = ProviderFactory(
        name="Coop IT", slug="coop-it", countries=["IT", "SI"], languages=["it", "sl"],
        needs=[accounting], sectors=[farming], tools=[gnucash, draft_tool],
        contact_name="Mario Rossi", contact_email="mario@coop-it.example.org",
        **translated("summary", "Set-up"),
    )  # fmt: skip
    ProviderFactory(name="Draft help", slug="draft-help", status="draft")
    ProviderFactory(
        name="Expired help",
        slug="expired-help",
        verified_on=timezone.localdate() - datetime.timedelta(days=900),
    )
    QuestionnaireFactory(version=1, title_en="Old check-up")
    questionnaire = QuestionnaireFactory(version=2, **translated("title", "Check-up"))
    QuestionnaireFactory(version=3, title_en="Next check-up", status="draft")
    dimension = DimensionFactory(
        questionnaire=questionnaire, slug="strategy", **translated("name", "Strategy")
    )
    QuestionFactory(dimension=dimension, needs=[office], **translated("text", "A plan?"))
    return {
        "provider": provider, "questionnaire": questionnaire,
        "farming": farming, "waste": waste, "accounting": accounting, "office": office,
        "gnucash": gnucash, "invoicer": invoicer, "sitebuilder": sitebuilder, "draft_tool": draft_tool,
        "course": course, "lesson": lesson, "draft_lesson": draft_lesson, "draft_course": draft_course,
        "article": article, "draft_article": draft_article, "scheduled_article": scheduled,
    }  # fmt: skip


@pytest.fixture
def get(client):
    """``get(url, **headers)``: the response, its JSON decoded as ``response.data_json`` when it is JSON."""

    def fetch(url, **headers):
        response = client.get(url, headers=headers)
        if response["Content-Type"].startswith("application/json"):
            response.data_json = response.json()
        return response

    return fetch
