"""Demo content of the help app, in seven languages: providers (``providers/*.json``), the
country desks, WISEs using a tool (``peers.json``), two pilots with the case story of the
finished one (``pilots.json``, ``case-story.json``) and three help requests in different states
(``requests.json``). Every organisation and person in them is invented and marked "(demo)";
addresses are example.org.

Idempotent: everything is updated by its slug (requests by a fixed demo key), history is
written only when a request is first created, and no email is sent.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.demo import _ensure_hero_image
from articles.models import Article, Category
from articles.models import Status as ArticleStatus
from catalogue.models import Need, Sector, Tool
from editorial.languages import LANGUAGE_CODES, localized_values
from editorial.models import Status
from help.models import (
    CountryDesk,
    Forwarding,
    HelpRequest,
    PeerUse,
    Pilot,
    Provider,
    RequestEvent,
    RequestNote,
    State,
)
from help.tokens import digest
from organisations.models import Organisation

DEMO_DIR = Path(__file__).resolve().parent
PROVIDER_TEXTS = ("summary", "description", "regions", "price_note", "nonprofit_terms")


def _json(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _organisations() -> dict[str, Organisation]:
    return {organisation.slug: organisation for organisation in Organisation.objects.all()}


def load() -> str:
    organisations = _organisations()
    desks = load_desks(organisations)
    providers = load_providers(organisations)
    peers = load_peers(organisations)
    story = load_case_story(organisations)
    pilots = load_pilots(organisations, story)
    requests = load_requests(organisations)
    return (
        f"{desks} country desks, {len(providers)} providers, {peers} WISEs using a tool, "
        f"{pilots} pilots (case story “{story.slug}”), {requests} help requests"
    )


def load_desks(organisations) -> int:
    count = 0
    for country, slug in _json("desks.json").items():
        if slug in organisations:
            CountryDesk.objects.update_or_create(
                country=country, defaults={"organisation": organisations[slug]}
            )
            count += 1
    return count


def load_providers(organisations) -> dict[str, Provider]:
    today = timezone.localdate()
    providers = {}
    for path in sorted((DEMO_DIR / "providers").glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        organisation = organisations.get(item["organisation"])
        defaults = {
            "name": item["name"],
            "kind": item["kind"],
            "organisation": organisation,
            "status": Status.PUBLISHED,
            "services": item["services"],
            "countries": item["countries"],
            "languages": [code for code in item["languages"] if code in LANGUAGE_CODES],
            "free_of_charge": item.get("free_of_charge", False),
            "website": item.get("website", ""),
            "contact_name": item.get("contact_name", ""),
            "contact_email": item["contact_email"],
            "verified_by": organisation,
            "verified_on": today - datetime.timedelta(days=item.get("verified_days_ago", 30)),
        }
        for field in PROVIDER_TEXTS:
            defaults.update(localized_values(field, item.get(field)))
        provider, _created = Provider.objects.update_or_create(slug=item["slug"], defaults=defaults)
        provider.needs.set(Need.objects.filter(slug__in=item.get("needs", [])))
        provider.sectors.set(Sector.objects.filter(slug__in=item.get("sectors", [])))
        provider.tools.set(Tool.objects.filter(slug__in=item.get("tools", [])))
        providers[provider.slug] = provider
    return providers


def load_peers(organisations) -> int:
    count = 0
    for item in _json("peers.json"):
        tool = Tool.objects.filter(slug=item["tool"]).first()
        if tool is None:
            continue
        defaults = {
            "sector": Sector.objects.filter(slug=item.get("sector", "")).first(),
            "country": item["country"],
            "since": item.get("since"),
            "consent": True,
            "contact_email": item["contact_email"],
            "organisation": organisations.get(item["organisation"]),
            "status": Status.PUBLISHED,
            **localized_values("quote", item.get("quote")),
        }
        PeerUse.objects.update_or_create(wise_name=item["wise_name"], tool=tool, defaults=defaults)
        count += 1
    return count


def load_case_story(organisations) -> Article:
    data = _json("case-story.json")
    category, _created = Category.objects.get_or_create(
        slug="case-story", defaults=localized_values("name", {"en": "Case story"})
    )
    published_at = parse_datetime(data["published_at"])
    defaults = {
        "category": category,
        "author_name": data["author"],
        "organisation": organisations.get(data["organisation"]),
        "published_at": published_at,
        "status": ArticleStatus.PUBLISHED if published_at <= timezone.now() else ArticleStatus.SCHEDULED,
    }
    for field in ("title", "summary", "body", "hero_alt"):
        defaults.update(localized_values(field, data.get(field)))
    article, _created = Article.objects.update_or_create(slug=data["slug"], defaults=defaults)
    article.tools.set(Tool.objects.filter(slug__in=data.get("tools", [])))
    article.sectors.set(Sector.objects.filter(slug__in=data.get("sectors", [])))
    # The same quiet drawing as every demo article (its alt text says what it shows).
    _ensure_hero_image(article)
    return article


def load_pilots(organisations, story: Article) -> int:
    count = 0
    for item in _json("pilots.json"):
        defaults = {
            "need": Need.objects.get(slug=item["need"]),
            "wise_name": item["wise_name"],
            "provider": Provider.objects.filter(slug=item.get("provider", "")).first(),
            "tool": Tool.objects.filter(slug=item.get("tool", "")).first(),
            "phase": item["phase"],
            "started_on": datetime.date.fromisoformat(item["started_on"]),
            "ended_on": datetime.date.fromisoformat(item["ended_on"]) if item.get("ended_on") else None,
            "case_story": story if item.get("case_story") == story.slug else None,
            "organisation": organisations.get(item["organisation"]),
            "status": Status.PUBLISHED,
            **localized_values("title", item["title"]),
            **localized_values("outcome", item.get("outcome")),
        }
        Pilot.objects.update_or_create(slug=item["slug"], defaults=defaults)
        count += 1
    return count


def load_requests(organisations) -> int:
    """Three requests in different states; the history is written when a request is first made."""
    count = 0
    now = timezone.now()
    for item in _json("requests.json"):
        created = now - datetime.timedelta(days=item["days_ago"])
        defaults = {
            "need": Need.objects.filter(slug=item.get("need", "")).first(),
            "sector": Sector.objects.filter(slug=item.get("sector", "")).first(),
            "tool": Tool.objects.filter(slug=item.get("tool", "")).first(),
            "country": item["country"],
            "language": item["language"],
            "budget_band": item["budget_band"],
            "brief": item["brief"],
            "tried": item.get("tried", ""),
            "contact_name": item["contact_name"],
            "email": item["email"],
            "consent": True,
        }
        help_request, created_now = HelpRequest.objects.update_or_create(
            idempotency_digest=digest(f"demo-help-request-{item['key']}"), defaults=defaults
        )
        count += 1
        if not created_now:
            continue
        help_request.created = created
        help_request.route()
        help_request.save(update_fields=["created", "organisation"])
        RequestEvent.objects.create(help_request=help_request, to_state=State.NEW, at=created)
        for step in item.get("steps", []):
            at = created + datetime.timedelta(days=step["after_days"])
            if step["to"] == State.FORWARDED:
                event = help_request.forward(
                    Provider.objects.filter(slug__in=step["providers"]), message=step.get("message", "")
                )
                Forwarding.objects.filter(event=event).update(at=at)
            else:
                event = help_request.move_to(step["to"], message=step.get("message", ""))
            RequestEvent.objects.filter(pk=event.pk).update(at=at)
            if step["to"] in (State.DONE, State.CLOSED):
                HelpRequest.objects.filter(pk=help_request.pk).update(finished_at=at)
        for note in item.get("notes", []):
            RequestNote.objects.create(help_request=help_request, text=note)
    return count
