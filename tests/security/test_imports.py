"""Nothing an editor imports, types or restores can take a public page down; the import's
temporary file is the editor's own upload; import messages name no other partner's content."""

import io

import pytest
import reversion
import tablib
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from import_export.formats.base_formats import CSV
from reversion.models import Version

from catalogue.models import Need, Sector, Tool
from catalogue.resources import ToolResource
from editorial.models import Status
from editorial.storage import private_storage
from tests.organisations.conftest import make_tool
from tests.sitemaps import section_urls

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/en/catalogue/", "/en/search/?q=tool", "/sitemap.xml", "/en/"]
HEADERS = [
    "slug",
    "name",
    "status",
    "licence",
    "website",
    "interface_languages",
    "sectors",
    "needs",
    "summary_en",
]


@pytest.fixture
def taxonomy(db):
    return Sector.objects.create(name="Farming", slug="farming"), Need.objects.create(
        name="Accounting", slug="accounting"
    )


def row(slug, /, **extra):
    values = {
        "slug": extra.pop("slug", slug),
        "name": slug.title(),
        "status": "published",
        "licence": "free",
        "website": "https://example.org/",
        "interface_languages": "en",
        "sectors": "farming",
        "needs": "accounting",
        "summary_en": "A good tool.",
        **extra,
    }
    return [values[name] for name in HEADERS]


def csv_bytes(*rows):
    return CSV().export_data(tablib.Dataset(*rows, headers=HEADERS)).encode()


def upload(client, content: bytes, name="tools.csv"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post("/admin/catalogue/tool/import/", {"import_file": handle, "format": 0, "resource": 0})


def assert_public_pages_answer(client, tool_slugs=()):
    visitor = Client()
    sections = section_urls(visitor)  # every page of the sitemap index, the tools' included
    for url in [*PUBLIC_PAGES, *sections, *(f"/en/catalogue/{slug}/" for slug in tool_slugs)]:
        response = visitor.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)


BAD_CELLS = [
    {"slug": "bad slug!"},
    {"slug": "ščž"},
    {"website": "javascript:alert(document.domain)"},
    {"website": "data:text/html,<script>alert(1)</script>"},
    {"interface_languages": "zz"},
    {"interface_languages": "en,zz"},
    {"licence": "stolen"},
    {"status": "leaked"},
]


@pytest.mark.parametrize("bad", BAD_CELLS, ids=lambda bad: "-".join(f"{k}={v}" for k, v in bad.items()))
def test_an_invalid_import_row_is_refused_and_every_public_page_still_answers(
    client, editor_a, taxonomy, bad
):
    client.force_login(editor_a)
    good = make_tool(editor_a.membership.organisation, "already-there", status=Status.PUBLISHED)
    response = upload(client, csv_bytes(row("fine-tool"), row("broken-tool", **bad)))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors() or result.has_errors()
    assert not Tool.objects.filter(slug__in=["fine-tool", "broken-tool", *bad.values()]).exists()
    assert_public_pages_answer(client, [good.slug])


def test_the_resource_refuses_the_same_rows_without_the_admin(editor_a, taxonomy):
    data = tablib.Dataset(
        row("x", slug="bad slug!"), row("y", website="javascript:alert(1)"), headers=HEADERS
    )
    result = ToolResource(user=editor_a).import_data(
        data, dry_run=False, use_transactions=True, user=editor_a
    )
    assert result.has_validation_errors()
    assert not Tool.objects.exists()


def test_another_partners_draft_slug_is_taken_without_being_named(client, editor_a, org_b, taxonomy):
    make_tool(org_b, "their-secret-plan", name="Their secret plan", status=Status.DRAFT)
    client.force_login(editor_a)
    response = upload(client, csv_bytes(row("their-secret-plan")))
    html = response.content.decode()
    assert "is already taken" in html
    assert "Their secret plan" not in html
    assert "Org B" not in html and "org-b" not in html
    assert "another organisation" not in html


def tool_form_data(response):
    """What a browser would send back: the change form's current values."""
    form = response.context["adminform"].form
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item.pk if hasattr(item, "pk") else item) for item in value]
        else:
            data[bound.html_name] = "on" if value is True else str(value)
    return data


@pytest.mark.parametrize(
    "bad",
    [
        {"slug": "bad slug!"},
        {"website": "javascript:alert(document.domain)"},
        {"interface_languages": ["zz"]},
    ],
    ids=["slug", "website", "language"],
)
def test_the_admin_form_refuses_the_same_values(client, editor_a, taxonomy, bad):
    tool = make_tool(editor_a.membership.organisation, "good-tool", status=Status.PUBLISHED)
    client.force_login(editor_a)
    data = tool_form_data(client.get(f"/admin/catalogue/tool/{tool.pk}/change/"))
    response = client.post(f"/admin/catalogue/tool/{tool.pk}/change/", {**data, **bad})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    tool.refresh_from_db()
    assert tool.slug == "good-tool" and tool.website == "" and tool.interface_languages != ["zz"]
    assert_public_pages_answer(client, ["good-tool"])


@pytest.mark.parametrize(
    "bad",
    [
        {"slug": "bad slug!"},
        {"website": "javascript:alert(document.domain)"},
        {"interface_languages": ["zz"]},
    ],
    ids=["slug", "website", "language"],
)
def test_restoring_an_old_invalid_version_is_refused(client, editor_a, taxonomy, bad):
    tool = make_tool(editor_a.membership.organisation, "good-tool", status=Status.PUBLISHED)
    # A version saved before validation existed (written straight to the model, as an old import did).
    with reversion.create_revision():
        for name, value in bad.items():
            setattr(tool, name, value)
        tool.save()
    old = Version.objects.get_for_object(tool).first()
    Tool.objects.filter(pk=tool.pk).update(slug="good-tool", website="", interface_languages=["en"])
    client.force_login(editor_a)
    form = client.get(f"/admin/catalogue/tool/{tool.pk}/history/{old.pk}/")
    assert form.status_code == 200
    response = client.post(f"/admin/catalogue/tool/{tool.pk}/history/{old.pk}/", tool_form_data(form))
    assert response.status_code == 200, "an invalid old version is not restored"
    tool.refresh_from_db()
    assert tool.slug == "good-tool" and tool.website == "" and tool.interface_languages == ["en"]
    assert_public_pages_answer(client, ["good-tool"])


def test_a_tool_with_an_unknown_language_code_in_the_database_still_shows(client, editor_a):
    tool = make_tool(editor_a.membership.organisation, "odd-languages", status=Status.PUBLISHED)
    Tool.objects.filter(pk=tool.pk).update(interface_languages=["en", "zz"])
    assert client.get("/en/catalogue/odd-languages/").status_code == 200


# The temporary file between the dry run and the confirmation


def test_the_confirmation_imports_the_editors_own_upload(client, editor_a, taxonomy):
    client.force_login(editor_a)
    confirm = upload(client, csv_bytes(row("mine"))).context["confirm_form"].initial
    assert client.post("/admin/catalogue/tool/process_import/", confirm).status_code == 302
    assert Tool.objects.filter(slug="mine").exists()
    # The file is gone, and the name cannot be confirmed twice.
    assert not private_storage().exists(f"django-import-export/{confirm['import_file_name']}")
    response = client.post("/admin/catalogue/tool/process_import/", confirm, follow=True)
    assert "no longer available" in response.content.decode()


@pytest.mark.parametrize("name", ["foreign-file", "../../etc/passwd", "/tmp/foreign-file", ""])
def test_a_file_name_not_issued_to_this_session_is_refused_and_the_file_kept(
    client, editor_a, taxonomy, tmp_path, name
):
    import tempfile
    from pathlib import Path

    # Files an attacker would like to import (and thereby delete): one in the system temp
    # folder, one in the import storage.
    victim = Path(tempfile.gettempdir()) / "foreign-file"
    victim.write_bytes(csv_bytes(row("smuggled")))
    stored = private_storage().save(
        "django-import-export/foreign-file", ContentFile(csv_bytes(row("smuggled")))
    )
    try:
        client.force_login(editor_a)
        upload(client, csv_bytes(row("mine")))  # this session did upload something
        response = client.post(
            "/admin/catalogue/tool/process_import/",
            {"import_file_name": name, "original_file_name": "x.csv", "format": 0, "resource": 0},
            follow=True,
        )
        assert "no longer available" in response.content.decode()
        assert not Tool.objects.filter(slug="smuggled").exists()
        assert victim.exists()
        assert private_storage().exists(stored)
    finally:
        victim.unlink(missing_ok=True)
        private_storage().delete(stored)


def test_another_editors_pending_upload_cannot_be_confirmed(editor_a, editor_b, taxonomy):
    for editor in (editor_a, editor_b):
        editor.user_permissions.add(
            *Permission.objects.filter(codename__in=["add_tool", "change_tool", "view_tool"])
        )
    client_a, client_b = Client(), Client()
    client_a.force_login(editor_a)
    client_b.force_login(editor_b)
    confirm_a = upload(client_a, csv_bytes(row("a-s-tool"))).context["confirm_form"].initial
    response = client_b.post("/admin/catalogue/tool/process_import/", confirm_a, follow=True)
    assert "no longer available" in response.content.decode()
    assert not Tool.objects.filter(slug="a-s-tool").exists()
    assert private_storage().exists(f"django-import-export/{confirm_a['import_file_name']}")
