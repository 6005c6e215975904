"""``manage.py check_links``: does every tool's website still answer?

Each address is asked with HEAD (GET when a server refuses HEAD), following redirects by
hand so a loop is named as one, with a timeout per request. What it finds is written on the
tool (``website_status``, ``website_problem``, ``website_http_status``, ``website_checked``)
for partners to filter on in the admin, and a summary of the broken links is printed.
Nothing else about the tool changes (not even its "updated" time).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.management.base import BaseCommand
from django.utils import timezone

from catalogue.models import Tool, WebsiteProblem, WebsiteStatus
from editorial.cache import bump_content_version

USER_AGENT = "WISE Business link checker (+https://wise-business.eu/)"
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Result:
    ok: bool
    problem: str = ""
    http_status: int | None = None
    final_url: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # followed by check_url itself, which counts and recognises loops


_opener = urllib.request.build_opener(_NoRedirects)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str]:
    """(status, Location header) of one request, without following redirects."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Location", "") if error.headers else ""


def check_url(url: str, *, timeout: float = 10, max_redirects: int = 5) -> Result:
    """What a visitor following ``url`` would get."""
    seen = []
    current = url
    while True:
        if urllib.parse.urlsplit(current).scheme not in ("http", "https"):
            return Result(False, WebsiteProblem.NOT_HTTP, final_url=current)
        if current in seen:
            return Result(False, WebsiteProblem.REDIRECT_LOOP, final_url=current)
        if len(seen) > max_redirects:
            return Result(False, WebsiteProblem.TOO_MANY_REDIRECTS, final_url=current)
        seen.append(current)
        try:
            status, location = _ask(current, "HEAD", timeout)
            if status >= 400:
                # Some servers refuse HEAD, or answer it differently: ask as a browser does.
                status, location = _ask(current, "GET", timeout)
        except TimeoutError:
            return Result(False, WebsiteProblem.TIMEOUT, final_url=current)
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                return Result(False, WebsiteProblem.TIMEOUT, final_url=current)
            return Result(False, WebsiteProblem.CONNECTION, final_url=current)
        except (ConnectionError, http.client.HTTPException, ssl.SSLError, OSError, ValueError):
            return Result(False, WebsiteProblem.CONNECTION, final_url=current)
        if status in REDIRECTS and location:
            current = urllib.parse.urljoin(current, location)
            continue
        if 200 <= status < 400:
            return Result(True, http_status=status, final_url=current)
        return Result(False, WebsiteProblem.HTTP_ERROR, http_status=status, final_url=current)


class Command(BaseCommand):
    help = "Check every tool's website; mark the ones that fail for partners and list them."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each request.")
        parser.add_argument("--max-redirects", type=int, default=5)
        parser.add_argument("--workers", type=int, default=8, help="Websites checked at the same time.")
        parser.add_argument("--slug", action="append", default=[], help="Only this tool (repeatable).")

    def handle(self, *args, timeout, max_redirects, workers, slug, **options):
        tools = Tool.objects.exclude(website="").only("pk", "name", "slug", "website").order_by("name")
        if slug:
            tools = tools.filter(slug__in=slug)
        tools = list(tools)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            results = list(
                pool.map(
                    lambda tool: check_url(tool.website, timeout=timeout, max_redirects=max_redirects), tools
                )
            )
        now = timezone.now()
        for tool, result in zip(tools, results, strict=True):
            tool.website_status = WebsiteStatus.OK if result.ok else WebsiteStatus.BROKEN
            tool.website_problem = result.problem
            tool.website_http_status = result.http_status
            tool.website_checked = now
        Tool.objects.bulk_update(
            tools,
            ["website_status", "website_problem", "website_http_status", "website_checked"],
            batch_size=500,
        )
        bump_content_version()  # bulk_update sends no signal; tool pages show the website's state
        broken = [(tool, result) for tool, result in zip(tools, results, strict=True) if not result.ok]
        self.stdout.write(
            f"Checked {len(tools)} websites: {len(tools) - len(broken)} work, {len(broken)} broken."
        )
        for tool, result in broken:
            detail = WebsiteProblem(result.problem).label
            if result.http_status:
                detail = f"{detail} (HTTP {result.http_status})"
            self.stdout.write(f"- {tool.name} ({tool.slug}): {tool.website} — {detail}")
