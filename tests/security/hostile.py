"""What the hostile-input suite sends, and how it finds every public page and parameter by itself.

Public pages come from the URL resolver (every pattern outside the admin, so a new app's URLs are
covered without touching this file), with path parameters filled from a small site; their query
parameters and form fields come from the pages themselves (every ``name=`` of a form field, every
parameter of a link back to the page) plus the site's known ones.
"""

from __future__ import annotations

import html
import itertools
import re
from urllib.parse import parse_qsl, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

# Anonymous visitors reach these admin pages too.
PUBLIC_ADMIN_PAGES = ["/admin/login/", "/admin/password_reset/"]
KNOWN_PARAMETERS = [
    "q", "page", "p", "sort", "kind", "tools", "module", "course", "preview", "next",
    "sector", "need", "licence", "platform", "language", "level", "category", "country",
]  # fmt: skip
MARKER = "wisexss"
SCRIPT_PAYLOADS = [
    f"<script>alert('{MARKER}')</script>",
    f'"><img src=x onerror={MARKER}(1)>',
    f"'><svg/onload={MARKER}>",
    f"javascript:{MARKER}()",
    f"</textarea><script>{MARKER}</script>",
]
SQL_PAYLOADS = [
    "' OR '1'='1",
    "1; DROP TABLE catalogue_tool; --",
    "\\'; SELECT pg_sleep(0); --",
    "%' AND 1=1 --",
]
ODD_VALUES = [
    "\x00",
    "a\x00b",
    "\ufeff\u202eevil\u200b",
    "😀" * 50,
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "../../../../etc/passwd",
    "%s%s%n%x",
    "{{7*7}}{% debug %}",
    " ",
    "",
    "x" * 100_000,  # a 100 KB value (with the others, the query is over the limit: 414)
    "x" * 2_000,
]
VALUES = [*SCRIPT_PAYLOADS, *SQL_PAYLOADS, *ODD_VALUES]
# Raw query strings, sent as they are (not encoded by the test client).
RAW_QUERIES = [
    "q=%00", "q=%", "q=%zz", "q=%C3", "q=%ED%A0%80", "q=%FF%FE%FD", "q[]=a&q[]=b", "q[0]=a&q[1][x]=b",
    "&&&==&", "=", "page=1&page=2&page=x", "a" * 5000, "tools=" + ",".join(["x"] * 500),
    "q=" + "%41" * 20000, "preview=1&preview=0", "sort=name;DROP",
]  # fmt: skip
# GET is every other request; HEAD answers as GET does.
METHODS = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW"]
BAD_HOSTS = ["evil.example", "testserver@evil.example", "[::1", "a" * 300, "xn--zz"]
BAD_COOKIES = [
    "sessionid=" + "x" * 64,
    "sessionid=<script>;csrftoken=';--",
    "csrftoken=" + "a" * 5000,
    "django_language=zz",
    "django_language=<script>alert(1)</script>",
    'messages="broken-signature:abc"',
    "=;=;;;",
    "sessionid=" + "é" * 20,
]
UNREADABLE_BODIES = [
    ("application/x-www-form-urlencoded; charset=utf-7", b"q=+ADw-script+AD4-"),
    ("application/x-www-form-urlencoded; charset=nope", b"q=a"),
    ("multipart/form-data", b"--not-a-boundary--"),
    (
        "multipart/form-data; boundary=x",
        b'--x\r\nContent-Disposition: form-data; name="q"\r\n\r\n\x00\r\n--x--',
    ),
    ("application/json", b'{"q": "\\u0000"}'),
    ("text/plain; charset=utf-16", "q=a".encode("utf-16")),
]

_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _as_route(pattern: str) -> str:
    """A regular-expression pattern (the API router's ``^tools/(?P<slug>[^/.]+)/$``) as a route."""
    pattern = pattern.replace("^", "").replace("$", "")
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", pattern)


def public_routes() -> list[str]:
    """Every URL pattern of the site outside the admin, as its route (``en/catalogue/<slug:slug>/``)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield _as_route(prefix + str(pattern.pattern))

    return [route for route in walk(get_resolver().url_patterns) if not route.startswith("admin/")]


def concrete_paths(route: str, samples: dict[str, list[str]], limit: int = 8) -> list[str]:
    """Paths for ``route`` with its parameters filled from ``samples`` (by name, else by converter)."""
    names = [(match["name"], match["converter"] or "str") for match in _PARAMETER.finditer(route)]
    choices = [samples.get(name) or samples.get(f"<{converter}>") or ["sample"] for name, converter in names]
    paths = []
    for combination in itertools.islice(itertools.product(*choices), limit):
        values = iter(combination)
        paths.append("/" + _PARAMETER.sub(lambda _match, values=values: str(next(values)), route))
    return paths


_FIELD = re.compile(r"<(?:input|select|textarea|button)\b[^>]*\bname=\"([^\"]+)\"", re.I)
_LINK = re.compile(r"href=\"([^\"]*\?[^\"]*)\"")


def parameters_of(path: str, page: str) -> set[str]:
    """The query parameters and form fields a page offers: its fields' names and its links' parameters."""
    names = set(_FIELD.findall(page))
    for link in _LINK.findall(page):
        parts = urlsplit(html.unescape(link))
        if parts.path in ("", path):
            names.update(name for name, _value in parse_qsl(parts.query, keep_blank_values=True))
    return {name for name in names if name != "csrfmiddlewaretoken"} | set(KNOWN_PARAMETERS)


def echoed_script(body: str) -> str | None:
    """A script payload found unescaped in ``body``, if any."""
    for payload in SCRIPT_PAYLOADS:
        if payload.startswith("javascript:"):
            if f'href="{payload}' in body or f'src="{payload}' in body:
                return payload
        elif payload in body:
            return payload
    return None


def looks_like_a_traceback(body: str) -> bool:
    return any(
        sign in body
        for sign in (
            "Traceback (most recent call last)",
            "django.db.utils.",
            "psycopg2.",
            "NoReverseMatch",
            "KeyError",
        )
    )
