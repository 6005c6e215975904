"""Editors' login: user names bounded before anything stores them.

Django's ``AuthenticationForm`` sets the username field's ``max_length`` after the field is
built, so no length validator runs: a 300-character name reached ``authenticate()`` and
django-axes, whose attempt log cannot store it (a 500). The login form refuses it as a field
error, and django-axes is given a bounded name whatever the login view.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

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
