"""Demo partner organisations, one partner editor for each and a site manager.

The accounts have a known password so that anybody trying the site locally can log in as
each role; they are created only outside production (DJANGO_ENV != production).
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organisations.models import Membership, Organisation
from organisations.roles import PARTNER_EDITOR, SITE_MANAGER, sync_roles

DATA = Path(__file__).with_name("organisations.json")
# Local demo only (never created in production): documented in the README.
DEMO_PASSWORD = "wise-demo-2026"
SITE_MANAGER_USERNAME = "manager"


def _account(username: str, group: Group, first_name: str):
    user, _created = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "is_staff": True,
            "is_active": True,
            "first_name": first_name,
            "email": f"{username}@example.org",
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    user.groups.set([group])
    return user


def load() -> str:
    entries = json.loads(DATA.read_text(encoding="utf-8"))
    organisations = {}
    for entry in entries:
        organisations[entry["slug"]], _created = Organisation.objects.update_or_create(
            slug=entry["slug"],
            defaults={"name": entry["name"], "country": entry["country"], "website": entry["website"]},
        )
    if settings.PRODUCTION:
        return f"{len(organisations)} organisations (no demo accounts in production)"
    sync_roles()
    editors = Group.objects.get(name=PARTNER_EDITOR)
    for entry in entries:
        user = _account(entry["editor"], editors, entry["name"])
        Membership.objects.update_or_create(
            user=user, defaults={"organisation": organisations[entry["slug"]]}
        )
    _account(SITE_MANAGER_USERNAME, Group.objects.get(name=SITE_MANAGER), "Site manager")
    usernames = ", ".join(entry["editor"] for entry in entries)
    return (
        f"{len(organisations)} organisations; admin logins (password '{DEMO_PASSWORD}'): "
        f"partner editors {usernames}, site manager '{SITE_MANAGER_USERNAME}'"
    )
