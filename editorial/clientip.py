"""The address a request really comes from, behind as many reverse proxies as we trust.

Behind nginx every request's REMOTE_ADDR is the proxy's. Each trusted proxy appends the
address it received the request from to ``X-Forwarded-For``, so with ``TRUSTED_PROXY_COUNT``
proxies the client is the entry that many places from the right; anything further left was
written by the client and proves nothing. Login lockouts and rate limits both key on this.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            address = _valid(forwarded[-count])
            if address:
                return address
    return _valid(remote) or "0.0.0.0"
