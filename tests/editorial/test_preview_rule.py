"""One preview rule for every detail page and every file of a draft: ``?preview=1``, asked for by
an active staff user of the owning organisation (or a site manager); everybody else gets 404."""

import pytest

from editorial.models import Status
from tests.articles.factories import ArticleFactory
from tests.catalogue.factories import ToolFactory
from tests.courses.factories import AttachmentFactory, CourseFactory, LessonFactory
from tests.organisations.factories import OrganisationFactory, editor_of, site_manager

pytestmark = pytest.mark.django_db


def draft_tool(organisation):
    return ToolFactory(organisation=organisation, status=Status.DRAFT)


def draft_course(organisation):
    return CourseFactory(organisation=organisation, status=Status.DRAFT)


def draft_lesson(organisation):
    return LessonFactory(course=CourseFactory(organisation=organisation), status=Status.DRAFT)


def draft_article(organisation):
    return ArticleFactory(organisation=organisation, status=Status.DRAFT)


def draft_attachment(organisation):
    return AttachmentFactory(lesson=draft_lesson(organisation))


DRAFTS = [draft_tool, draft_course, draft_lesson, draft_article, draft_attachment]


@pytest.fixture
def owner():
    return OrganisationFactory(slug="owner")


@pytest.mark.parametrize("make", DRAFTS, ids=lambda make: make.__name__)
def test_a_draft_is_seen_only_when_previewed_by_those_who_may(client, owner, make):
    url = make(owner).get_absolute_url()
    preview = f"{url}?preview=1"
    assert client.get(url).status_code == 404
    assert client.get(preview).status_code == 404

    client.force_login(editor_of(OrganisationFactory(slug="another")))
    assert client.get(preview).status_code == 404

    for user in (editor_of(owner), site_manager()):
        client.force_login(user)
        assert client.get(url).status_code == 404  # not without asking for the preview
        response = client.get(preview)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("make", DRAFTS[:4], ids=lambda make: make.__name__)
def test_a_previewed_draft_page_says_it_is_not_public(client, owner, make):
    obj = make(owner)
    client.force_login(editor_of(owner))
    html = client.get(f"{obj.get_absolute_url()}?preview=1").content.decode()
    assert 'class="notice notice--warning preview-banner"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
