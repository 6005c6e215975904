"""A draft tool from a publiccode.yml, validated and saved exactly as the admin's own form does.

``read_publiccode(text)`` parses YAML safely (``yaml.SafeLoader``, no aliases, bounded size,
depth and number of nodes: a YAML bomb is refused before it can grow) and reads it into draft
values (``api.publiccode``). ``prepare(...)`` binds them to the tool admin's form for the
requesting user (``ToolAdmin.get_form``: the same fields, widgets, publishing rules and
model validation as a draft typed by hand) and fetches the logo when one is named;
``save(...)`` stores the draft in one transaction, with its history and admin log entry.
Nothing is saved while anything is invalid.
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import yaml
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext

from api.fetch import FetchError, fetch
from api.publiccode import DraftValues, PubliccodeError, draft_values
from catalogue.models import Need, Tool
from catalogue.validators import LOGO_MAX_BYTES
from editorial.models import Status
from editorial.ownership import scope_queryset

# A publiccode.yml is a few kilobytes; these bound what a hostile one can make us build.
MAX_YAML_NODES = 5000
MAX_YAML_DEPTH = 20


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader without aliases (the "billion laughs" need them) and with bounded nodes and depth."""

    def __init__(self, stream):
        super().__init__(stream)
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise PubliccodeError(gettext("YAML aliases (*name) are not accepted in a publiccode.yml."))
        self._nodes += 1
        self._depth += 1
        try:
            if self._nodes > MAX_YAML_NODES or self._depth > MAX_YAML_DEPTH:
                raise PubliccodeError(
                    gettext("This file is too big or too deeply nested for a publiccode.yml.")
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def decode(content: bytes) -> str:
    if len(content) > settings.PUBLICCODE_MAX_BYTES:
        raise PubliccodeError(
            gettext("The file is larger than %(limit)d kB.")
            % {"limit": settings.PUBLICCODE_MAX_BYTES // 1024}
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PubliccodeError(gettext("The file is not UTF-8 text.")) from error


def parse_yaml(text: str):
    if len(text.encode()) > settings.PUBLICCODE_MAX_BYTES:
        raise PubliccodeError(
            gettext("The file is larger than %(limit)d kB.")
            % {"limit": settings.PUBLICCODE_MAX_BYTES // 1024}
        )
    if "\x00" in text:
        raise PubliccodeError(gettext("The file is not UTF-8 text."))
    try:
        return yaml.load(text, Loader=_BoundedLoader)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise PubliccodeError(
            gettext("This is not valid YAML (line %(line)d: %(problem)s).")
            % {"line": line, "problem": (error.problem or "")[:120]}
        ) from error
    except (yaml.YAMLError, RecursionError) as error:
        raise PubliccodeError(gettext("This is not valid YAML.")) from error


def read_publiccode(text: str) -> DraftValues:
    return draft_values(parse_yaml(text), known_needs=set(Need.objects.values_list("slug", flat=True)))


@dataclass
class Prepared:
    """A publiccode.yml bound to the admin's tool form: valid or not, with what was left out."""

    draft: DraftValues
    form: forms.ModelForm
    notices: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.form.is_valid()


def unique_slug(name: str) -> str:
    base = (slugify(name) or "tool")[:90].strip("-") or "tool"
    taken = set(Tool.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _form_value(form_field, value):
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return [str(pk) for pk in value]
    if isinstance(form_field, forms.MultipleChoiceField):
        return [str(item) for item in value]
    if hasattr(form_field, "delimiter"):  # SimpleArrayField
        return form_field.delimiter.join(str(item) for item in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(form_field, forms.BooleanField):
        return "on" if value else None
    return "" if value is None else str(value)


def form_data(form_class, values: dict) -> QueryDict:
    """What a browser would post for ``values``, the form's initial values for everything else."""
    blank = form_class()
    data = QueryDict(mutable=True)
    for name, form_field in blank.fields.items():
        value = values[name] if name in values else blank.get_initial_for_field(form_field, name)
        if value is None or value == "":
            continue
        encoded = _form_value(form_field, value)
        if encoded is None:
            continue
        if isinstance(encoded, list):
            data.setlist(name, encoded)
        else:
            data[name] = encoded
    return data


def _logo(draft: DraftValues, source_url: str) -> tuple[SimpleUploadedFile | None, str]:
    """The logo the file names (fetched like the file itself), or None and why not."""
    if not draft.logo_url:
        return None, ""
    url = urljoin(source_url, draft.logo_url) if source_url else draft.logo_url
    if urlsplit(url).scheme not in ("http", "https"):
        return None, gettext("The logo is a path inside the repository; add it by hand.")
    try:
        fetched = fetch(url, max_bytes=LOGO_MAX_BYTES)
    except FetchError as error:
        return None, gettext("The logo could not be fetched: %(reason)s") % {"reason": error}
    name = posixpath.basename(urlsplit(fetched.url).path) or "logo"
    return SimpleUploadedFile(name[:100], fetched.content, content_type=fetched.content_type), ""


def prepare(model_admin, request, text: str, *, source_url: str = "") -> Prepared:
    """Read ``text`` and bind it to the admin's add form for ``request.user``: a dry run.

    PubliccodeError (wrong types, missing keys, YAML that is not YAML) when there is nothing to
    bind; otherwise the bound form says what is valid, as the admin's own add form would.
    """
    draft = read_publiccode(text)
    notices = list(draft.notices)
    values = dict(draft.values)
    values["slug"] = unique_slug(values["name"])
    if values["slug"] != slugify(values["name"]):
        notices.append(
            gettext("A tool with the slug “%(taken)s” already exists: this draft is “%(slug)s”.")
            % {"taken": slugify(values["name"]), "slug": values["slug"]}
        )
    visible = scope_queryset(Tool.objects.all(), request.user) | Tool.objects.published()
    same_code = visible.filter(source_code=values["source_code"]).exclude(source_code="").first()
    if same_code is not None:
        notices.append(
            gettext("“%(name)s” in the catalogue has the same code address.") % {"name": same_code.name}
        )
    values["status"] = Status.DRAFT
    values["needs"] = list(Need.objects.filter(slug__in=draft.needs).values_list("pk", flat=True))
    form_class = model_admin.get_form(request, None, change=False)
    data = form_data(form_class, values)
    logo, reason = _logo(draft, source_url)
    if reason:
        notices.append(reason)
    form = form_class(data=data, files={"logo": logo} if logo else None, instance=Tool())
    if logo is not None and not form.is_valid() and set(form.errors) == {"logo"}:
        # A logo we cannot take (an SVG, too big) leaves the draft without one, not undone.
        notices.append(
            gettext("The logo was left out: %(reason)s") % {"reason": " ".join(form.errors["logo"])}
        )
        form = form_class(data=data, instance=Tool())
    return Prepared(draft=draft, form=form, notices=notices)


def save(model_admin, request, prepared: Prepared) -> Tool:
    """Store the prepared draft (valid forms only) as the admin's add view would, in one transaction."""
    if not prepared.is_valid:
        raise ValueError("invalid form")
    form = prepared.form
    with transaction.atomic(), model_admin.create_revision(request):
        tool = form.save(commit=False)
        tool.status = Status.DRAFT
        model_admin.save_model(request, tool, form, change=False)
        model_admin.save_related(request, form, formsets=[], change=False)
        if getattr(request.user, "pk", None):
            model_admin.log_addition(request, tool, [{"added": {}}])
    return tool
