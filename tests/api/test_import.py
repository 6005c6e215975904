"""Import from publiccode.yml: a dry run, then a draft made through the admin's own form.

Round trip: an open-source tool exported as publiccode.yml comes back as a draft with the
same facts. Hostile files (YAML bombs, huge files, wrong types, unknown licences) give a clear
error and create nothing.
"""

import io

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image
from reversion.models import Version

from api.text import html_to_text
from catalogue.models import Licence, Tool
from editorial.languages import LANGUAGE_CODES, localized
from tests.api.factories import ToolFactory
from tests.api.http_server import LocalServer
from tests.organisations.factories import OrganisationFactory, UserFactory, editor_of, site_manager

IMPORT_URL = "/admin/catalogue/tool/import-publiccode/"

MINIMAL = {
    "publiccodeYmlVersion": "0.4",
    "name": "Tidy Books",
    "url": "https://code.example.org/tidy-books.git",
    "landingURL": "https://tidy-books.example.org/",
    "platforms": ["web", "linux", "vms"],
    "categories": ["accounting", "office", "cad"],
    "developmentStatus": "stable",
    "softwareType": "standalone/web",
    "description": {
        "en": {
            "shortDescription": "Bookkeeping for small cooperatives.",
            "longDescription": "Tidy Books keeps the accounts.\n\n- Invoices\n- VAT",
            "features": ["Invoices"],
        },
        "hr-HR": {"shortDescription": "Knjigovodstvo za male zadruge."},
        "ja": {"shortDescription": "会計"},
    },
    "legal": {"license": "agpl-3.0-or-later"},
    "maintenance": {"type": "community", "contacts": [{"name": "Ana"}]},
    "localisation": {"localisationReady": True, "availableLanguages": ["en", "hr", "es"]},
}


def as_yaml(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True).encode()


def upload(content: bytes, name="publiccode.yml"):
    return SimpleUploadedFile(name, content, content_type="application/yaml")


@pytest.fixture
def manager(data):
    return site_manager(username="a-manager")


@pytest.fixture
def admin(client, manager):
    client.force_login(manager)
    return client


def dry_run(admin, content: bytes):
    return admin.post(IMPORT_URL, {"file": upload(content)})


def confirm(admin, response):
    return admin.post(
        IMPORT_URL,
        {"source": response.context["form"]["source"].value(), "source_url": "", "confirm": "1"},
    )


def test_the_tool_list_links_to_the_import(admin):
    assert IMPORT_URL in admin.get("/admin/catalogue/tool/").content.decode()


def test_a_dry_run_shows_the_draft_and_saves_nothing(admin):
    response = dry_run(admin, as_yaml(MINIMAL))
    assert response.status_code == 200
    prepared = response.context["prepared"]
    assert prepared.is_valid
    html = response.content.decode()
    assert "Tidy Books" in html and "Knjigovodstvo za male zadruge." in html
    assert "Create the draft" in html
    assert any("vms" in notice for notice in prepared.notices)  # a platform we do not list
    assert any("cad" in notice for notice in prepared.notices)  # a category no need matches
    assert any("ja" in notice for notice in prepared.notices)  # a language we do not publish
    assert not Tool.objects.filter(name="Tidy Books").exists()


def test_confirming_creates_a_draft_with_the_files_facts(admin, manager, data):
    response = confirm(admin, dry_run(admin, as_yaml(MINIMAL)))
    tool = Tool.objects.get(name="Tidy Books")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/catalogue/tool/{tool.pk}/change/"
    assert tool.status == "draft"
    assert tool.slug == "tidy-books"
    assert tool.licence == Licence.OPEN_SOURCE
    assert tool.spdx_licence == "AGPL-3.0-or-later"  # in the SPDX list's spelling
    assert tool.source_code == "https://code.example.org/tidy-books.git"
    assert tool.website == "https://tidy-books.example.org/"
    assert tool.platforms == ["web", "linux"]
    assert tool.interface_languages == ["en", "hr"]
    assert set(tool.needs.values_list("slug", flat=True)) == {"accounting-invoicing", "office-collaboration"}
    assert tool.summary_hr == "Knjigovodstvo za male zadruge."
    assert (
        tool.description_en == "<p>Tidy Books keeps the accounts.</p><ul><li>Invoices</li><li>VAT</li></ul>"
    )
    assert Version.objects.get_for_object(tool).count() == 1
    # Not public until an editor publishes it.
    assert admin.get(f"/api/v1/tools/{tool.slug}/").status_code == 404


def test_a_partner_editors_import_is_their_organisations(client, data):
    partner = OrganisationFactory(slug="partner-hr", name="Partner HR")
    client.force_login(editor_of(partner, username="editor-hr-test"))
    confirm(client, dry_run(client, as_yaml(MINIMAL)))
    assert Tool.objects.get(name="Tidy Books").organisation == partner


def test_who_may_not_add_tools_may_not_import(client, data):
    client.force_login(UserFactory(username="no-role"))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": upload(as_yaml(MINIMAL))}).status_code == 403
    assert not Tool.objects.filter(name="Tidy Books").exists()


def test_round_trip_an_exported_tool_comes_back_with_the_same_facts(admin, data):
    original = data["gnucash"]
    exported = admin.get("/api/v1/tools/gnucash/publiccode.yml").content
    response = confirm(admin, dry_run(admin, exported))
    assert response.status_code == 302
    draft = Tool.objects.get(slug="gnucash-2")  # "gnucash" is taken by the original
    assert draft.status == "draft"
    for name in (
        "name",
        "licence",
        "spdx_licence",
        "source_code",
        "website",
        "platforms",
        "interface_languages",
    ):
        assert getattr(draft, name) == getattr(original, name), name
    assert set(draft.needs.all()) == set(original.needs.all())
    for code in LANGUAGE_CODES:
        assert getattr(draft, localized("summary", code)) == getattr(original, localized("summary", code))
        for_original = html_to_text(getattr(original, localized("description", code)))
        if len(for_original) >= 150:  # the standard's minimum for a long description
            assert html_to_text(getattr(draft, localized("description", code))) == for_original


ORTO_IT = (
    "<p>Orto tiene il calendario delle semine e dei raccolti di una cooperativa agricola: "
    "chi lavora in quale campo, con quali attrezzi, e che cosa va consegnato ai gruppi di acquisto.</p>"
)


def test_a_tool_written_in_italian_comes_back_in_italian(admin, data):
    ToolFactory(
        name="Orto", slug="orto", original_language="it",
        licence=Licence.OPEN_SOURCE, spdx_licence="AGPL-3.0-only",
        source_code="https://code.example.org/orto.git", summary_en="", description_en="",
        summary_it="Semine e raccolti della cooperativa.", description_it=ORTO_IT,
        summary_de="Aussaat und Ernte der Genossenschaft.", needs=[data["office"]],
    )  # fmt: skip
    exported = admin.get("/api/v1/tools/orto/publiccode.yml").content
    assert list(yaml.safe_load(exported)["description"]) == ["it", "de"]  # its own language first
    assert confirm(admin, dry_run(admin, exported)).status_code == 302
    draft = Tool.objects.get(slug="orto-2")
    assert (draft.original_language, draft.summary_it) == ("it", "Semine e raccolti della cooperativa.")
    assert not draft.summary_en  # nothing invented in English
    assert html_to_text(draft.description_it) == html_to_text(ORTO_IT)
    assert draft.summary_de == "Aussaat und Ernte der Genossenschaft."


def test_the_management_command_imports_a_file(data, tmp_path, manager):
    path = tmp_path / "publiccode.yml"
    path.write_bytes(as_yaml(MINIMAL))
    out = io.StringIO()
    call_command("import_publiccode", str(path), "--user", manager.username, "--dry-run", stdout=out)
    assert "would create" in out.getvalue()
    assert not Tool.objects.filter(name="Tidy Books").exists()
    call_command("import_publiccode", str(path), "--user", manager.username, stdout=out)
    assert Tool.objects.get(name="Tidy Books").status == "draft"


def test_the_command_refuses_an_unknown_licence(data, tmp_path, manager):
    path = tmp_path / "publiccode.yml"
    path.write_bytes(as_yaml({**MINIMAL, "legal": {"license": "Proprietary-1.0"}}))
    with pytest.raises(CommandError, match="SPDX"):
        call_command("import_publiccode", str(path), "--user", manager.username, stdout=io.StringIO())
    assert not Tool.objects.filter(name="Tidy Books").exists()


BILLION_LAUGHS = b"""
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
name: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "aliases"),
        (b"name: x\n" + b"- " * 10 + b"\n", "not valid YAML"),
        (b"[" * 50 + b"]" * 50, "deeply nested"),
        (b"list:\n" + b"".join(b"  - %d\n" % n for n in range(6000)), "too big"),
        (b"just some words", "top level"),
        (b"\xff\xfe\x00n\x00a\x00m\x00e", "UTF-8"),
        (as_yaml({**MINIMAL, "name": ["A", "list"]}), "“name” must be text"),
        (as_yaml({**MINIMAL, "description": "Just text"}), "“description” must be a section"),
        (as_yaml({**MINIMAL, "description": {}}), "at least one language"),
        (as_yaml({**MINIMAL, "platforms": [1, 2]}), "must be text"),
        (as_yaml({k: v for k, v in MINIMAL.items() if k != "legal"}), "“legal” is missing"),
        (as_yaml({k: v for k, v in MINIMAL.items() if k != "url"}), "“url” is missing"),
        (b"!!python/object/apply:os.system ['echo hacked']", "not valid YAML"),
    ],
)
def test_hostile_or_broken_files_give_a_clear_error_and_create_nothing(admin, content, message):
    response = dry_run(admin, content)
    assert response.status_code == 400
    assert message in response.context["error"]
    assert "Create the draft" not in response.content.decode()
    assert Tool.objects.count() == 4


def test_a_file_over_the_size_cap_is_refused(admin, settings):
    settings.PUBLICCODE_MAX_BYTES = 1000
    response = dry_run(admin, as_yaml({**MINIMAL, "name": "x" * 2000}))
    assert response.status_code == 400
    assert "larger than" in response.context["error"]


@pytest.mark.parametrize(
    ("licence", "text"),
    [("Proprietary-1.0", "is not on the SPDX licence list"), ("MIT AND (", "not a valid SPDX")],
)
def test_an_unknown_licence_is_a_form_error_and_creates_nothing(admin, licence, text):
    response = dry_run(admin, as_yaml({**MINIMAL, "legal": {"license": licence}}))
    prepared = response.context["prepared"]
    assert not prepared.is_valid
    assert text in " ".join(prepared.form.errors["spdx_licence"])
    assert "Create the draft" not in response.content.decode()
    # Posting the confirmation anyway still creates nothing.
    confirm(admin, response)
    assert not Tool.objects.filter(name="Tidy Books").exists()


def test_neither_file_nor_address_asks_for_one(admin):
    response = admin.post(IMPORT_URL, {})
    assert "Give either an address or a file." in response.content.decode()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def server(settings):
    settings.PUBLICCODE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    with LocalServer() as local:
        yield local


def test_import_from_an_address_with_its_logo(admin, server):
    server.add("/repo/publiccode.yml", as_yaml({**MINIMAL, "logo": "img/logo.png"}))
    server.add("/repo/img/logo.png", png_bytes(), Content_Type="image/png")
    response = admin.post(IMPORT_URL, {"url": server.url("/repo/publiccode.yml")})
    assert response.context["prepared"].is_valid
    assert response.context["form"]["source_url"].value() == server.url("/repo/publiccode.yml")
    admin.post(
        IMPORT_URL,
        {
            "source": response.context["form"]["source"].value(),
            "source_url": response.context["form"]["source_url"].value(),
            "confirm": "1",
        },
    )
    tool = Tool.objects.get(name="Tidy Books")
    assert tool.logo.name.startswith("catalogue/logos/logo")
    assert server.requests.count("/repo/publiccode.yml") == 1  # the confirmation saves what was shown


def test_a_logo_we_cannot_take_is_left_out_not_fatal(admin, server):
    server.add("/repo/publiccode.yml", as_yaml({**MINIMAL, "logo": "logo.svg"}))
    server.add("/repo/logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", Content_Type="image/svg+xml")
    response = admin.post(IMPORT_URL, {"url": server.url("/repo/publiccode.yml")})
    prepared = response.context["prepared"]
    assert prepared.is_valid
    assert any("logo was left out" in notice for notice in prepared.notices)


def test_an_address_into_a_private_network_is_refused(admin, settings):
    settings.PUBLICCODE_FETCH_ALLOWED_HOSTS = []
    response = admin.post(IMPORT_URL, {"url": "http://169.254.169.254/latest/meta-data/"})
    assert response.status_code == 400
    assert "private network" in response.context["error"]
