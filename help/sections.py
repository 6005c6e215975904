"""What the help app adds to every tool page (``catalogue.sections``), each loaded with the tool
in one prefetch: who can help with the tool (nearest to the visitor first), the WISEs that use
it, and the pilots that tried it out."""

from __future__ import annotations

from django.db.models import Prefetch

from catalogue.sections import ToolPageSection, register
from editorial.languages import current_language
from help.countries import visitor_country
from help.models import TOOL_PAGE_PEERS, TOOL_PAGE_PILOTS, TOOL_PAGE_PROVIDERS, PeerUse, Pilot, Provider

STYLESHEET = "help/help.css"


def nearby_providers(request) -> Prefetch:
    """Published providers of the tool, in the visitor's country first, then in their language."""
    country = visitor_country(request) if request is not None else ""
    queryset = Provider.objects.published().for_cards().nearest_first(country, current_language())
    return Prefetch("providers", queryset=queryset[:TOOL_PAGE_PROVIDERS], to_attr="nearby_providers")


def peer_uses() -> Prefetch:
    return Prefetch(
        "peer_uses", queryset=PeerUse.objects.for_tool_page()[:TOOL_PAGE_PEERS], to_attr="published_peer_uses"
    )


def finished_pilots() -> Prefetch:
    return Prefetch(
        "pilots", queryset=Pilot.objects.finished().for_cards()[:TOOL_PAGE_PILOTS], to_attr="finished_pilots"
    )


def register_tool_page_sections() -> None:
    register(
        ToolPageSection(
            order=30,
            template="help/_tool_providers.html",
            prefetch=nearby_providers,
            per_request=True,
            stylesheet=STYLESHEET,
        )
    )
    register(
        ToolPageSection(order=40, template="help/_tool_peers.html", prefetch=peer_uses, stylesheet=STYLESHEET)
    )
    register(
        ToolPageSection(
            order=50, template="help/_tool_pilots.html", prefetch=finished_pilots, stylesheet=STYLESHEET
        )
    )
