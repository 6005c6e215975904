"""Every content admin (tools, courses, lessons, articles) on the real admin site: a partner
editor of organisation A cannot list, view, change, delete, see the history of or recover an
object of organisation B; the site manager can. (Attachments have no admin of their own: they
are edited inside their lesson, and tests/courses covers who may download a draft's files.)"""

import datetime

import pytest
import reversion
from django.contrib import admin
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.urls import reverse
from reversion.models import Version

from editorial.admin import PartnerContentAdmin
from tests.organisations.conftest import make_tool

pytestmark = pytest.mark.django_db


def make_course(organisation, slug):
    from courses.models import Course

    return Course.objects.create(
        slug=slug, title_en=f"{slug} course", start_date=datetime.date(2026, 3, 1), organisation=organisation
    )


def make_lesson(organisation, slug):
    from courses.models import Lesson

    return Lesson.objects.create(course=make_course(organisation, f"{slug}-course"), slug=slug, title_en=slug)


def make_article(organisation, slug):
    from articles.models import Article, Category

    category, _created = Category.objects.get_or_create(slug="guides", defaults={"name_en": "Guides"})
    return Article.objects.create(
        slug=slug,
        title_en=f"{slug} title",
        summary_en="Summary",
        category=category,
        organisation=organisation,
    )


MAKERS = {
    "catalogue.tool": make_tool,
    "courses.course": make_course,
    "courses.lesson": make_lesson,
    "articles.article": make_article,
}


@pytest.fixture(params=sorted(MAKERS))
def content(request, org_a, org_b):
    from django.apps import apps

    model = apps.get_model(request.param)
    model_admin = admin.site._registry.get(model)
    assert isinstance(model_admin, PartnerContentAdmin), f"{request.param}: not scoped to organisations"
    make = MAKERS[request.param]
    with reversion.create_revision():
        ours = make(org_a, "ours")
    with reversion.create_revision():
        theirs = make(org_b, "theirs")
    return model, ours, theirs


def url(model, name, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


def snapshot(obj):
    obj.refresh_from_db()
    values = model_to_dict(obj)
    return {key: str(value) if isinstance(value, FieldFile) else value for key, value in values.items()}


def test_changelist_hides_other_organisations(client, editor_a, manager, content):
    model, ours, theirs = content
    client.force_login(editor_a)
    listed = {obj.pk for obj in client.get(url(model, "changelist")).context["cl"].result_list}
    assert ours.pk in listed and theirs.pk not in listed
    client.force_login(manager)
    listed = {obj.pk for obj in client.get(url(model, "changelist")).context["cl"].result_list}
    assert {ours.pk, theirs.pk} <= listed


def test_change_view_and_crafted_post_are_refused(client, editor_a, content):
    model, ours, theirs = content
    before = snapshot(theirs)
    client.force_login(editor_a)
    assert client.get(url(model, "change", ours.pk)).status_code == 200
    assert client.get(url(model, "change", theirs.pk)).status_code == 403
    crafted = {key: value for key, value in before.items() if isinstance(value, (str, int, bool))}
    crafted.update({"title_en": "Hijacked", "summary_en": "Hijacked", "name": "Hijacked"})
    assert client.post(url(model, "change", theirs.pk), crafted).status_code == 403
    assert snapshot(theirs) == before


def test_delete_is_refused(client, editor_a, content):
    model, _ours, theirs = content
    client.force_login(editor_a)
    assert client.get(url(model, "delete", theirs.pk)).status_code == 403
    assert client.post(url(model, "delete", theirs.pk), {"post": "yes"}).status_code == 403
    assert model._default_manager.filter(pk=theirs.pk).exists()


def test_history_views_are_refused(client, editor_a, manager, content):
    model, _ours, theirs = content
    version = Version.objects.get_for_object(theirs).first()
    client.force_login(editor_a)
    assert client.get(url(model, "history", theirs.pk)).status_code == 403
    if version is not None:
        assert client.get(url(model, "revision", theirs.pk, version.pk)).status_code == 403
    client.force_login(manager)
    assert client.get(url(model, "history", theirs.pk)).status_code == 200


def test_recover_is_refused_for_another_organisations_deleted_object(client, editor_a, manager, content):
    model, _ours, theirs = content
    client.force_login(manager)
    assert client.post(url(model, "delete", theirs.pk), {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(model).filter(object_id=str(theirs.pk)).first()
    assert deleted is not None, "deleting keeps a version to recover from"
    client.force_login(editor_a)
    response = client.get(url(model, "recoverlist"))
    assert deleted.pk not in {version.pk for version in response.context["deleted"]}
    assert client.get(url(model, "recover", deleted.pk)).status_code == 403
    client.force_login(manager)
    assert client.get(url(model, "recover", deleted.pk)).status_code == 200
