"""publiccode.yml: an open-source tool of the catalogue in the standard's terms, and back.

The standard (publiccode.yml, version 0.4, as read by Developers Italia and other public
catalogues) describes one piece of software per file. ``tool_publiccode(tool)`` writes it for
a published open-source tool; ``draft_values(data)`` reads one into the values of a draft
tool (``api.imports`` validates and saves them through the admin's own form).

Needs and the standard's categories are mapped in one table, ``NEED_CATEGORIES``: a need
exports as its categories, and a category imports as the first need that lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from api.text import html_to_text, shorten, text_to_html
from catalogue.models import Licence, Platform, Tool
from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, localized

VERSION = "0.4"
SHORT_DESCRIPTION_MAX = 150
LONG_DESCRIPTION_MIN, LONG_DESCRIPTION_MAX = 150, 10000

#: Our needs → the standard's software categories (its controlled list). The first need that
#: lists a category is the one an imported category maps to.
NEED_CATEGORIES: dict[str, list[str]] = {
    "office-collaboration": ["office", "collaboration", "productivity-suite", "document-management"],
    "accounting-invoicing": [
        "accounting", "billing-and-invoicing", "budgeting", "financial-reporting", "erp",
    ],
    "hr-shift-planning": ["hr", "employee-management", "time-management", "time-tracking", "payroll"],
    "marketing-communication": ["marketing", "email-marketing", "social-media-management", "graphic-design"],
    "customer-relations": ["crm", "contact-management", "customer-service-and-support", "survey"],
    "e-commerce": ["e-commerce"],
    "website": ["website-builder", "content-management", "blog"],
    "production-logistics": [
        "inventory-management", "warehouse-management", "fleet-management", "resource-management",
        "geographic-information-systems", "data-collection",
    ],
    "bookings": ["online-booking", "appointment-scheduling", "event-management"],
    "point-of-sale": ["mobile-payment", "payment-gateway"],
    "training": ["learning-management-system", "educational-content"],
    "data-protection": ["it-security", "backup", "identity-management"],
}  # fmt: skip

#: Our platforms → the standard's (``mac``, not ``macos``).
PLATFORMS = {
    Platform.WEB: "web",
    Platform.WINDOWS: "windows",
    Platform.MACOS: "mac",
    Platform.LINUX: "linux",
    Platform.ANDROID: "android",
    Platform.IOS: "ios",
}
DESKTOP = {Platform.WINDOWS, Platform.MACOS, Platform.LINUX}
MOBILE = {Platform.ANDROID, Platform.IOS}


def category_needs() -> dict[str, str]:
    """The standard's category → the slug of the first need that lists it."""
    mapping: dict[str, str] = {}
    for need, categories in NEED_CATEGORIES.items():
        for category in categories:
            mapping.setdefault(category, need)
    return mapping


def has_publiccode(tool: Tool) -> bool:
    """Published, open source, with an SPDX licence and the address of its code."""
    return bool(
        tool.is_published and tool.licence == Licence.OPEN_SOURCE and tool.spdx_licence and tool.source_code
    )


def publiccode_tools(queryset):
    return (
        queryset.published()
        .filter(licence=Licence.OPEN_SOURCE)
        .exclude(spdx_licence="")
        .exclude(source_code="")
    )


def software_type(platforms) -> str:
    platforms = set(platforms)
    if Platform.WEB in platforms:
        return "standalone/web"
    if platforms & DESKTOP:
        return "standalone/desktop"
    if platforms & MOBILE:
        return "standalone/mobile"
    return "standalone/other"


def _text(tool, name: str, code: str) -> str:
    return (getattr(tool, localized(name, code), "") or "").strip()


def _need_name(need, code: str) -> str:
    return _text(need, "name", code) or _text(need, "name", DEFAULT_LANGUAGE)


def _descriptions(tool: Tool, needs: list, page_url: str) -> dict:
    """publiccode.yml's ``description``: one entry per language with a summary, the original first."""
    # The language the entry was written in comes first: an import reads it as the original.
    home = tool.original_language or DEFAULT_LANGUAGE
    description = {}
    for code in dict.fromkeys([home, *LANGUAGE_CODES]):
        summary = _text(tool, "summary", code)
        if not summary:
            continue
        entry = {"shortDescription": shorten(summary, SHORT_DESCRIPTION_MAX)}
        long_text = html_to_text(_text(tool, "description", code))
        if len(long_text) >= LONG_DESCRIPTION_MIN:
            entry["longDescription"] = shorten_long(long_text)
        if needs:
            entry["features"] = [_need_name(need, code) for need in needs]
        description[code] = entry
    if not any("longDescription" in entry for entry in description.values()):
        # Too little text for the standard's minimum: the summary and description, then where
        # to read more, in the tool's own language (the standard asks for one language with a
        # long description).
        own = description.setdefault(home, {"shortDescription": shorten(tool.name, SHORT_DESCRIPTION_MAX)})
        parts = [_text(tool, "summary", home), html_to_text(_text(tool, "description", home))]
        with translation.override(home):
            parts.append(
                gettext(
                    "More about %(name)s in the %(site)s catalogue of tools for social enterprises: %(url)s"
                )
                % {"name": tool.name, "site": settings.SITE_NAME, "url": page_url}
            )
        own["longDescription"] = shorten_long("\n\n".join(part for part in parts if part))
    return description


def tool_publiccode(tool: Tool, *, page_url: str = "", logo_url: str = "") -> dict:
    """The publiccode.yml of a published open-source tool, as a dict (``yaml.safe_dump`` it).

    Each language with a summary gets its description, the tool's original language first:
    the summary as ``shortDescription`` (at most 150 characters), the description as
    plain-text ``longDescription`` where it is long enough for the standard, and the tool's
    needs as ``features``. Prefetch ``needs``.
    """
    needs = list(tool.needs.all())
    description = _descriptions(tool, needs, page_url)
    categories = list(dict.fromkeys(c for need in needs for c in NEED_CATEGORIES.get(need.slug, [])))
    curator = tool.organisation.name if tool.organisation_id else settings.SITE_NAME
    data = {
        "publiccodeYmlVersion": VERSION,
        "name": tool.name,
        "url": tool.source_code,
    }
    if tool.website:
        data["landingURL"] = tool.website
    if logo_url:
        data["logo"] = logo_url
    data.update(
        {
            "platforms": [PLATFORMS[p] for p in tool.platforms if p in PLATFORMS] or ["web"],
            "categories": categories or ["other"],
            "developmentStatus": "stable",
            "softwareType": software_type(tool.platforms),
            "description": description,
            "legal": {"license": tool.spdx_licence},
            # The catalogue does not record who maintains the software: the contact is the
            # partner that curates its entry (see README, "Open data").
            "maintenance": {
                "type": "community",
                "contacts": [{"name": f"{curator} ({settings.SITE_NAME})", "affiliation": curator}],
            },
            "localisation": {
                "localisationReady": len(tool.interface_languages) > 1,
                "availableLanguages": list(tool.interface_languages) or [DEFAULT_LANGUAGE],
            },
        }
    )
    return data


def shorten_long(text: str) -> str:
    if len(text) <= LONG_DESCRIPTION_MAX:
        return text
    return shorten(text, LONG_DESCRIPTION_MAX)


# Reading a publiccode.yml


class PubliccodeError(ValueError):
    """A publiccode.yml that cannot become a draft: the message says what to fix."""


@dataclass
class DraftValues:
    """What a publiccode.yml says, in the terms of a draft tool (before form validation)."""

    values: dict = field(default_factory=dict)
    needs: list[str] = field(default_factory=list)  # need slugs
    logo_url: str = ""
    notices: list[str] = field(default_factory=list)  # what was not taken over, and why


def _require(data: dict, key: str, kind, label: str | None = None):
    value = data.get(key)
    label = label or key
    if value is None:
        raise PubliccodeError(gettext("“%(key)s” is missing.") % {"key": label})
    if not isinstance(value, kind):
        expected = {str: gettext("text"), list: gettext("a list"), dict: gettext("a section")}[kind]
        raise PubliccodeError(gettext("“%(key)s” must be %(kind)s.") % {"key": label, "kind": expected})
    return value


def _optional(data: dict, key: str, kind, label: str | None = None):
    return None if data.get(key) is None else _require(data, key, kind, label)


def _strings(values: list, label: str) -> list[str]:
    if not all(isinstance(value, str) for value in values):
        raise PubliccodeError(gettext("Every entry of “%(key)s” must be text.") % {"key": label})
    return [value.strip() for value in values if value.strip()]


def _primary_language(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def _left_out(draft: DraftValues, message: str, values: list[str]) -> None:
    if values:
        draft.notices.append(message % {"values": ", ".join(str(value) for value in values[:10])})


def _read_platforms(data: dict, draft: DraftValues) -> list[str]:
    # "platforms" may be one text or a list of them.
    raw = data.get("platforms")
    platforms = _strings(
        _require({"platforms": [raw] if isinstance(raw, str) else raw}, "platforms", list), "platforms"
    )
    ours = {theirs: ours for ours, theirs in PLATFORMS.items()}
    _left_out(
        draft, gettext("Platforms left out: %(values)s."), [p for p in platforms if p.lower() not in ours]
    )
    return list(dict.fromkeys(str(ours[p.lower()]) for p in platforms if p.lower() in ours))


def _read_needs(data: dict, draft: DraftValues, known_needs: set[str]) -> list[str]:
    categories = _strings(_optional(data, "categories", list) or [], "categories")
    mapping = category_needs()
    unmatched = [c for c in categories if mapping.get(c) not in known_needs]
    _left_out(draft, gettext("Categories with no matching need, left out: %(values)s."), unmatched)
    return list(dict.fromkeys(mapping[c] for c in categories if mapping.get(c) in known_needs))


def _read_descriptions(data: dict, draft: DraftValues) -> dict[str, str]:
    """``summary_<lang>`` and ``description_<lang>`` of every language the site publishes, and
    ``original_language``."""
    description = _require(data, "description", dict)
    if not description:
        raise PubliccodeError(gettext("“description” must have at least one language."))
    values, skipped = {}, []
    # The first language the site publishes is the one the draft is written in (an export
    # lists the tool's original language first, and publishers list their own language first).
    for tag, entry in description.items():
        if not isinstance(tag, str) or not isinstance(entry, dict):
            raise PubliccodeError(gettext("Each language of “description” must be a section of keys."))
        code = _primary_language(tag)
        if code not in LANGUAGE_CODES:
            skipped.append(tag)
            continue
        short = _optional(entry, "shortDescription", str, f"description.{tag}.shortDescription") or ""
        long_text = _optional(entry, "longDescription", str, f"description.{tag}.longDescription") or ""
        if short.strip() or long_text.strip():
            values.setdefault("original_language", code)
        if short.strip():
            values.setdefault(localized("summary", code), " ".join(short.split())[:300])
        if long_text.strip():
            values.setdefault(localized("description", code), text_to_html(long_text))
    _left_out(
        draft, gettext("Descriptions in languages the site does not publish, left out: %(values)s."), skipped
    )
    return values


def _read_languages(data: dict) -> list[str]:
    localisation = _optional(data, "localisation", dict) or {}
    label = "localisation.availableLanguages"
    tags = _strings(_optional(localisation, "availableLanguages", list, label) or [], label)
    return list(dict.fromkeys(code for code in map(_primary_language, tags) if code in LANGUAGE_CODES))


def draft_values(data, *, known_needs: set[str]) -> DraftValues:
    """Read a parsed publiccode.yml into the values of a draft tool.

    Wrong types and missing required keys raise PubliccodeError (nothing is created); what
    has no place in the catalogue (another platform, a language we do not publish, a
    category no need matches) is left out and named in ``notices``.
    """
    if not isinstance(data, dict):
        raise PubliccodeError(
            gettext("This is not a publiccode.yml: its top level must be a section of keys.")
        )
    if not isinstance(data.get("publiccodeYmlVersion"), (str, int, float)):
        raise PubliccodeError(gettext("“%(key)s” is missing.") % {"key": "publiccodeYmlVersion"})
    draft = DraftValues()
    url = _require(data, "url", str).strip()
    legal = _require(data, "legal", dict)
    draft.values = {
        "name": _require(data, "name", str).strip()[:200],
        "source_code": url,
        "website": (_optional(data, "landingURL", str) or "").strip() or url,
        "licence": Licence.OPEN_SOURCE,
        "spdx_licence": _require(legal, "license", str, "legal.license").strip(),
        "platforms": _read_platforms(data, draft),
        "interface_languages": _read_languages(data),
        **_read_descriptions(data, draft),
    }
    draft.needs = _read_needs(data, draft, known_needs)
    draft.logo_url = (_optional(data, "logo", str) or "").strip()
    return draft
