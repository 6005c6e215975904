"""What visitors see: Article.objects.published(), including scheduled articles and their time."""

import datetime

import time_machine

from articles.models import Article, Status
from tests.articles.factories import ArticleFactory

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@time_machine.travel(NOW, tick=False)
def test_published_articles_in_the_past_are_public(db):
    article = ArticleFactory(published_at=NOW - HOUR, status=Status.PUBLISHED)
    assert list(Article.objects.published()) == [article]
    assert article.is_published


@time_machine.travel(NOW, tick=False)
def test_drafts_are_never_public_whatever_their_date(db):
    ArticleFactory(published_at=NOW - datetime.timedelta(days=30), status=Status.DRAFT)
    assert not Article.objects.published().exists()


def test_a_scheduled_article_appears_by_itself_at_its_time(db):
    with time_machine.travel(NOW, tick=False) as traveller:
        article = ArticleFactory(published_at=NOW + HOUR, status=Status.SCHEDULED)
        assert not Article.objects.published().exists()
        assert not article.is_published

        traveller.move_to(NOW + HOUR - datetime.timedelta(seconds=1))
        assert not Article.objects.published().exists()

        traveller.move_to(NOW + HOUR)
        assert list(Article.objects.published()) == [article]
        article.refresh_from_db()
        assert article.status == Status.SCHEDULED  # nothing had to flip a flag
        assert article.is_published


@time_machine.travel(NOW, tick=False)
def test_a_published_article_with_a_future_date_waits_for_it(db):
    ArticleFactory(published_at=NOW + datetime.timedelta(days=1), status=Status.PUBLISHED)
    assert not Article.objects.published().exists()


def test_reading_minutes_counts_words_not_tags(db):
    article = ArticleFactory(body_en="<p>" + " ".join(["word"] * 401) + "</p>")
    assert article.reading_minutes == 3
    assert ArticleFactory(body_en="").reading_minutes == 1


def test_rich_text_body_is_sanitized_on_save(db):
    article = ArticleFactory(body_en='<p onclick="x()">Hi<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert "script" not in article.body_en
    assert "onclick" not in article.body_en
