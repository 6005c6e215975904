"""The tool admin, with "Import publiccode.yml": a draft tool from a file or an address.

The catalogue's own ``ToolAdmin`` is extended here (the open-data app sits above the
catalogue), so everything it does stays as it is: scoping, history, publishing checks.
The import is a dry run first: the editor sees what the draft will hold, what was left out
and any error, then creates it. Only who may add tools may import them, and the draft is
theirs (their organisation's), as with the add form.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from api import imports
from api.fetch import FetchError, fetch
from api.publiccode import PubliccodeError
from catalogue.admin import ToolAdmin as CatalogueToolAdmin
from catalogue.models import Tool
from editorial.languages import LANGUAGE_CODES, localized


class PubliccodeImportForm(forms.Form):
    url = forms.URLField(
        label=_("Address of a publiccode.yml"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("For example the file's “raw” address in its repository."),
    )
    file = forms.FileField(label=_("Or upload a publiccode.yml"), required=False)
    # The file read at the dry run, carried to the confirmation, so what is saved is what was shown.
    source = forms.CharField(widget=forms.HiddenInput, required=False)
    source_url = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("url", "file", "source") if cleaned.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(gettext("Give either an address or a file."))
        return cleaned

    def text_and_url(self) -> tuple[str, str]:
        """The publiccode.yml's text and the address it came from (empty for an upload)."""
        data = self.cleaned_data
        if data.get("source"):
            return data["source"], data.get("source_url", "")
        if data.get("url"):
            fetched = fetch(data["url"])
            return imports.decode(fetched.content), fetched.url
        upload = data["file"]
        if upload.size > settings.PUBLICCODE_MAX_BYTES:
            raise PubliccodeError(
                gettext("The file is larger than %(limit)d kB.")
                % {"limit": settings.PUBLICCODE_MAX_BYTES // 1024}
            )
        return imports.decode(upload.read(settings.PUBLICCODE_MAX_BYTES + 1)), ""


def preview_rows(form) -> list[tuple[str, str]]:
    """What the draft will hold, field by field, for the dry run's table."""
    data = form.data
    rows = []
    for name in [
        "name",
        "slug",
        "licence",
        "spdx_licence",
        "source_code",
        "website",
        "platforms",
        "interface_languages",
    ]:
        if name in form.fields:
            rows.append((form.fields[name].label, data.get(name, "")))
    if "needs" in form.fields:
        chosen = set(data.getlist("needs"))
        names = [str(need) for need in form.fields["needs"].queryset if str(need.pk) in chosen]
        rows.append((form.fields["needs"].label, ", ".join(names)))
    for code in LANGUAGE_CODES:
        for field_name in ("summary", "description"):
            name = localized(field_name, code)
            if data.get(name):
                rows.append((form.fields[name].label, data[name]))
    if form.files.get("logo"):
        rows.append((form.fields["logo"].label, form.files["logo"].name))
    return rows


admin.site.unregister(Tool)


@admin.register(Tool)
class ToolAdmin(CatalogueToolAdmin):
    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # import-export's change list (with the history links below it), plus the import link.
        self.change_list_template = "admin/api/tool_change_list.html"

    def get_urls(self):
        own = [
            path(
                "import-publiccode/",
                self.admin_site.admin_view(self.publiccode_import_view),
                name="catalogue_tool_import_publiccode",
            )
        ]
        return own + super().get_urls()

    def publiccode_import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        prepared, error = None, ""
        form = (
            PubliccodeImportForm(request.POST, request.FILES)
            if request.method == "POST"
            else PubliccodeImportForm()
        )
        if request.method == "POST" and form.is_valid():
            try:
                text, source_url = form.text_and_url()
                prepared = imports.prepare(self, request, text, source_url=source_url)
            except (FetchError, PubliccodeError) as problem:
                error = str(problem)
            else:
                if "confirm" in request.POST and prepared.is_valid:
                    tool = imports.save(self, request, prepared)
                    self.message_user(
                        request,
                        gettext(
                            "The draft “%(name)s” was made from its publiccode.yml: check it, then publish."
                        )
                        % {"name": tool.name},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:catalogue_tool_change", args=[tool.pk]))
                form = PubliccodeImportForm(initial={"source": text, "source_url": source_url})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import a tool from publiccode.yml"),
            "form": form,
            "prepared": prepared,
            "rows": preview_rows(prepared.form) if prepared else [],
            "error": error,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(
            request, "admin/api/publiccode_import.html", context, status=400 if error else 200
        )
