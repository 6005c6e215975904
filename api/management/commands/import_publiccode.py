"""``manage.py import_publiccode FILE-OR-ADDRESS --user NAME [--dry-run]``: a draft from a publiccode.yml.

The same reading, checks and admin form as "Import publiccode.yml" in the tool admin, on behalf
of an existing admin user (whose organisation the draft then belongs to, as if they had
imported it themselves). Without ``--user``, the first active superuser.
"""

from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory

from api import imports
from api.fetch import FetchError, fetch
from api.publiccode import PubliccodeError
from catalogue.models import Tool


class Command(BaseCommand):
    help = "Create a draft tool from a publiccode.yml file or address (a dry run with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A publiccode.yml file, or its http(s) address.")
        parser.add_argument("--user", help="The admin user the draft is imported for (default: a superuser).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what the draft would hold; save nothing."
        )

    def handle(self, *args, source, user=None, dry_run=False, **options):
        request = RequestFactory().post("/admin/catalogue/tool/import-publiccode/")
        request.user = self.user(user)
        model_admin = admin.site._registry[Tool]
        if not model_admin.has_add_permission(request):
            raise CommandError(f"{request.user} may not add tools.")
        try:
            text, source_url = self.read(source)
            prepared = imports.prepare(model_admin, request, text, source_url=source_url)
        except (FetchError, PubliccodeError, OSError) as error:
            raise CommandError(str(error)) from error
        for notice in prepared.notices:
            self.stdout.write(f"note: {notice}")
        if not prepared.is_valid:
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in prepared.form.errors.items()
            )
            raise CommandError(f"Nothing was created: {problems}")
        data = prepared.form.cleaned_data
        if dry_run:
            self.stdout.write(f"dry run: would create the draft “{data['name']}” ({data['slug']}).")
            return
        tool = imports.save(model_admin, request, prepared)
        self.stdout.write(self.style.SUCCESS(f"Created the draft “{tool.name}” ({tool.slug}), id {tool.pk}."))

    def user(self, name):
        users = get_user_model().objects.filter(is_active=True, is_staff=True)
        found = users.filter(username=name).first() if name else users.filter(is_superuser=True).first()
        if found is None:
            raise CommandError(
                f"No active admin user “{name}”." if name else "No superuser: name an admin user with --user."
            )
        return found

    def read(self, source: str) -> tuple[str, str]:
        if source.startswith(("http://", "https://")):
            fetched = fetch(source)
            return imports.decode(fetched.content), fetched.url
        path = Path(source)
        with path.open("rb") as handle:
            content = handle.read(settings.PUBLICCODE_MAX_BYTES + 1)
        return imports.decode(content), ""
