"""The one admin's name, in the editor's language: partner editors work here, not in "Django"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("WISE Business — partner admin")
admin.site.site_title = _("WISE Business — partner admin")
admin.site.index_title = _("What would you like to work on?")
