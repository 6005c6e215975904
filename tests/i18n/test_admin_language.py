"""The admin speaks the editor's language: Django's own strings and our apps' and models' names."""

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from tests.i18n.html import parse
from tests.organisations.factories import UserFactory

OUR_APPS = ["organisations", "catalogue", "courses", "articles"]


def our_names(language: str) -> set[str]:
    """Our apps' names and our models' plural names, as the admin index shows them, in ``language``."""
    with translation.override(language):
        names = set()
        for label in OUR_APPS:
            config = apps.get_app_config(label)
            names.add(str(config.verbose_name))
            names.update(str(model._meta.verbose_name_plural).capitalize() for model in config.get_models())
    return names


def ask_in_croatian(client, how: str, path: str):
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hr"
        return client.get(path)
    return client.get(path, headers={"accept-language": "hr,en;q=0.5"})


@pytest.mark.parametrize("how", ["accept-language", "cookie"])
def test_login_page_in_croatian(client, db, how):
    page = parse(ask_in_croatian(client, how, "/admin/login/").content)

    assert page.html_lang == "hr"
    texts = [piece.text for piece in page.texts]
    assert "Korisničko ime:" in texts
    assert "Lozinka:" in texts
    assert "Username:" not in texts


@pytest.mark.parametrize("how", ["accept-language", "cookie"])
def test_admin_index_in_croatian_with_our_names(client, db, how):
    client.force_login(UserFactory(is_superuser=True))

    page = parse(ask_in_croatian(client, how, "/admin/").content)

    assert page.html_lang == "hr"
    texts = {piece.text for piece in page.texts}
    for name in ["Katalog softvera", "Alati", "Djelatnosti", "Potrebe", "Tečajevi", "Lekcije", "Članci"]:
        assert name in texts
    croatian, english = our_names("hr"), our_names("en")
    untranslated = english - croatian
    assert untranslated & texts == set(), "our verbose names left in English"
    assert croatian & texts


def test_every_verbose_name_of_ours_is_translated():
    """Every model name of our apps (singular and plural) has its own Croatian form."""
    same = []
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for attribute in ["verbose_name", "verbose_name_plural"]:
                with translation.override("en"):
                    english = str(getattr(model._meta, attribute))
                with translation.override("hr"):
                    croatian = str(getattr(model._meta, attribute))
                if english == croatian:
                    same.append(f"{label}.{model.__name__}.{attribute}: {english}")
    assert same == []
