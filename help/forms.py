"""The public forms of the help app: a help request, a question to a peer and a peer's answer.

Each has the base's honeypot (``editorial.protection.PublicFormMixin``), bounded fields, and
choices limited to what is public (a crafted POST naming a draft tool is a field error). The
two that create rows carry a private *idempotency key*: the same form sent twice (a double tap,
a reload) finds the row the first one made instead of making another.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalogue.models import Need, Sector, Tool
from courses.models import Country
from editorial.protection import PublicFormMixin
from help import checkup_link
from help.countries import sorted_countries
from help.models import BudgetBand, HelpRequest, PeerQuestion, Provider
from help.tokens import MAX_TOKEN_LENGTH, digest, new_token

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


class IdempotentFormMixin:
    """A hidden ``form_key``, minted when the form is first shown; its digest marks the row."""

    label_suffix = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_key"] = forms.CharField(
            widget=forms.HiddenInput, max_length=MAX_TOKEN_LENGTH, initial=new_token
        )

    def clean_form_key(self):
        key = self.cleaned_data["form_key"]
        if not KEY_PATTERN.match(key):
            raise forms.ValidationError(_("This form could not be sent. Please try again."), code="form_key")
        return key

    @property
    def idempotency_digest(self) -> str:
        return digest(self.cleaned_data["form_key"])


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a public row by its slug (what links and the query string carry)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)


class HelpRequestForm(IdempotentFormMixin, PublicFormMixin, forms.ModelForm):
    """``/<lang>/help/request/``: a short brief, the WISE's consent, and an optional address."""

    need = SlugChoiceField(
        Need.objects.all(), required=False, label=_("What do you need help with?"), empty_label=_("Choose…")
    )
    sector = SlugChoiceField(
        Sector.objects.all(), required=False, label=_("Your sector"), empty_label=_("Choose…")
    )
    tool = SlugChoiceField(
        Tool.objects.published().only("pk", "slug", "name"),
        required=False,
        label=_("The tool you chose, if any"),
        empty_label=_("No tool yet"),
    )
    provider = SlugChoiceField(Provider.objects.published(), required=False, widget=forms.HiddenInput)
    country = forms.TypedChoiceField(label=_("Your country"), choices=(), coerce=str)
    language = forms.ChoiceField(
        label=_("The language you want to be answered in"), choices=settings.LANGUAGES
    )
    budget_band = forms.ChoiceField(
        label=_("Your budget"), choices=BudgetBand.choices, initial=BudgetBand.UNSURE
    )
    attach_checkup = forms.BooleanField(
        required=False,
        label=_("Attach my check-up result"),
        help_text=_(
            "The partner then sees your scores and your next steps (not your answers one by one), "
            "and can find the right help faster."
        ),
    )
    checkup_link = forms.CharField(
        required=False,
        max_length=checkup_link.MAX_LINK_LENGTH,
        label=_("The link of your check-up result (optional)"),
        help_text=_("Took the check-up on another device? Paste the private link of your result here."),
    )
    consent = forms.BooleanField(
        required=True,
        label=_(
            "I agree that the partner organisation for my country reads this request and passes it, "
            "with my name and email address if I give them, to providers who can help."
        ),
        error_messages={"required": _("We can only pass your request on with your agreement.")},
    )

    class Meta:
        model = HelpRequest
        fields = [
            "need",
            "sector",
            "tool",
            "provider",
            "country",
            "language",
            "budget_band",
            "brief",
            "tried",
            "contact_name",
            "email",
            "consent",
        ]
        labels = {
            "brief": _("Tell us in a few sentences what you would like to do"),
            "tried": _("What have you tried so far? (optional)"),
            "contact_name": _("Your name or the name of your cooperative (optional)"),
            "email": _("Your email address (optional)"),
        }
        help_texts = {
            "brief": _(
                "For example: “We want to send our invoices from a computer, and nobody here knows how.”"
            ),
            "email": _(
                "We write to you only about this request. Without it, follow it on the page we show you next."
            ),
        }
        widgets = {
            "brief": forms.Textarea(attrs={"rows": 5}),
            "tried": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, session_result=None, **kwargs):
        super().__init__(*args, **kwargs)
        #: The check-up result this browser finished last (offered with a tick), or None.
        self.session_result = session_result
        #: The result the request will carry (set by clean()).
        self.checkup_result = None
        if session_result is None:
            del self.fields["attach_checkup"]
        self.fields["checkup_link"].widget.attrs.update(autocomplete="off", inputmode="url")
        self.fields["country"].choices = [("", _("Choose…")), *sorted_countries()]
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["contact_name"].widget.attrs.update(autocomplete="organization")
        for name in ("brief", "tried"):
            self.fields[name].widget.attrs["maxlength"] = self.fields[name].max_length

    def clean_country(self):
        country = self.cleaned_data["country"]
        if country not in Country.values:
            raise forms.ValidationError(_("Choose your country."), code="invalid_choice")
        return country

    def clean_checkup_link(self):
        link = self.cleaned_data["checkup_link"].strip()
        if not link:
            return ""
        result = checkup_link.result_from_link(link)
        if result is None:
            raise forms.ValidationError(
                _("We could not find a check-up result at this link. Copy it from your result page."),
                code="checkup_link",
            )
        self.linked_result = result
        return link

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("checkup_link"):
            self.checkup_result = self.linked_result
        elif cleaned_data.get("attach_checkup"):
            self.checkup_result = self.session_result
        return cleaned_data


class PeerQuestionForm(IdempotentFormMixin, PublicFormMixin, forms.ModelForm):
    """``/<lang>/help/peers/<id>/ask/``: a question relayed to a WISE that uses a tool."""

    consent = forms.BooleanField(
        required=True,
        label=_(
            "I agree that my name and my question are sent to this WISE. My email address stays with "
            "WISE Business: we use it only to send me its answer."
        ),
        error_messages={"required": _("We can only send your question with your agreement.")},
    )

    class Meta:
        model = PeerQuestion
        fields = ["asker_name", "asker_email", "question"]
        labels = {
            "asker_name": _("Your name and your cooperative"),
            "asker_email": _("Your email address, for the answer"),
            "question": _("Your question"),
        }
        help_texts = {
            "asker_email": _("Only your own address: the answer is sent there, and nowhere else."),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asker_email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["question"].widget.attrs["maxlength"] = self.fields["question"].max_length


class PeerAnswerForm(PublicFormMixin, forms.Form):
    """``/<lang>/help/peers/answer/<token>/``: the peer's answer, sent to the asker only."""

    label_suffix = ""

    answer = forms.CharField(
        label=_("Your answer"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 3000}),
        help_text=_("We send it to the person who asked. Your email address is not shown to them."),
    )
