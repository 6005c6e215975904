"""One small site in seven languages, built once per test module.

Every translated object has its text in all seven languages, except the ``english_only`` ones,
whose text exists in English only: they are what a page shows with the fallback note. Their
English text carries the word ``ENGLISH_MARK`` so a test can find where it is shown.
"""

import datetime

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory
from tests.checkup.factories import (
    AnswerOptionFactory,
    DimensionFactory,
    QuestionFactory,
    QuestionnaireFactory,
)
from tests.courses.factories import AttachmentFactory, CourseFactory, LessonFactory
from tests.help.factories import HelpRequestFactory, PeerUseFactory, PilotFactory, ProviderFactory
from tests.i18n.html import parse

LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
ENGLISH_MARK = "Onlyinenglish"
SEARCH_WORD = "zebra"


def translated(field: str, text: str) -> dict:
    """``{field}_{code}`` for all seven languages: "<text> <code>", with no English UI word in it."""
    return {f"{field}_{code}": f"{text} {code}" for code in LANGUAGES}


def english_only(field: str, text: str) -> dict:
    return {f"{field}_en": f"{ENGLISH_MARK} {text}"}


def build_site() -> dict:
    farming = SectorFactory(slug="farming", icon="sprout", **translated("name", "Agro"))
    accounting = NeedFactory(slug="accounting", icon="calculator", **translated("name", "Kalkulo"))
    plain = ToolFactory(
        name="Plainapp",
        slug="plainapp",
        sectors=[farming],
        needs=[accounting],
        **english_only("summary", "plainapp summary"),
        **english_only("description", "<p>plainapp description</p>"),
    )
    tool = ToolFactory(
        name="Gnucash",
        slug="gnucash",
        licence="open_source",
        platforms=["web", "linux"],
        interface_languages=LANGUAGES,
        nonprofit_discount=True,
        sectors=[farming],
        needs=[accounting],
        alternatives=[plain],
        **translated("summary", f"{SEARCH_WORD.capitalize()} gnucash"),
        **translated("description", f"<p>{SEARCH_WORD.capitalize()} opis</p>"),
        **translated("price_note", "Cena"),
        **translated("discount_note", "Rabat"),
    )
    course = CourseFactory(
        slug="bologna-2026",
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 12),
        **translated("title", "Kurso"),
        **translated("summary", "Resumo"),
    )
    lesson = LessonFactory(
        course=course,
        slug="first-steps",
        order=1,
        tools=[tool],
        **translated("title", "Leciono"),
        **translated("body", f"<p>{SEARCH_WORD.capitalize()} teksto</p>"),
    )
    english_lesson = LessonFactory(
        course=course,
        slug="english-lesson",
        order=2,
        **english_only("title", "lesson title"),
        **english_only("body", f"<p>{SEARCH_WORD} lesson body</p>"),
    )
    AttachmentFactory(lesson=lesson, title="Slajdoj")
    category = CategoryFactory(slug="story", **translated("name", "Rakonto"))
    article = ArticleFactory(
        slug="a-story",
        category=category,
        published_at=datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC),
        tools=[tool],
        sectors=[farming],
        **translated("title", "Artikolo"),
        **translated("summary", "Mallonge"),
        **translated("body", f"<p>{SEARCH_WORD.capitalize()} korpo</p>"),
    )
    english_article = ArticleFactory(
        slug="english-story",
        category=category,
        published_at=datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC),
        **english_only("title", "article title"),
        **english_only("summary", "article summary"),
        **english_only("body", f"<p>{SEARCH_WORD} article body</p>"),
    )
    drafts = {
        "tool": ToolFactory(name="Drafttool", slug="draft-tool", status="draft"),
        "course": CourseFactory(slug="draft-course", status="draft"),
        "lesson": LessonFactory(course=course, slug="draft-lesson", order=3, status="draft"),
        "article": ArticleFactory(slug="draft-article", status="draft"),
    }
    LessonFactory(course=drafts["course"], slug="lesson-of-a-draft-course")
    provider = ProviderFactory(
        name="Pomagalo",
        slug="pomagalo",
        countries=["SI", "HR"],
        languages=LANGUAGES,
        tools=[tool],
        needs=[accounting],
        sectors=[farming],
        free_of_charge=True,
        website="https://pomagalo.example.org/",
        **translated("summary", "Pomoc"),
        **translated("description", "<p>Servoj</p>"),
        **translated("regions", "Regiono"),
        **translated("price_note", "Prezo"),
        **translated("nonprofit_terms", "Rabato"),
    )
    english_provider = ProviderFactory(
        name="Plainhelp",
        slug="plainhelp",
        tools=[tool],
        **english_only("summary", "plainhelp summary"),
        **english_only("description", "<p>plainhelp description</p>"),
    )
    PeerUseFactory(tool=tool, wise_name="Kooperativo", sector=farming, **translated("quote", "Citajho"))
    PilotFactory(
        tool=tool, need=accounting, provider=provider, case_story=article, **translated("title", "Piloto")
    )
    drafts["provider"] = ProviderFactory(slug="draft-provider", status="draft")
    help_request = HelpRequestFactory(
        need=accounting, tool=tool, provider=provider, country="SI", route=False
    )
    result_token = build_checkup(farming, accounting, tool, lesson)
    return {
        "result_token": result_token,
        "sector": farming,
        "need": accounting,
        "tool": tool,
        "english_tool": plain,
        "course": course,
        "lesson": lesson,
        "english_lesson": english_lesson,
        "category": category,
        "article": article,
        "english_article": english_article,
        "drafts": drafts,
        "provider": provider,
        "english_provider": english_provider,
        "help_request": help_request,
    }


def build_checkup(sector, need, tool, lesson) -> str:
    """A questionnaire in seven languages and one finished result of it; returns the result's token."""
    from checkup.models import Dimension, Response
    from checkup.services import finish

    questionnaire = QuestionnaireFactory(version=1, **translated("title", "Kontrolo"))
    for order in range(1, 4):
        dimension = DimensionFactory(
            questionnaire=questionnaire,
            slug=f"dimensio-{order}",
            order=order,
            **translated("name", f"Dimensio {order}"),
            **translated("short_name", f"Dim {order}"),
        )
        question = QuestionFactory(
            dimension=dimension,
            order=1,
            needs=[need],
            tools=[tool],
            lessons=[lesson],
            **translated("text", f"Demando {order}"),
            **translated("advice", f"Konsilo {order}"),
        )
        question.options.all().delete()
        for level in range(4):
            AnswerOptionFactory(
                question=question,
                level=level,
                **translated("text", f"Respondo {level}"),
                **(
                    {"flag": "riska", **translated("flag_text", "Risko")} if level == 0 and order == 1 else {}
                ),
            )
    response, token = Response.start(questionnaire, "en")
    response.sector = sector
    response.country = "HR"
    response.budget = "none"
    response.devices = "both"
    response.answers = {
        str(question.pk): {"level": index, "target": 3}
        for index, question in enumerate(q for d in questionnaire.dimensions.all() for q in d.questions.all())
    }
    response.steps_done = [0, 1, 2, 3]
    response.save()
    finish(response, list(Dimension.objects.for_checkup(questionnaire)))
    return token


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The site's data, created once for a module inside a transaction that is rolled back after it.

    Each test still runs in its own (nested) transaction through the ``db`` fixture.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


PAGE_KINDS = [
    "home", "catalogue", "tool", "compare", "courses", "course", "lesson", "mooc", "articles", "article",
    "search", "help", "provider", "help-request", "help-status", "checkup", "checkup-result", "open-data",
    "404",
]  # fmt: skip


def page_urls(site: dict, language: str) -> dict[str, str]:
    """Every kind of public page, in ``language``."""
    tool, course, lesson, article = site["tool"], site["course"], site["lesson"], site["article"]
    return {
        "home": f"/{language}/",
        "catalogue": f"/{language}/catalogue/",
        "tool": f"/{language}/catalogue/{tool.slug}/",
        "compare": f"/{language}/catalogue/compare/?tools={tool.slug},{site['english_tool'].slug}",
        "courses": f"/{language}/courses/",
        "course": f"/{language}/courses/{course.slug}/",
        "lesson": f"/{language}/courses/{course.slug}/{lesson.slug}/",
        "mooc": f"/{language}/mooc/",
        "articles": f"/{language}/articles/",
        "article": f"/{language}/articles/{article.slug}/",
        "search": f"/{language}/search/?q={SEARCH_WORD}",
        "help": f"/{language}/help/",
        "provider": f"/{language}/help/{site['provider'].slug}/",
        "help-request": f"/{language}/help/request/?tool={tool.slug}&provider={site['provider'].slug}",
        "help-status": f"/{language}/help/request/{site['help_request'].token}/",
        "checkup": f"/{language}/check-up/",
        "checkup-result": f"/{language}/check-up/r/{site['result_token']}/",
        "open-data": f"/{language}/open-data/",
        "404": f"/{language}/no-such-page/",
    }


@pytest.fixture(scope="module")
def pages(site):
    """``pages(language, kind)``: (response, parsed page), each page requested once per module."""
    client = Client()
    cache = {}

    def get(language: str, kind: str):
        if (language, kind) not in cache:
            response = client.get(page_urls(site, language)[kind])
            cache[language, kind] = response, parse(response.content)
        return cache[language, kind]

    return get
