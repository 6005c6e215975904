"""Demo catalogue: the sectors and needs of taxonomy.json and one JSON file per tool in tools/.

``load()`` is idempotent (update_or_create by slug) and loads whatever tool files exist;
a file that cannot be read is skipped and counted in the summary, never half-loaded.
"""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from catalogue.models import (
    Country,
    Licence,
    Need,
    NonprofitOffer,
    Platform,
    PriceModel,
    Sector,
    SkillLevel,
    Tool,
)
from catalogue.validators import normalize_spdx
from editorial.languages import LANGUAGE_CODES, localized_values
from editorial.models import Status

DEMO_DIR = Path(__file__).resolve().parent


def load_taxonomy(path: Path = DEMO_DIR / "taxonomy.json") -> tuple[int, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for model, key in [(Sector, "sectors"), (Need, "needs")]:
        for position, item in enumerate(data.get(key, []), start=1):
            model.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "icon": item.get("icon", ""),
                    "order": item.get("order", position),
                    **localized_values("name", item.get("name")),
                    **localized_values("description", item.get("description")),
                },
            )
    return len(data.get("sectors", [])), len(data.get("needs", []))


def read_tool_files(folder: Path = DEMO_DIR / "tools") -> tuple[list[dict], list[str]]:
    tools, skipped = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            item = json.loads(path.read_text(encoding="utf-8"))
            if not item.get("slug") or not item.get("name"):
                raise ValueError("no slug or name")
        except (OSError, ValueError) as error:  # JSONDecodeError is a ValueError
            skipped.append(f"{path.name} ({error})")
            continue
        tools.append(item)
    return tools, skipped


def _organisation(slug: str | None):
    if not slug:
        return None
    from organisations.models import Organisation

    return Organisation.objects.filter(slug=slug).first()


def save_tool(item: dict, sectors: dict, needs: dict) -> Tool:
    last_verified = item.get("last_verified")
    defaults = {
        "name": item["name"],
        "website": item.get("website", ""),
        "source_code": item.get("source_code", ""),
        "spdx_licence": normalize_spdx(item.get("spdx_licence", "")),
        "organisation": _organisation(item.get("organisation")),
        "licence": item["licence"] if item.get("licence") in Licence.values else Licence.PROPRIETARY,
        "price_model": item["price_model"]
        if item.get("price_model") in PriceModel.values
        else PriceModel.PAID,
        "platforms": [p for p in item.get("platforms", []) if p in Platform.values],
        "interface_languages": [
            code for code in item.get("interface_languages", []) if code in LANGUAGE_CODES
        ],
        "skill_level": item.get("skill_level") if item.get("skill_level") in SkillLevel.values else "starter",
        "nonprofit_discount": bool(item.get("nonprofit_discount")),
        "status": Status.PUBLISHED,
        **localized_values("summary", item.get("summary")),
        **localized_values("description", item.get("description")),
        **localized_values("price_note", item.get("price_note")),
        **localized_values("free_plan", item.get("free_plan")),
        **localized_values("typical_price", item.get("typical_price")),
        **localized_values("fees", item.get("fees")),
        **localized_values("discount_note", item.get("discount_note")),
    }
    if last_verified:
        defaults["last_verified"] = datetime.date.fromisoformat(last_verified)
    with transaction.atomic():
        tool, _created = Tool.objects.update_or_create(slug=item["slug"], defaults=defaults)
        tool.sectors.set([sectors[slug] for slug in item.get("sectors", []) if slug in sectors])
        tool.needs.set([needs[slug] for slug in item.get("needs", []) if slug in needs])
        save_offers(tool, item.get("nonprofit_offers", []))
    return tool


def save_offers(tool: Tool, offers: list[dict]) -> None:
    """The tool's nonprofit offers exactly as the file lists them (one per country and programme)."""
    kept = []
    for offer in offers:
        country = offer.get("country", "") if offer.get("country", "") in Country.values else ""
        saved, _created = NonprofitOffer.objects.update_or_create(
            tool=tool,
            country=country,
            programme=offer["programme"],
            defaults={
                "link": offer["link"],
                "last_checked": datetime.date.fromisoformat(offer["last_checked"]),
                **localized_values("eligible", offer.get("eligible")),
                **localized_values("gives", offer.get("gives")),
            },
        )
        kept.append(saved.pk)
    tool.nonprofit_offers.exclude(pk__in=kept).delete()


def load() -> str:
    sector_count, need_count = load_taxonomy()
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    needs = {need.slug: need for need in Need.objects.all()}
    items, skipped = read_tool_files()
    tools = {}
    for item in items:
        try:
            tools[item["slug"]] = save_tool(item, sectors, needs)
        except (KeyError, ValueError, TypeError, ValidationError) as error:
            skipped.append(f"{item['slug']} ({error})")
    # Alternatives last: they point at tools that may come later in the folder.
    all_tools = {tool.slug: tool for tool in Tool.objects.only("pk", "slug")}
    for item in items:
        tool = tools.get(item["slug"])
        if tool:
            tool.alternatives.set(
                [
                    all_tools[slug]
                    for slug in item.get("alternatives", [])
                    if slug in all_tools and slug != tool.slug
                ]
            )
    summary = f"{sector_count} sectors, {need_count} needs, {len(tools)} tools"
    if skipped:
        summary += f"; skipped {len(skipped)} unreadable tool file(s): {', '.join(skipped)}"
    return summary
