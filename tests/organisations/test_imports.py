"""CSV and XLSX import of tools: dry run, whole-file transactions, clear per-row errors, scoping."""

import io

import pytest
import tablib
from import_export.formats.base_formats import CSV

from catalogue.models import Need, Sector, Tool
from tests.organisations.admin_site import ToolResource
from tests.organisations.conftest import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organisations.urls")]

HEADERS = [
    "slug",
    "name",
    "licence",
    "price_model",
    "status",
    "organisation",
    "sectors",
    "needs",
    "summary_en",
    "summary_it",
]


@pytest.fixture
def taxonomy(db):
    Sector.objects.create(name="Farming", slug="farming")
    Need.objects.create(name="Accounting", slug="accounting")


def dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def row(slug, organisation="", sectors="farming", **extra):
    values = {
        "slug": slug,
        "name": slug.title(),
        "licence": "proprietary",
        "price_model": "free",
        "status": "draft",
        "organisation": organisation,
        "sectors": sectors,
        "needs": "accounting",
        "summary_en": f"{slug} summary",
        "summary_it": f"{slug} riassunto",
        **extra,
    }
    return [values[name] for name in HEADERS]


def run_import(data, user, dry_run=False):
    resource = ToolResource(user=user)
    return resource.import_data(
        data, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True, user=user
    )


def test_dry_run_writes_nothing(taxonomy, editor_a):
    result = run_import(dataset(row("one"), row("two")), editor_a, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    assert not Tool.objects.exists()


def test_a_valid_import_writes_every_language_and_the_editors_organisation(taxonomy, editor_a, org_a):
    result = run_import(dataset(row("one")), editor_a)
    assert not result.has_errors() and not result.has_validation_errors()
    tool = Tool.objects.get(slug="one")
    assert tool.summary_it == "one riassunto"
    assert tool.organisation == org_a
    assert list(tool.sectors.values_list("slug", flat=True)) == ["farming"]


def test_an_unknown_sector_fails_the_row_and_writes_nothing(taxonomy, editor_a):
    result = run_import(dataset(row("good"), row("bad", sectors="farming|space-travel")), editor_a)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "space-travel" in str(invalid.error_dict["sectors"])
    assert not Tool.objects.exists()


def test_duplicate_slugs_in_one_file_are_an_error(taxonomy, editor_a):
    result = run_import(dataset(row("same"), row("same")), editor_a)
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "row 1" in str(invalid.error_dict["slug"])
    assert not Tool.objects.exists()


def test_rows_of_another_organisation_are_refused(taxonomy, editor_a, org_b, tool_b):
    result = run_import(dataset(row("mine"), row("theirs", organisation="org-b")), editor_a)
    assert {invalid.number for invalid in result.invalid_rows} == {2}
    assert not Tool.objects.filter(slug="mine").exists()

    # An existing tool of organisation B is never updated by A's file.
    result = run_import(dataset(row("tool-b", summary_en="Overwritten")), editor_a)
    assert result.invalid_rows
    tool_b.refresh_from_db()
    assert tool_b.summary_en == "tool-b in English"


def test_the_site_manager_imports_for_any_organisation(taxonomy, manager, org_b):
    result = run_import(dataset(row("theirs", organisation="org-b")), manager)
    assert not result.has_validation_errors()
    assert Tool.objects.get(slug="theirs").organisation == org_b


def upload(client, content: bytes, name="tools.csv", format_index=0):
    return client.post(
        admin_url("import"),
        {"import_file": io.BytesIO(content), "format": format_index, "resource": 0}
        | {"import_file": _named(content, name)},
    )


def _named(content, name):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def csv_bytes(*rows):
    return CSV().export_data(dataset(*rows)).encode()


def test_admin_import_shows_a_dry_run_and_writes_nothing_until_confirmed(client, taxonomy, editor_a):
    client.force_login(editor_a)
    response = upload(client, csv_bytes(row("one")))
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 1
    assert not Tool.objects.exists()
    confirm = response.context["confirm_form"].initial
    response = client.post(admin_url("process_import"), confirm)
    assert response.status_code == 302
    assert Tool.objects.filter(slug="one").exists()


def test_admin_import_names_row_and_column_of_an_error(client, taxonomy, editor_a):
    client.force_login(editor_a)
    response = upload(client, csv_bytes(row("good"), row("bad", sectors="nowhere")))
    html = response.content.decode()
    assert response.context["result"].has_validation_errors()
    assert "nowhere" in html
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Tool.objects.exists()


def test_admin_import_of_an_xlsx_file(client, taxonomy, editor_a):
    from import_export.formats.base_formats import XLSX

    formats = list(ToolAdminFormats())
    xlsx_index = next(i for i, fmt in enumerate(formats) if fmt is XLSX)
    client.force_login(editor_a)
    content = XLSX().export_data(dataset(row("from-excel")))
    response = upload(client, content, name="tools.xlsx", format_index=xlsx_index)
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 1


def ToolAdminFormats():
    from tests.organisations.admin_site import site

    return site._registry[Tool].get_import_formats()


def test_admin_import_of_a_file_with_a_bad_encoding_writes_nothing(client, taxonomy, editor_a):
    client.force_login(editor_a)
    response = upload(client, "slug,name\nà,b\n".encode("utf-16"))
    assert response.status_code == 200
    assert not Tool.objects.exists()
