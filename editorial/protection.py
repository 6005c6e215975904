"""What every form a visitor can send has: a honeypot, bounded text, and a rate limit per address.

One mechanism for the check-up, help requests, "report outdated information", "ask a peer"
and password reset alike, instead of one patch per view. No third-party captcha: a field
hidden from people (bots fill it in) and a limit on how often one address may post.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

from editorial.errors import csrf_failure

HONEYPOT_FIELD = "homepage"
#: Default for public forms: ten posts per address per ten minutes is plenty for a person.
DEFAULT_RATE = "10/10m"


class PublicFormMixin:
    """Mixed into a Form or ModelForm that anonymous visitors submit.

    Adds the honeypot field (rendered hidden by ``editorial/honeypot_field.html``) and
    refuses the form when it is filled. Text fields keep their ``max_length``; a form whose
    fields have none should set it: unbounded input is never accepted.
    """

    honeypot_message = _("This form could not be sent. Please try again.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        field.template_name = "editorial/honeypot_field.html"
        self.fields[HONEYPOT_FIELD] = field

    @property
    def caught_in_honeypot(self) -> bool:
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD)))

    def clean(self):
        cleaned_data = super().clean()
        if self.caught_in_honeypot:
            raise ValidationError(self.honeypot_message, code="honeypot")
        return cleaned_data


def rate_limited(request, group: str, rate: str = DEFAULT_RATE, *, increment: bool = True) -> bool:
    """Has this client address posted to ``group`` more than ``rate`` ("5/10m") allows?

    Counted in the default cache (shared by every app server when it is Redis), keyed by
    ``editorial.clientip.client_ip`` (settings.RATELIMIT_IP_META_KEY).
    """
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=increment)


class RateLimitedFormMixin:
    """For a FormView / CreateView: a POST over the limit is answered 429 with the form and a message,
    and nothing is saved."""

    rate_limit_group: str = ""
    rate_limit_rate: str = DEFAULT_RATE

    def post(self, request, *args, **kwargs):
        if rate_limited(request, self.rate_limit_group or type(self).__name__, self.rate_limit_rate):
            return self.rate_limited_response()
        return super().post(request, *args, **kwargs)

    def rate_limited_response(self):
        # A CreateView sets ``object`` in its own post(), which is not reached here.
        if not hasattr(self, "object"):
            self.object = None
        form = self.get_form()
        form.is_valid()  # so the page shows what was typed, with the form's own errors
        form.add_error(
            None, gettext("You have sent this form many times in a short while. Please wait a few minutes.")
        )
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        return response


def from_this_site(request) -> bool:
    """Was this POST sent by a page of this site, as far as the browser tells?

    Browsers say where a request comes from: ``Sec-Fetch-Site`` (every current browser) or
    ``Origin`` (sent with every cross-origin POST since long before). A request carrying neither
    is not from a browser, so no one's cookies were lent to it: allowed, as Go's
    ``http.CrossOriginProtection`` does.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def token_free_form(view):
    """For a form on a page the page cache keeps (the shortlist buttons, "report outdated
    information"): no CSRF token in the page, which would make it one visitor's page; a POST from
    another site is refused by ``from_this_site`` instead, with the CSRF failure page (403)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and not from_this_site(request):
            return csrf_failure(request, reason="cross-site request")
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)
