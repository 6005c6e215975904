"""What the help app adds to every tool page (``catalogue.sections``), each loaded with the tool
in one prefetch: who can help with the tool (nearest to the visitor first), the WISEs that use
it, and the pilots that tried it out."""

from __future__ import annotations

from catalogue import sections
from editorial.languages import current_language
from help.countries import visitor_country
from help.models import TOOL_PAGE_PEERS, TOOL_PAGE_PILOTS, TOOL_PAGE_PROVIDERS, PeerUse, Pilot, Provider

STYLESHEET = "help/help.css"


def nearby_providers(request):
    """Published providers of the tool, in the visitor's country first, then in their language."""
    country = visitor_country(request) if request is not None else ""
    queryset = Provider.objects.published().for_cards().nearest_first(country, current_language())
    return queryset[:TOOL_PAGE_PROVIDERS]


def peer_uses():
    return PeerUse.objects.for_tool_page()[:TOOL_PAGE_PEERS]


def finished_pilots():
    return Pilot.objects.finished().for_tool_page()[:TOOL_PAGE_PILOTS]


def register_tool_page_sections() -> None:
    # tool.published_providers, tool.published_peer_uses, tool.published_pilots
    sections.register(
        order=30,
        template="help/_tool_providers.html",
        relation="providers",
        rows=nearby_providers,
        per_request=True,
        stylesheet=STYLESHEET,
        printed=True,
    )
    sections.register(
        order=40,
        template="help/_tool_peers.html",
        relation="peer_uses",
        rows=peer_uses,
        stylesheet=STYLESHEET,
    )
    sections.register(
        order=50,
        template="help/_tool_pilots.html",
        relation="pilots",
        rows=finished_pilots,
        stylesheet=STYLESHEET,
    )
