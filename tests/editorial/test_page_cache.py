"""The full-page cache: hits without SQL, invalidation by the content version, who bypasses it,
HTTP caching headers, and what no visitor can put into a page served to another."""

import gzip
import io

import pytest
import reversion
import tablib
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.forms import MultiWidget
from django.test import Client
from django.test.utils import CaptureQueriesContext
from import_export.formats.base_formats import CSV

from articles.models import Article
from articles.models import Status as ArticleStatus
from catalogue.models import Tool
from editorial.cache import bump_content_version, content_version
from editorial.models import Status
from tests.articles.factories import ArticleFactory
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory

pytestmark = pytest.mark.django_db


def fetch(client, url, **headers):
    """The response and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


@pytest.fixture
def article(db):
    with reversion.create_revision():
        return ArticleFactory(slug="first-harvest", title_en="The first harvest")


def admin_form_data(response) -> dict:
    """What the admin's change form would send back unchanged: its fields and inline management forms."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        widget = form.fields[name].widget
        if value is None or value is False:
            continue
        if isinstance(widget, MultiWidget):
            data.update({f"{name}_{i}": str(part) for i, part in enumerate(widget.decompress(value))})
        elif value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    return data


def test_the_second_request_is_a_hit_with_no_sql(client, article):
    first, first_queries = fetch(client, "/en/articles/first-harvest/")
    second, second_queries = fetch(client, "/en/articles/first-harvest/")
    assert first["X-Cache"] == "miss" and first_queries > 0
    assert second["X-Cache"] == "hit" and second_queries == 0
    assert second.content == first.content
    assert "The first harvest" in second.content.decode()


def test_an_admin_save_shows_on_the_next_anonymous_request(client, admin_client, article):
    client.get("/en/articles/first-harvest/")
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    data = {**admin_form_data(page), "title_en": "The second harvest"}
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    response, _queries = fetch(client, "/en/articles/first-harvest/")
    assert response["X-Cache"] == "miss"
    assert "The second harvest" in response.content.decode()


def test_publishing_and_deleting_in_the_admin_show_at_once(client, admin_client, article):
    draft = ArticleFactory(slug="winter-plans", title_en="Winter plans", status=Status.DRAFT)
    assert "Winter plans" not in client.get("/en/articles/").content.decode()
    admin_client.post(
        "/admin/articles/article/", {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    assert Article.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert "Winter plans" in client.get("/en/articles/").content.decode()

    admin_client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert "Winter plans" not in client.get("/en/articles/").content.decode()


def test_an_import_shows_at_once(client, db):
    from catalogue.resources import ToolResource

    ToolFactory(slug="hoe", name="Hoe", sectors=[SectorFactory()], needs=[NeedFactory()])
    assert "Hoe and rake" not in client.get("/en/catalogue/").content.decode()
    headers = ["slug", "name"]
    data = CSV().create_dataset(CSV().export_data(tablib.Dataset(["hoe", "Hoe and rake"], headers=headers)))
    result = ToolResource().import_data(data, dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    assert "Hoe and rake" in client.get("/en/catalogue/").content.decode()


def test_a_restore_from_history_shows_at_once(client, article):
    with reversion.create_revision():
        article.title_en = "A renamed harvest"
        article.save()
    assert "A renamed harvest" in client.get("/en/articles/first-harvest/").content.decode()
    reversion.models.Version.objects.get_for_object(article).last().revert()
    html = client.get("/en/articles/first-harvest/").content.decode()
    assert "The first harvest" in html and "A renamed harvest" not in html


def test_a_change_without_signals_needs_the_bump_it_calls(client, article):
    client.get("/en/articles/first-harvest/")
    Article.objects.filter(pk=article.pk).update(title_en="Quietly changed")
    assert "Quietly changed" not in client.get("/en/articles/first-harvest/").content.decode()
    before = content_version()
    bump_content_version()
    assert content_version() > before
    assert "Quietly changed" in client.get("/en/articles/first-harvest/").content.decode()


def test_what_visitors_send_does_not_empty_the_cache(client, db):
    from tests.checkup.factories import QuestionnaireFactory, finished_response

    questionnaire = QuestionnaireFactory()
    before = content_version()
    finished_response(questionnaire)
    assert content_version() == before


def test_staff_and_previews_are_never_cached(client, admin_client, article):
    draft = ArticleFactory(slug="draft-notes", title_en="Draft notes", status=Status.DRAFT)
    response = admin_client.get("/en/articles/first-harvest/")
    assert "X-Cache" not in response and "private" in response["Cache-Control"]
    preview = admin_client.get(f"/en/articles/{draft.slug}/?preview=1")
    assert preview.status_code == 200 and preview["Cache-Control"] == "private, no-store"
    # An anonymous visitor gets neither the staff's page nor the draft.
    anonymous = client.get("/en/articles/first-harvest/")
    assert anonymous["X-Cache"] == "miss"
    assert client.get(f"/en/articles/{draft.slug}/?preview=1").status_code == 404


def test_headers_per_kind_of_page(client, admin_client, article):
    page = client.get("/en/articles/first-harvest/")
    assert page["Cache-Control"].startswith("public")
    assert "max-age=60" in page["Cache-Control"] and "stale-while-revalidate=600" in page["Cache-Control"]
    assert {"Cookie", "Accept-Encoding"} <= {v.strip() for v in page["Vary"].split(",")}
    assert page["ETag"].startswith('W/"') and page["Last-Modified"]
    admin = admin_client.get("/admin/")
    assert "no-store" in admin["Cache-Control"] and "private" in admin["Cache-Control"]
    form_page = client.get("/en/help/request/")
    assert "csrfmiddlewaretoken" in form_page.content.decode()
    assert "public" not in form_page.get("Cache-Control", "") and "X-Cache" not in form_page


def test_a_conditional_get_is_answered_304_until_the_content_changes(client, article):
    etag = client.get("/en/articles/first-harvest/")["ETag"]
    response, queries = fetch(client, "/en/articles/first-harvest/", if_none_match=etag)
    assert response.status_code == 304 and queries == 0 and response["ETag"] == etag
    article.title_en = "Changed"
    article.save()
    response = client.get("/en/articles/first-harvest/", headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_parameter_order_and_unknown_parameters_share_one_entry(client, db):
    ToolFactory(slug="hoe", name="Hoe")
    first = client.get("/en/catalogue/?sort=name&q=hoe")
    again = client.get("/en/catalogue/?q=hoe&utm_source=newsletter&sort=name&page=")
    assert first["X-Cache"] == "miss" and again["X-Cache"] == "hit"
    assert again["ETag"] == first["ETag"]


def test_a_flood_of_random_query_strings_adds_no_entry(client, db):
    client.get("/en/articles/")
    store = caches["pages"]
    before = len(store._cache)
    for number in range(50):
        assert client.get(f"/en/articles/?x{number}={number}")["X-Cache"] == "hit"
    assert client.get("/en/articles/?category=" + "a" * 500).get("X-Cache") is None
    assert len(store._cache) == before


def test_what_one_visitor_puts_in_the_address_never_reaches_another(client, db):
    ToolFactory(slug="hoe", name="Hoe")
    client.get("/en/catalogue/?utm_campaign=sneaky-words-here")
    other = Client().get("/en/catalogue/")
    assert other["X-Cache"] == "hit"
    assert "sneaky-words-here" not in other.content.decode()


def test_a_cached_page_holds_no_token_no_message_and_no_login(client, admin_client, db):
    tool = ToolFactory(slug="hoe", name="Hoe")
    admin_client.get("/en/catalogue/hoe/")
    shortlister = Client()
    shortlister.post(
        "/en/catalogue/shortlist/", {"action": "add", "tool": tool.slug, "next": "/en/catalogue/"}
    )
    shortlister.get("/en/catalogue/hoe/")
    with_message = Client()
    with_message.cookies[CookieStorage.cookie_name] = "x"
    with_message.get("/en/catalogue/hoe/")
    assert not any(True for _ in caches["pages"]._cache), "nobody with state of their own filled the cache"

    page = client.get("/en/catalogue/hoe/")
    html = page.content.decode()
    assert page["X-Cache"] == "miss"
    assert not {"csrftoken", "sessionid", CookieStorage.cookie_name} & set(page.cookies)
    for secret in ("csrfmiddlewaretoken", "Remove from my shortlist", "Log out", "/admin/"):
        assert secret not in html
    assert client.get("/en/catalogue/hoe/")["X-Cache"] == "hit"


def test_compressed_and_plain_pages_are_kept_apart(client, article):
    plain = client.get("/en/articles/first-harvest/")
    client.get("/en/articles/first-harvest/", headers={"accept-encoding": "gzip, br"})
    zipped = client.get("/en/articles/first-harvest/", headers={"accept-encoding": "gzip, br"})
    assert zipped["X-Cache"] == "hit" and zipped["Content-Encoding"] == "gzip"
    assert gzip.GzipFile(fileobj=io.BytesIO(zipped.content)).read() == plain.content
    assert client.get("/en/articles/first-harvest/")["X-Cache"] == "hit"


def test_the_page_cache_can_be_switched_off(client, settings, article):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/articles/first-harvest/")
    response, queries = fetch(client, "/en/articles/first-harvest/")
    assert "X-Cache" not in response and queries > 0


def test_tools_saved_by_the_model_show_at_once_in_every_language(client, db):
    tool = ToolFactory(slug="hoe", name="Hoe", summary_en="Digs.", summary_it="Scava.")
    for language in ("en", "it"):
        client.get(f"/{language}/catalogue/hoe/")
    Tool.objects.get(pk=tool.pk).save()
    tool.summary_it = "Scava la terra."
    tool.save()
    assert "Scava la terra." in client.get("/it/catalogue/hoe/").content.decode()


def test_a_scheduled_article_appears_at_its_time_on_cached_pages(client, db):
    import datetime

    import time_machine
    from django.utils import timezone

    now = timezone.now()
    ArticleFactory(
        slug="soon",
        title_en="Coming soon",
        status=ArticleStatus.SCHEDULED,
        published_at=now + datetime.timedelta(hours=1),
    )
    assert "Coming soon" not in client.get("/en/articles/").content.decode()
    assert client.get("/en/articles/")["X-Cache"] == "hit"
    with time_machine.travel(now + datetime.timedelta(hours=2)):
        response = client.get("/en/articles/")
        assert response["X-Cache"] == "miss" and "Coming soon" in response.content.decode()
        assert client.get("/en/articles/")["X-Cache"] == "hit"


def test_what_is_kept_per_version_is_computed_once_per_version_and_day(db, monkeypatch):
    import datetime

    from django.utils import timezone

    from editorial.cache import bump_content_version, kept_per_version

    computed = []
    kept = kept_per_version(lambda: computed.append(1) or len(computed), daily=True)
    assert kept() == kept() == 1
    bump_content_version()
    assert kept() == 2
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2031, 1, 1))
    assert kept() == 3
    monkeypatch.setattr("editorial.cache.content_version", lambda: None)
    assert kept() is None  # nothing kept is trusted, nothing computed
    assert len(computed) == 3
