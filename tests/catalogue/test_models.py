import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue.models import Tool
from catalogue.validators import validate_logo
from tests.catalogue.factories import ToolFactory


def image_file(fmt: str, name: str, size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("JPEG", "a.jpg"), ("WEBP", "a.webp")])
def test_logo_accepts_png_jpeg_webp(db, fmt, name):
    tool = ToolFactory.build(logo=image_file(fmt, name))
    tool.full_clean(exclude=["slug", "sectors", "needs", "alternatives"])


def test_logo_refuses_other_types_and_fakes(db):
    with pytest.raises(ValidationError):
        ToolFactory.build(logo=image_file("GIF", "a.gif")).full_clean()
    with pytest.raises(ValidationError):
        validate_logo(image_file("GIF", "a.png"))  # a GIF named .png
    with pytest.raises(ValidationError):
        validate_logo(SimpleUploadedFile("a.png", b"<svg onload=alert(1)></svg>"))


def test_logo_refuses_big_files(db):
    big = SimpleUploadedFile("a.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="at most"):
        validate_logo(big)


def test_published_and_stale(db):
    fresh = ToolFactory(last_verified=datetime.date(2026, 6, 1))
    old = ToolFactory(last_verified=datetime.date(2025, 1, 1))
    draft = ToolFactory(status="draft")
    assert set(Tool.objects.published()) == {fresh, old}
    assert draft not in Tool.objects.published()
    assert list(Tool.objects.stale(today=datetime.date(2026, 7, 1))) == [old]
    assert old.is_stale and not ToolFactory(last_verified=datetime.date.today()).is_stale  # noqa: DTZ011


def test_admin_lists_tools_with_filters(admin_client, catalogue):
    for url in [
        "/admin/catalogue/tool/",
        "/admin/catalogue/tool/?verified=stale",
        "/admin/catalogue/tool/?q=gnu",
        f"/admin/catalogue/tool/{catalogue['gnucash'].pk}/change/",
        "/admin/catalogue/tool/add/",
        "/admin/catalogue/sector/",
        "/admin/catalogue/need/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    html = admin_client.get("/admin/catalogue/tool/add/").content.decode()
    # One jQuery UI, the newer, for every tabbed admin.
    assert "editorial/vendor/jquery-ui.min.js" in html and "catalogue/vendor" not in html
    assert "googleapis" not in html
