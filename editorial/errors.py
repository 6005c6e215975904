"""Error pages that cannot fail: a 400 for input we cannot read and the CSRF refusal.

Both render a self-contained template with a plain context: no context processors, no
database, no ``request.POST`` (reading the form is what failed, or is about to: Django's
own 400 handler re-runs the CSRF check and with it the form parsing that raised). The page
is in the reader's language when the address or the language cookie names one.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation


def _language(request) -> str:
    try:
        return translation.get_language_from_request(request, check_path=True)
    except Exception:  # a header or cookie we cannot read: the page still shows, in English
        return settings.LANGUAGE_CODE


def render_error(request, template_name: str, status: int) -> HttpResponse:
    with translation.override(_language(request)):
        html = loader.get_template(template_name).render(
            {"SITE_NAME": settings.SITE_NAME, "LANGUAGE_CODE": translation.get_language()}
        )
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    """``handler400``: the address or the form holds something that is not text."""
    return render_error(request, "editorial/errors/bad_request.html", 400)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form sent without this site's token (expired, or from elsewhere).

    A body in a charset we do not read is a bad request rather than a CSRF failure.
    """
    from editorial.middleware import request_charset_ok

    if not request_charset_ok(request):
        return bad_request(request)
    return render_error(request, "editorial/errors/csrf_failure.html", 403)
