"""Where a visitor is: the country that decides which providers are nearest and which partner
takes a help request.

The countries are the courses' list (the partners' and their neighbours'). A visitor's
country is what they chose with ``?country=`` (remembered in their session), else the usual
country of the language they read the site in; English names no country, so an English
reader sees providers ordered by language only until they choose one.
"""

from __future__ import annotations

from courses.models import Country
from editorial.languages import current_language

SESSION_KEY = "help_country"
COUNTRY_PARAMETER = "country"

#: The country most readers of a language live in (English: none).
LANGUAGE_COUNTRY = {"it": "IT", "de": "DE", "fr": "FR", "sl": "SI", "hr": "HR", "pl": "PL"}
#: The language a partner in a country reads its messages in (else English).
COUNTRY_LANGUAGE = {
    "IT": "it",
    "SI": "sl",
    "HR": "hr",
    "PL": "pl",
    "DE": "de",
    "AT": "de",
    "FR": "fr",
    "BE": "fr",
}

COUNTRY_CODES = frozenset(Country.values)


def valid_country(value: str | None) -> str:
    """``value`` if it is one of the countries, else ""."""
    value = (value or "").strip().upper()
    return value if value in COUNTRY_CODES else ""


def visitor_country(request) -> str:
    """The visitor's country code ("" when unknown), remembered on the request as ``help_country``.

    A valid ``?country=`` is stored in the session (only when it changes, so a page that
    does not change it writes nothing); an unknown one is ignored.
    """
    if hasattr(request, "help_country"):
        return request.help_country
    chosen = valid_country(request.GET.get(COUNTRY_PARAMETER))
    session = getattr(request, "session", None)
    if chosen:
        if session is not None and session.get(SESSION_KEY) != chosen:
            session[SESSION_KEY] = chosen
        country = chosen
    else:
        remembered = valid_country(session.get(SESSION_KEY)) if session is not None else ""
        country = remembered or LANGUAGE_COUNTRY.get(current_language(), "")
    request.help_country = country
    return country


def country_name(code: str) -> str:
    return str(Country(code).label) if code in COUNTRY_CODES else ""


def sorted_countries() -> list[tuple[str, str]]:
    """(code, name) in the visitor's language, sorted by name."""
    return sorted(((code, str(label)) for code, label in Country.choices), key=lambda item: item[1])
