"""History and restore: every language of the old text comes back."""

import pytest
from reversion.models import Version

from catalogue.models import Tool
from tests.organisations.conftest import admin_url
from tests.organisations.test_admin_scoping import change_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organisations.urls")]


def test_a_change_is_recorded_and_restore_brings_back_every_language(client, editor_a, tool_a):
    client.force_login(editor_a)
    original = Version.objects.get_for_object(tool_a).get()
    response = client.post(
        admin_url("change", tool_a.pk),
        change_data(tool_a, summary_en="Rewritten", summary_it="Riscritto", summary_de="Neu geschrieben"),
    )
    assert response.status_code == 302
    versions = Version.objects.get_for_object(tool_a)
    assert versions.count() == 2
    assert versions.first().revision.user == editor_a

    history = client.get(admin_url("history", tool_a.pk))
    assert history.status_code == 200
    compare = client.get(
        admin_url("compare", tool_a.pk) + f"?version_id1={original.pk}&version_id2={versions.first().pk}"
    )
    assert compare.status_code == 200
    assert "Rewritten" in compare.content.decode()

    # The restore form shows the old text; saving it restores it.
    form = client.get(admin_url("revision", tool_a.pk, original.pk))
    assert form.status_code == 200
    assert "tool-a in italiano" in form.content.decode()
    tool_a.refresh_from_db()
    assert tool_a.summary_it == "Riscritto"  # opening the form changes nothing

    restored = client.post(
        admin_url("revision", tool_a.pk, original.pk),
        change_data(
            Tool.objects.get(pk=tool_a.pk), summary_en="tool-a in English", summary_it="tool-a in italiano"
        ),
    )
    assert restored.status_code == 302
    tool_a.refresh_from_db()
    assert tool_a.summary_en == "tool-a in English"
    assert tool_a.summary_it == "tool-a in italiano"
    assert not tool_a.summary_de
    assert Version.objects.get_for_object(tool_a).count() == 3


def test_a_deleted_tool_can_be_recovered_with_all_languages(client, editor_a, tool_a):
    client.force_login(editor_a)
    assert client.post(admin_url("delete", tool_a.pk), {"post": "yes"}).status_code == 302
    assert not Tool.objects.filter(slug="tool-a").exists()

    listing = client.get(admin_url("recoverlist"))
    [deleted] = listing.context["deleted"]
    form = client.get(admin_url("recover", deleted.pk))
    assert form.status_code == 200
    response = client.post(
        admin_url("recover", deleted.pk),
        change_data(
            Tool(
                name="Tool-A",
                slug="tool-a",
                summary_en="tool-a in English",
                summary_it="tool-a in italiano",
                licence="proprietary",
                price_model="free",
                status="draft",
            )
        ),
    )
    assert response.status_code == 302
    recovered = Tool.objects.get(slug="tool-a")
    assert recovered.summary_it == "tool-a in italiano"
    assert recovered.organisation.slug == "org-a"


def test_restoring_an_old_course_keeps_the_lessons_added_since(client, manager, org_a):
    import datetime

    import reversion
    from django.urls import reverse

    from courses.models import Course, Lesson

    with reversion.create_revision():
        course = Course.objects.create(
            slug="c", title_en="Old title", start_date=datetime.date(2026, 1, 1), organisation=org_a
        )
    old = Version.objects.get_for_object(course).get()
    with reversion.create_revision():
        course.title_en = "New title"
        course.save()
        Lesson.objects.create(course=course, slug="added-later", title_en="Added later")

    client.force_login(manager)
    url = reverse("admin:courses_course_revision", args=[course.pk, old.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        key: value
        for key, value in form.context["adminform"].form.initial.items()
        if isinstance(value, (str, int)) and value is not None
    }
    for prefix, formset in ((fs.formset.prefix, fs.formset) for fs in form.context["inline_admin_formsets"]):
        management = formset.management_form
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for index, inline_form in enumerate(formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[f"{prefix}-{index}-{name}"] = value.pk if hasattr(value, "pk") else value
    data["start_date"] = "2026-01-01"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    course.refresh_from_db()
    assert course.title_en == "Old title"
    assert Lesson.objects.filter(slug="added-later").exists()
