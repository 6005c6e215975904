"""The partner admin as an Italian editor uses it: written and published in Italian alone, with
buttons and messages that say what they do, ticks instead of codes, and alternatives from
every partner's published tools."""

import pytest
from django.urls import reverse

from catalogue.models import Need, Sector, Tool
from editorial.languages import shown_language
from editorial.models import Status
from tests.catalogue.factories import ToolFactory
from tests.organisations.factories import OrganisationFactory, editor_of

pytestmark = pytest.mark.django_db

ITALIAN = {"HTTP_ACCEPT_LANGUAGE": "it"}


@pytest.fixture
def italian_editor(client):
    organisation = OrganisationFactory(slug="federazione-it", name="Federazione (demo)")
    client.force_login(editor_of(organisation, username="redattrice"))
    client.organisation = organisation
    return client


@pytest.fixture
def taxonomy():
    return Sector.objects.create(
        slug="farming", name_en="Farming", name_it="Agricoltura"
    ), Need.objects.create(slug="accounting", name_en="Accounting", name_it="Contabilità")


def italian_tool(taxonomy, **extra):
    sector, need = taxonomy
    return {
        "name": "Agenda Verde",
        "slug": "agenda-verde",
        "original_language": "it",
        "status": "draft",
        "licence": "free",
        "skill_level": "starter",
        "last_verified": "2026-11-01",
        "summary_it": "Un'agenda condivisa per le squadre della cooperativa.",
        "platforms": ["web", "android"],
        "interface_languages": ["it"],
        "sectors": [str(sector.pk)],
        "needs": [str(need.pk)],
        **extra,
    }


def test_an_italian_only_tool_is_published_and_shown_with_the_note_elsewhere(italian_editor, taxonomy):
    response = italian_editor.post(
        reverse("admin:catalogue_tool_add"), {**italian_tool(taxonomy), "_publish": "Pubblica"}, **ITALIAN
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    tool = Tool.objects.get(slug="agenda-verde")
    assert tool.status == Status.PUBLISHED and tool.original_language == "it" and not tool.summary_en
    assert tool.platforms == ["web", "android"]

    page = italian_editor.get(response.url, **ITALIAN).content.decode()
    assert "«Agenda Verde» è stato salvato ed è pubblicato sul sito." in page
    assert f'href="{tool.get_absolute_url()}"' in page or 'href="/en/catalogue/agenda-verde/"' in page

    italian = italian_editor.get("/it/catalogue/agenda-verde/").content.decode()
    assert "Un&#x27;agenda condivisa" in italian and "fallback-note" not in italian
    polish = italian_editor.get("/pl/catalogue/agenda-verde/").content.decode()
    assert 'lang="it">Un&#x27;agenda condivisa' in polish
    assert "wyświetlamy go po włosku" in polish


def test_publishing_asks_for_the_original_language_only_and_names_the_tab(italian_editor, taxonomy):
    data = {**italian_tool(taxonomy), "summary_it": "", "summary_en": "Only English", "_publish": "Pubblica"}
    response = italian_editor.post(reverse("admin:catalogue_tool_add"), data, **ITALIAN)
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"summary_it"}
    html = response.content.decode()
    assert "Non è stato salvato nulla. Controlla questi campi:" in html
    assert 'href="#tab_id_summary_it"' in html
    assert not Tool.objects.exists()


def test_the_buttons_say_what_they_do(italian_editor, taxonomy):
    add = italian_editor.get(reverse("admin:catalogue_tool_add"), **ITALIAN).content.decode()
    assert 'value="Pubblica" class="default" name="_publish"' in add
    assert 'value="Salva la bozza"' in add and 'name="_save"' in add
    assert "Bozza: non ancora pubblico." in add

    response = italian_editor.post(reverse("admin:catalogue_tool_add"), italian_tool(taxonomy), **ITALIAN)
    tool = Tool.objects.get()
    assert tool.status == Status.DRAFT
    message = italian_editor.get(response.url, **ITALIAN).content.decode()
    assert "è stato salvato come bozza: i visitatori non lo vedono ancora." in message
    assert f'href="{tool.get_absolute_url()}?preview=1"' in message

    change_url = reverse("admin:catalogue_tool_change", args=[tool.pk])
    italian_editor.post(change_url, {**italian_tool(taxonomy), "_publish": "Pubblica"}, **ITALIAN)
    tool.refresh_from_db()
    assert tool.status == Status.PUBLISHED
    live = italian_editor.get(change_url, **ITALIAN).content.decode()
    assert "Pubblicato: i visitatori lo vedono." in live
    assert 'value="Salva le modifiche"' in live and 'value="Ritira dalla pubblicazione"' in live

    form = live[live.index('id="tool_form"') :]
    assert 'name="_wise_version"' in form
    token = form.split('name="_wise_version" value="')[1].split('"')[0]
    data = {**italian_tool(taxonomy), "status": "published", "_wise_version": token, "_unpublish": "x"}
    italian_editor.post(change_url, data, **ITALIAN)
    tool.refresh_from_db()
    assert tool.status == Status.DRAFT


def test_platforms_and_languages_are_ticks_not_codes(italian_editor):
    html = italian_editor.get(reverse("admin:catalogue_tool_add"), **ITALIAN).content.decode()
    assert 'type="checkbox" name="platforms" value="windows"' in html
    assert 'type="checkbox" name="interface_languages" value="hr"' in html
    assert "Croato" in html or "croato" in html


def test_a_new_item_starts_in_the_editors_language(italian_editor):
    response = italian_editor.get(reverse("admin:catalogue_tool_add"), **ITALIAN)
    assert response.context["adminform"].form["original_language"].value() == "it"


def test_the_admin_is_named_for_partners_in_their_language(italian_editor, client):
    html = italian_editor.get(reverse("admin:index"), **ITALIAN).content.decode()
    assert (
        "WISE Business — area partner" in html
        and "Django" not in html.split("<body")[1].split("</header>")[0]
    )
    assert 'rel="icon"' in html
    assert client.get("/favicon.ico").status_code == 200


def test_alternatives_are_chosen_among_every_partners_published_tools(italian_editor):
    other = OrganisationFactory(slug="other-partner")
    ToolFactory(name="Theirs Published", organisation=other, status=Status.PUBLISHED)
    ToolFactory(name="Theirs Draft", organisation=other, status=Status.DRAFT)
    ToolFactory(name="Mine Draft", organisation=italian_editor.organisation, status=Status.DRAFT)
    response = italian_editor.get(
        reverse("admin:autocomplete"),
        {"app_label": "catalogue", "model_name": "tool", "field_name": "alternatives", "term": ""},
    )
    names = {result["text"] for result in response.json()["results"]}
    assert names == {"Theirs Published", "Mine Draft"}
    # The tool list itself stays the editor's own.
    listed = italian_editor.get(reverse("admin:catalogue_tool_changelist")).content.decode()
    assert "Mine Draft" in listed and "Theirs Published" not in listed


def test_a_deletion_is_said_without_a_model_name(italian_editor):
    tool = ToolFactory(name="Da togliere", organisation=italian_editor.organisation)
    response = italian_editor.post(
        reverse("admin:catalogue_tool_delete", args=[tool.pk]), {"post": "yes"}, follow=True, **ITALIAN
    )
    assert "«Da togliere» è stato eliminato." in response.content.decode()


def test_the_fallback_chain_is_the_visitors_language_then_english_then_the_original():
    tool = ToolFactory(original_language="hr", summary_en="", summary_hr="Hrvatski", summary_de="Deutsch")
    assert shown_language(tool, "summary", "de") == "de"
    assert shown_language(tool, "summary", "pl") == "hr"
    tool.summary_en = "English"
    assert shown_language(tool, "summary", "pl") == "en"
    from django.utils import translation

    with translation.override("pl"):
        tool.summary_en = ""
        assert tool.summary == "Hrvatski"


def test_the_translation_status_counts_gaps_against_the_original(italian_editor):
    ToolFactory(
        organisation=italian_editor.organisation,
        original_language="it",
        summary_en="English too",
        summary_it="Italiano",
        description_en="",
    )
    html = italian_editor.get(reverse("admin:organisations_translationstatus_changelist")).content.decode()
    assert "missing in 5 languages" in html or "mancante in 5 lingue" in html
