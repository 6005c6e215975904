"""Editors' login and password reset: user names bounded before anything stores them, and a
reset flow that is rate-limited, has a honeypot and tells nobody who has an account.

Django's ``AuthenticationForm`` sets the username field's ``max_length`` after the field is
built, so no length validator runs: a 300-character name reached ``authenticate()`` and
django-axes, whose attempt log cannot store it (a 500). The login form refuses it as a field
error, and django-axes is given a bounded name whatever the login view.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.utils.translation import gettext_lazy as _

from editorial.protection import PublicFormMixin, RateLimitedFormMixin

# Five reset requests per address per hour: enough for a forgetful person, too few to flood inboxes.
PASSWORD_RESET_RATE = "5/h"
# django-axes stores the user name of every failed attempt in a column of this length.
AXES_USERNAME_LENGTH = 255


def username_max_length() -> int:
    user_model = get_user_model()
    return user_model._meta.get_field(user_model.USERNAME_FIELD).max_length or 150


class EditorLoginForm(AdminAuthenticationForm):
    """The admin's login form, with the user name bounded by the user model's column."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "username_too_long": _("A user name has at most %(max)d characters."),
    }

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        limit = username_max_length()
        if len(username) > limit:
            raise forms.ValidationError(
                self.error_messages["username_too_long"], code="username_too_long", params={"max": limit}
            )
        return username


def axes_username(request, credentials=None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the attempted user name, cut to what django-axes can store."""
    if credentials:
        username = credentials.get("username")
    else:
        username = request.POST.get("username") if request.method == "POST" else None
    if username is None:
        return None
    return str(username)[:AXES_USERNAME_LENGTH]


def admin_page_context() -> dict:
    """What the admin's base template needs on the reset pages, which are not admin views."""
    from django.contrib import admin

    return {"site_header": admin.site.site_header, "site_title": admin.site.site_title}


class EditorPasswordResetForm(PublicFormMixin, PasswordResetForm):
    """Django's reset form with the public-form honeypot. Like Django's, it says the same for a
    known and an unknown address: nobody learns from it who has an account."""


class EditorPasswordResetView(RateLimitedFormMixin, PasswordResetView):
    """``/admin/password_reset/``: Django's own reset flow (the admin's "Forgotten your password?"),
    rate-limited per client address, in the language the editor reads the admin in (the email
    too: it is written while that language is active)."""

    form_class = EditorPasswordResetForm
    template_name = "editorial/registration/password_reset_form.html"
    email_template_name = "editorial/registration/password_reset_email.txt"
    subject_template_name = "editorial/registration/password_reset_subject.txt"
    extra_email_context = {"site_name": settings.SITE_NAME}
    rate_limit_group = "password-reset"
    rate_limit_rate = PASSWORD_RESET_RATE
    extra_context = property(lambda self: admin_page_context())
