"""The check-up's forms: the profile, one form per dimension, and the small forms of the result page.

Every one is a public form (honeypot, bounded text: ``editorial.protection``). An answer must
be one of the offered choices; anything else is a field error, never a guess.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalogue.models import Sector
from checkup.models import DONT_KNOW, PROFILE_FIELDS, Level, Response
from checkup.scoring import parse_level
from editorial.protection import PublicFormMixin

DONT_KNOW_LABEL = _("Don't know")
NO_TARGET = ""
RADIO_FIELDS = ("country", "staff", "integration_workers", "budget", "devices", "connectivity")


class PublicForm(PublicFormMixin, forms.Form):
    """A form with no fields of its own (start, retake, delete): the honeypot only."""


class ProfileForm(PublicFormMixin, forms.ModelForm):
    """Step 1: who the WISE is. Bands only; nothing identifies a person."""

    class Meta:
        model = Response
        fields = PROFILE_FIELDS
        labels = {
            "sector": _("What is your main sector?"),
            "sector_other": _("Another sector, or more about it (optional)"),
            "country": _("Which country do you work in?"),
            "staff": _("How many people work in your social enterprise?"),
            "integration_workers": _("How many of them are workers in integration?"),
            "budget": _("How much can you spend on digital tools in a year?"),
            "devices": _("Which devices do your staff mostly use at work?"),
            "connectivity": _("How is your internet connection at work?"),
        }
        widgets = dict.fromkeys(("sector", *RADIO_FIELDS), forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        sector.empty_label = None
        sector.queryset = Sector.objects.all()
        sector.required = True
        for name in RADIO_FIELDS:
            field = self.fields[name]
            field.required = True
            field.choices = [choice for choice in field.choices if choice[0] != ""]
        self.fields["sector_other"].widget.attrs.update(maxlength=120, autocomplete="off")


def level_choices(question) -> list[tuple[str, str]]:
    """The question's four statements (in level order), then "don't know"."""
    return [(str(option.level), option.text) for option in question.options.all()] + [
        (DONT_KNOW, DONT_KNOW_LABEL)
    ]


TARGET_CHOICES = [
    (NO_TARGET, pgettext_lazy("one-year target", "Not set")),
    *[(str(level), label) for level, label in Level.choices if level > 0],
]


class DimensionForm(PublicFormMixin, forms.Form):
    """One step: every question of a dimension, answered with a statement or "don't know", and an
    optional level to reach in a year."""

    def __init__(self, *args, dimension, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        self.questions = list(dimension.questions.all())
        for question in self.questions:
            self.fields[question.field_name] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=level_choices(question),
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer, or “Don't know”.")},
            )
            self.fields[f"{question.field_name}_target"] = forms.ChoiceField(
                label=_("Where do you want to be in a year?"),
                choices=TARGET_CHOICES,
                required=False,
            )

    @classmethod
    def initial_from(cls, dimension, answers: dict) -> dict:
        initial = {}
        for question in dimension.questions.all():
            answer = answers.get(str(question.pk))
            if not isinstance(answer, dict):
                continue
            level, target = parse_level(answer.get("level")), parse_level(answer.get("target"))
            initial[question.field_name] = DONT_KNOW if level is None else str(level)
            initial[f"{question.field_name}_target"] = NO_TARGET if target is None else str(target)
        return initial

    def rows(self):
        """(question, answer field, target field) for the template."""
        return [(q, self[q.field_name], self[f"{q.field_name}_target"]) for q in self.questions]

    def answers(self) -> dict:
        """The valid answers of this step, {"<question id>": {"level", "target"}}: all of them
        when the form is valid, the valid ones otherwise (saved when going back)."""
        data = getattr(self, "cleaned_data", {})
        answers = {}
        for question in self.questions:
            value = data.get(question.field_name)
            if value in (None, ""):
                continue
            target = data.get(f"{question.field_name}_target") or None
            answers[str(question.pk)] = {
                "level": None if value == DONT_KNOW else int(value),
                "target": int(target) if target else None,
            }
        return answers


class EmailForm(PublicFormMixin, forms.Form):
    """Send the result's link to an address, once: the address is not kept."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "Send the link of this result to this address. We use it for this one e-mail and do not keep it."
        ),
        error_messages={"required": _("Tick the box to agree, or leave the address out.")},
    )
