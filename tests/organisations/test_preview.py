"""Drafts are previewable by their organisation's staff (and site managers) only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from catalogue.models import Tool
from editorial.preview import may_preview, preview_url, published_or_preview
from tests.organisations.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_for(rf, user, preview=True):
    request = rf.get("/", {"preview": "1"} if preview else {})
    request.user = user
    return request


def test_who_may_preview(rf, editor_a, editor_b, manager, tool_a):
    assert may_preview(request_for(rf, editor_a), tool_a)
    assert may_preview(request_for(rf, manager), tool_a)
    assert not may_preview(request_for(rf, editor_b), tool_a)
    assert not may_preview(request_for(rf, AnonymousUser()), tool_a)
    assert not may_preview(request_for(rf, UserFactory(is_staff=False)), tool_a)
    assert not may_preview(request_for(rf, editor_a, preview=False), tool_a)


def test_previewable_object(rf, editor_a, editor_b, tool_a):
    assert published_or_preview(request_for(rf, editor_a), Tool.objects.all(), slug="tool-a") == tool_a
    with pytest.raises(Http404):
        published_or_preview(request_for(rf, editor_b), Tool.objects.all(), slug="tool-a")


def test_preview_url(tool_a):
    assert preview_url(tool_a).endswith("/catalogue/tool-a/?preview=1")
