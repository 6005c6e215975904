from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from editorial.clientip import client_ip


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, counted in the shared cache, keyed by the real client address
    (behind TRUSTED_PROXY_COUNT proxies, as login lockouts and form limits are), with its rate
    read from settings on every request (``API_THROTTLE_RATE``), so a test or a deployment can
    change it without re-importing DRF's class attributes."""

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_ident(self, request):
        return client_ip(request)
