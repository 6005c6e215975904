"""The issue's "done when" story on the real tool admin: a partner editor writes a tool in Italian,
sees it missing in 6 languages, translates it, publishes it, changes it and restores the earlier
version; previews the draft; exports and imports only their own organisation's tools."""

import io
import re

import pytest
from django.urls import reverse
from import_export.formats.base_formats import CSV
from reversion.models import Version

from catalogue.models import Need, Sector, Tool
from catalogue.resources import ToolResource
from editorial.concurrency import TOKEN_FIELD
from tests.organisations.conftest import make_tool

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "it", "de", "fr", "sl", "hr", "pl"]


@pytest.fixture
def taxonomy(db):
    return Sector.objects.create(name="Farming", slug="farming"), Need.objects.create(
        name="Accounting", slug="accounting"
    )


# The tool form's inline (its nonprofit offers), sent empty as a browser sends it.
NO_OFFERS = {"nonprofit_offers-TOTAL_FORMS": "0", "nonprofit_offers-INITIAL_FORMS": "0"}


def form_data(client, url):
    """The change form's current values, as a browser would send them back."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): str(management[name].value()) for name in management.fields}
        )
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    return data


def test_write_in_italian_translate_publish_change_restore(client, editor_a, org_a, taxonomy):
    sector, need = taxonomy
    client.force_login(editor_a)
    add = {
        "name": "Agenda",
        "slug": "agenda",
        "status": "draft",
        "licence": "",  # not chosen yet: a draft saves all the same
        "skill_level": "starter",
        "last_verified": "2026-01-01",
        "summary_it": "Un'agenda condivisa per la cooperativa.",
        **NO_OFFERS,
    }
    response = client.post(reverse("admin:catalogue_tool_add"), add)
    assert response.status_code == 302, response.context["adminform"].form.errors
    tool = Tool.objects.get(slug="agenda")
    assert tool.organisation == org_a and tool.status == "draft"

    status_page = client.get(reverse("admin:organisations_translationstatus_changelist")).content.decode()
    assert "missing in 6 languages" in status_page
    change_url = reverse("admin:catalogue_tool_change", args=[tool.pk])
    assert f"{change_url}#tab_id_summary_en" in status_page

    # Publishing without English, licence, price model, sectors and needs names each missing thing.
    data = form_data(client, change_url)
    response = client.post(change_url, {**data, "status": "published"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"summary_en", "licence", "price_model", "sectors", "needs"}

    # Translate into every language, choose sector and need, publish.
    data = form_data(client, change_url)
    data.update({f"summary_{code}": f"Agenda ({code})" for code in LANGUAGES if code != "it"})
    data.update(
        {
            "licence": "proprietary",
            "price_model": "free",
            "sectors": [str(sector.pk)],
            "needs": [str(need.pk)],
            "status": "published",
        }
    )
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    tool.refresh_from_db()
    assert tool.status == "published"
    status_page = client.get(reverse("admin:organisations_translationstatus_changelist"))
    [tools] = [status for status in status_page.context["statuses"] if status.model is Tool]
    assert tools.complete == dict.fromkeys(LANGUAGES, 1)

    # Change it, then restore the published version: every language comes back.
    published_version = Version.objects.get_for_object(tool).first()
    data = form_data(client, change_url)
    data.update({f"summary_{code}": "Changed" for code in LANGUAGES})
    assert client.post(change_url, data).status_code == 302
    revision_url = reverse("admin:catalogue_tool_revision", args=[tool.pk, published_version.pk])
    assert client.post(revision_url, form_data(client, revision_url)).status_code == 302
    tool.refresh_from_db()
    assert tool.summary_de == "Agenda (de)" and tool.summary_it == "Un'agenda condivisa per la cooperativa."


def test_a_stale_tool_form_is_refused(client, editor_a, org_a, taxonomy):
    tool = make_tool(org_a, "shared")
    client.force_login(editor_a)
    url = reverse("admin:catalogue_tool_change", args=[tool.pk])
    data = form_data(client, url)
    assert data[TOKEN_FIELD]
    Tool.objects.filter(pk=tool.pk).update(summary_en="Someone else's")
    response = client.post(url, {**data, "summary_en": "Mine"})
    assert response.status_code == 200
    assert "since you opened it" in " ".join(response.context["adminform"].form.non_field_errors())
    tool.refresh_from_db()
    assert tool.summary_en == "Someone else's"


def test_draft_preview_on_the_public_page(client, editor_a, editor_b, org_a):
    tool = make_tool(org_a, "draft-tool")
    page = tool.get_absolute_url()
    assert client.get(page).status_code == 404
    assert client.get(page + "?preview=1").status_code == 404
    client.force_login(editor_b)
    assert client.get(page + "?preview=1").status_code == 404
    client.force_login(editor_a)
    assert client.get(page).status_code == 404
    response = client.get(page + "?preview=1")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_export_from_the_tool_admin_holds_only_own_tools_and_every_language(client, editor_a, org_a, org_b):
    make_tool(org_a, "ours", summary_pl="Nasze")
    make_tool(org_b, "theirs")
    client.force_login(editor_a)
    response = client.get(reverse("admin:catalogue_tool_export"))
    assert response.status_code == 200
    fields = {name: "on" for name in response.context["form"].fields if name.startswith("toolresource_")}
    response = client.post(reverse("admin:catalogue_tool_export"), {"format": "0", "resource": "0", **fields})
    body = response.content.decode()
    header = body.splitlines()[0]
    assert all(f"summary_{code}" in header for code in LANGUAGES)
    assert "ours" in body and "Nasze" in body and "theirs" not in body


def test_import_through_the_tool_admin(client, editor_a, org_a, org_b, taxonomy):
    make_tool(org_b, "theirs")
    headers = [
        "slug",
        "name",
        "licence",
        "price_model",
        "status",
        "sectors",
        "needs",
        "summary_en",
        "summary_it",
    ]
    good = ["new-one", "New One", "open_source", "free", "draft", "farming", "accounting", "New", "Nuovo"]
    bad_sector = [
        "new-two",
        "New Two",
        "proprietary",
        "free",
        "draft",
        "farming|moon-mining",
        "accounting",
        "Two",
        "Due",
    ]
    foreign = [
        "theirs",
        "Theirs",
        "proprietary",
        "free",
        "draft",
        "farming",
        "accounting",
        "Overwrite",
        "Sovrascrivi",
    ]
    import tablib

    def upload(*rows):
        content = CSV().export_data(tablib.Dataset(*rows, headers=headers)).encode()
        handle = io.BytesIO(content)
        handle.name = "tools.csv"
        return client.post(reverse("admin:catalogue_tool_import"), {"import_file": handle, "format": 0})

    client.force_login(editor_a)
    response = upload(good, bad_sector, foreign)
    assert response.status_code == 200
    result = response.context["result"]
    assert {row.number for row in result.invalid_rows} == {2, 3}
    html = response.content.decode()
    # Another partner's tool is not named or revealed: its slug is simply taken.
    assert "moon-mining" in html and "is already taken" in html
    assert not Tool.objects.filter(slug__startswith="new-").exists()
    assert Tool.objects.get(slug="theirs").summary_en != "Overwrite"

    response = upload(good)
    assert response.context["result"].totals["new"] == 1
    assert not Tool.objects.filter(slug="new-one").exists()  # the dry run wrote nothing
    response = client.post(
        reverse("admin:catalogue_tool_process_import"), response.context["confirm_form"].initial
    )
    assert response.status_code == 302
    created = Tool.objects.get(slug="new-one")
    assert created.organisation == org_a and created.summary_it == "Nuovo"
    assert re.fullmatch(r"[a-z-]+", created.slug)


def test_tool_resource_covers_every_translated_field():
    columns = set(ToolResource().get_export_headers())
    for name in ("summary", "description", "price_note", "discount_note"):
        assert {f"{name}_{code}" for code in LANGUAGES} <= columns


def test_tool_changelist_offers_import_export_and_recover(client, editor_a):
    client.force_login(editor_a)
    html = client.get(reverse("admin:catalogue_tool_changelist")).content.decode()
    for name in ("import", "export", "recoverlist"):
        assert reverse(f"admin:catalogue_tool_{name}") in html


def test_a_file_with_wrong_columns_is_refused_with_a_message(client, editor_a):
    handle = io.BytesIO(b"colour,size\nred,big\n")
    handle.name = "tools.csv"
    client.force_login(editor_a)
    response = client.post(reverse("admin:catalogue_tool_import"), {"import_file": handle, "format": 0})
    assert response.status_code == 200
    assert "slug" in response.content.decode()
    assert not response.context.get("confirm_form")
    assert not Tool.objects.exists()
