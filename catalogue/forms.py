from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import OutdatedReport
from editorial.protection import PublicFormMixin


class OutdatedReportForm(PublicFormMixin, forms.ModelForm):
    """ "Report outdated information" on a tool page: what changed, in the visitor's words.

    Bounded by the model (2,000 characters), honeypot and rate limit from editorial.protection;
    the e-mail address is optional and only used to answer.
    """

    class Meta:
        model = OutdatedReport
        fields = ["topic", "message", "email"]
        widgets = {
            "topic": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {"message": _("What should it say instead?")}
        help_texts = {
            "message": _("For example the new price, or where you read it."),
            "email": _("Optional: only if you would like an answer. We use it for nothing else."),
        }
