"""Where help meets the digital check-up (which sits below this app).

- On a check-up result, every next step lists "who can help nearby": this module is the
  check-up's helper source (``checkup.plan.register_helper_source``), registered in
  ``HelpConfig.ready()``: the published providers who serve the step's need, in the WISE's
  country first, then in its language, and the partner of its country with a link to the help
  request form for that need.
- A help request can carry the WISE's check-up result: the one finished in this browser (the
  check-up keeps its token in the session) or one whose private link the WISE pastes. The
  request keeps a link to the result, never its token: the partner reads a summary in the
  admin, nobody can open the result page from the request.
- The result prefills the form: its sector, country and budget, and the need of its first
  next step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalogue.models import Need
from checkup.models import Dimension, Response
from checkup.plan import Helper, Profile
from checkup.views import RESULT_SESSION_KEY
from help.countries import valid_country
from help.models import BudgetBand, Provider, partner_for_country

#: Providers offered per check-up result (for all its steps together; each step shows three).
HELPERS = 9
#: What the helper source costs a result page when the country has a desk: the providers with
#: their needs (2), the desk (1). Without a desk, one more: the one partner based there.
HELPER_QUERIES = 3

#: A result link as the check-up shows it (``https://…/sl/check-up/r/<token>/``), or the bare token.
RESULT_LINK = re.compile(r"(?:/r/)?([A-Za-z0-9_-]{20,100})/?$")
MAX_LINK_LENGTH = 300

#: The check-up's budget bands (a year, for digital tools) -> the help request's (for this job):
#: the nearest band, never a bigger one.
BUDGET_BANDS = {
    "none": BudgetBand.NONE,
    "small": BudgetBand.SMALL,
    "medium": BudgetBand.MEDIUM,
    "large": BudgetBand.LARGE,
}


# The result a request carries


def result_in_session(request) -> Response | None:
    """The finished check-up result this browser took last, if it still exists."""
    session = getattr(request, "session", None)
    token = session.get(RESULT_SESSION_KEY) if session is not None else None
    if not isinstance(token, str):
        return None
    return Response.objects.finished().select_related("sector").by_token(token)


def result_from_link(text: str) -> Response | None:
    """The finished result a pasted private link (or its token) opens, or None."""
    text = (text or "").strip()
    if not text or len(text) > MAX_LINK_LENGTH:
        return None
    match = RESULT_LINK.search(text.split("?", 1)[0].split("#", 1)[0])
    if match is None:
        return None
    return Response.objects.finished().select_related("sector").by_token(match.group(1))


def prefill(result: Response) -> dict:
    """Form values a check-up result answers already (slugs and codes, as the form takes them)."""
    initial = {}
    if result.sector_id:
        initial["sector"] = result.sector.slug
    if valid_country(result.country):
        initial["country"] = result.country
    if result.budget in BUDGET_BANDS:
        initial["budget_band"] = BUDGET_BANDS[result.budget]
    known = set(Need.objects.filter(slug__in=result.next_steps).values_list("slug", flat=True))
    first = next((slug for slug in result.next_steps if slug in known), None)
    if first is not None:
        initial["need"] = first
    return initial


@dataclass(frozen=True)
class Score:
    name: str
    score: float | None


@dataclass(frozen=True)
class Summary:
    """What the partner reads of an attached result: no answers one by one, no token."""

    result: Response
    scores: list[Score]
    next_steps: list[Need]


def summary(result: Response) -> Summary:
    """The result's scores by dimension (in the questionnaire's order) and the needs of its next
    steps (in the plan's order). Two queries."""
    dimensions = Dimension.objects.filter(questionnaire_id=result.questionnaire_id).order_by("order", "id")
    scores = [Score(dimension.name, result.scores.get(dimension.slug)) for dimension in dimensions]
    needs = {need.slug: need for need in Need.objects.filter(slug__in=result.next_steps)}
    return Summary(result, scores, [needs[slug] for slug in result.next_steps if slug in needs])


# Who can help nearby, on the check-up result


def request_url(language: str, **params) -> str:
    """The help request form in ``language``, prefilled by ``params`` (empty ones left out)."""
    with translation.override(language):
        url = reverse("help:request-create")
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{url}?{query}" if query else url


def helpers(profile: Profile, needs: Sequence[Need]) -> list[Helper]:
    """The check-up's helper source: for the needs of a result's next steps, the partner who
    takes help requests from the WISE's country (a link to the form for that need) and the
    published providers who serve them, working in that country or speaking the WISE's
    language, nearest first. ``HELPER_QUERIES`` queries, whatever the number of steps."""
    slugs = [need.slug for need in needs]
    if not slugs:
        return []
    country = valid_country(profile.country)
    nearby = Q(languages__contains=[profile.language])
    if country:
        nearby |= Q(countries__contains=[country])
    providers = (
        Provider.objects.published()
        .for_cards()
        .filter(nearby, needs__slug__in=slugs)
        .distinct()
        .nearest_first(country, profile.language)
        .prefetch_related(Prefetch("needs", queryset=Need.objects.only("id", "slug"), to_attr="need_rows"))
    )[:HELPERS]
    found: list[Helper] = []
    with translation.override(profile.language):
        partner = partner_for_country(country) if country else None
        if partner is not None:
            found += [
                Helper(
                    name=partner.name,
                    url=request_url(profile.language, need=slug, sector=profile.sector, country=country),
                    summary=gettext(
                        "The partner for your country: send them a help request, with your check-up "
                        "result if you like, and they find someone for you."
                    ),
                    needs=frozenset([slug]),
                )
                for slug in slugs
            ]
        found += [
            Helper(
                name=provider.name,
                url=provider.get_absolute_url(),
                summary=provider.summary,
                place=", ".join(provider.countries),
                needs=frozenset(need.slug for need in provider.need_rows) & frozenset(slugs),
            )
            for provider in providers
        ]
    return found
