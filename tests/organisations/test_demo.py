"""The demo organisations and accounts load, idempotently, and never in production."""

import pytest
from django.contrib.auth import authenticate, get_user_model

from organisations import demo
from organisations.models import Membership, Organisation
from organisations.scoping import is_site_manager

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates(rf):
    first = demo.load()
    second = demo.load()
    assert first == second
    assert Organisation.objects.count() == 4
    assert Membership.objects.count() == 4
    request = rf.post("/admin/login/")
    editor = authenticate(request, username="editor-it", password=demo.DEMO_PASSWORD)
    assert editor is not None and editor.membership.organisation.slug == "wise-federation-italy"
    manager = authenticate(request, username="manager", password=demo.DEMO_PASSWORD)
    assert is_site_manager(manager)
    assert "editor-it" in first and demo.DEMO_PASSWORD in first


def test_no_demo_accounts_in_production(settings):
    settings.PRODUCTION = True
    demo.load()
    assert Organisation.objects.count() == 4
    assert not get_user_model().objects.filter(username="manager").exists()
