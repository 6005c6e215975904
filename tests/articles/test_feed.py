import datetime
import xml.etree.ElementTree as ET

import time_machine
from django.utils import timezone

from articles.models import Status
from tests.articles.factories import ArticleFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_has_one_entry_per_published_article(client, db):
    ArticleFactory(slug="one", title_en="One", title_de="Eins")
    ArticleFactory(slug="two", title_en="Two")
    ArticleFactory(slug="draft", status=Status.DRAFT)
    ArticleFactory(slug="later", published_at=timezone.now() + datetime.timedelta(days=2))

    feed = parse(client.get("/de/articles/feed/"))

    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    titles = {entry.find(f"{ATOM}title").text for entry in entries}
    assert titles == {"Eins", "Two"}  # German where translated, else English
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert links == {"http://testserver/de/articles/one/", "http://testserver/de/articles/two/"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/de/articles/feed/"


def test_feed_per_language(client, db):
    ArticleFactory(slug="one", title_en="One", title_pl="Jeden")
    feed = parse(client.get("/pl/articles/feed/"))
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Jeden"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/pl/articles/one/"


def test_feed_escapes_content(client, db):
    ArticleFactory(title_en="Tools & <tricks>", summary_en="A < B & C")
    feed = parse(client.get("/en/articles/feed/"))
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Tools & <tricks>"


def test_scheduled_article_enters_the_feed_at_its_time(client, db):
    now = timezone.now()
    ArticleFactory(status=Status.SCHEDULED, published_at=now + datetime.timedelta(hours=1))
    assert parse(client.get("/en/articles/feed/")).findall(f"{ATOM}entry") == []
    with time_machine.travel(now + datetime.timedelta(hours=2)):
        assert len(parse(client.get("/en/articles/feed/")).findall(f"{ATOM}entry")) == 1


def test_empty_feed_is_valid_xml(client, db):
    feed = parse(client.get("/fr/articles/feed/"))
    assert feed.tag == f"{ATOM}feed"
