"""Dates in every language: British English, and ranges that say the month and year once."""

# ruff: noqa: RUF001 (the en dash of a date range is what these tests read)

import datetime

import pytest
from django.utils import formats, translation

from courses.dates import date_range
from tests.articles.factories import ArticleFactory
from tests.courses.factories import CourseFactory

ONE_DAY = datetime.date(2026, 9, 14)
SAME_MONTH = (datetime.date(2026, 6, 16), datetime.date(2026, 6, 18))
TWO_MONTHS = (datetime.date(2026, 6, 30), datetime.date(2026, 7, 2))
TWO_YEARS = (datetime.date(2026, 12, 30), datetime.date(2027, 1, 2))

EXPECTED = {
    "en": (
        "14 September 2026",
        "16–18 June 2026",
        "30 June – 2 July 2026",
        "30 December 2026 – 2 January 2027",
    ),
    "it": (
        "14 settembre 2026",
        "16–18 giugno 2026",
        "30 giugno – 2 luglio 2026",
        "30 dicembre 2026 – 2 gennaio 2027",
    ),
    "de": (
        "14. September 2026",
        "16.–18. Juni 2026",
        "30. Juni – 2. Juli 2026",
        "30. Dezember 2026 – 2. Januar 2027",
    ),
    "fr": (
        "14 septembre 2026",
        "16–18 juin 2026",
        "30 juin – 2 juillet 2026",
        "30 décembre 2026 – 2 janvier 2027",
    ),
    "sl": (
        "14. septembra 2026",
        "16.–18. junija 2026",
        "30. junija – 2. julija 2026",
        "30. decembra 2026 – 2. januarja 2027",
    ),
    "hr": (
        "14. rujna 2026.",
        "16.–18. lipnja 2026.",
        "30. lipnja – 2. srpnja 2026.",
        "30. prosinca 2026. – 2. siječnja 2027.",
    ),
    "pl": (
        "14 września 2026",
        "16–18 czerwca 2026",
        "30 czerwca – 2 lipca 2026",
        "30 grudnia 2026 – 2 stycznia 2027",
    ),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_ranges_do_not_repeat_what_both_ends_share(language):
    one_day, same_month, two_months, two_years = EXPECTED[language]
    with translation.override(language):
        assert str(date_range(ONE_DAY, None)) == one_day
        assert str(date_range(ONE_DAY, ONE_DAY)) == one_day
        assert str(date_range(*SAME_MONTH)) == same_month
        assert str(date_range(*TWO_MONTHS)) == two_months
        assert str(date_range(*TWO_YEARS)) == two_years


def test_every_language_of_the_site_is_covered(settings):
    assert set(EXPECTED) == {code for code, _name in settings.LANGUAGES}


def test_a_month_first_format_keeps_both_dates_whole(monkeypatch):
    # Should a language write "June 16, 2026", the range is not cut into something wrong.
    monkeypatch.setattr("courses.dates.formats.get_format", lambda name: "F j, Y")
    with translation.override("en"):
        assert str(date_range(*SAME_MONTH)) == "June 16, 2026 – June 18, 2026"


def test_english_dates_are_british():
    with translation.override("en"):
        assert formats.date_format(ONE_DAY, "DATE_FORMAT") == "14 September 2026"
        assert formats.date_format(ONE_DAY, "SHORT_DATE_FORMAT") == "14/09/2026"
        moment = datetime.datetime(2026, 9, 14, 15, 30, tzinfo=datetime.UTC)
        assert formats.date_format(moment, "DATETIME_FORMAT") == "14 September 2026, 15:30"
        assert "Sept." not in formats.date_format(ONE_DAY, "DATE_FORMAT")


@pytest.mark.django_db
def test_pages_show_ranges_with_a_time_element_for_each_end(client):
    course = CourseFactory(start_date=TWO_MONTHS[0], end_date=TWO_MONTHS[1])
    expected = '<time datetime="2026-06-30">30 June</time> – <time datetime="2026-07-02">2 July 2026</time>'
    assert expected in client.get(f"/en/courses/{course.slug}/").content.decode()
    assert expected in client.get("/en/courses/").content.decode()
    html = client.get(f"/it/courses/{course.slug}/").content.decode()
    assert (
        '<time datetime="2026-06-30">30 giugno</time> – <time datetime="2026-07-02">2 luglio 2026</time>'
        in html
    )


@pytest.mark.django_db
def test_a_one_day_course_shows_one_date(client):
    course = CourseFactory(start_date=ONE_DAY, end_date=None)
    html = client.get(f"/en/courses/{course.slug}/").content.decode()
    assert '<dd><time datetime="2026-09-14">14 September 2026</time>\n</dd>' in html


@pytest.mark.django_db
def test_english_article_dates_are_british(client):
    article = ArticleFactory(published_at=datetime.datetime(2026, 9, 14, 10, 0, tzinfo=datetime.UTC))
    with translation.override("en"):
        html = client.get(article.get_absolute_url()).content.decode()
    assert "14 September 2026" in html
    assert "Sept. 14" not in html and "September 14, 2026" not in html
