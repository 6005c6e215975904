import pytest

from catalogue.models import Tool
from courses import demo
from courses.models import Attachment, AttachmentRole, Course, Lesson

pytestmark = pytest.mark.django_db


def test_demo_loads_and_is_idempotent(client):
    Tool.objects.create(
        name="Canva",
        slug="canva",
        summary_en="Design.",
        licence="proprietary",
        price_model="freemium",
        status="published",
    )
    summary = demo.load()
    assert summary.startswith("3 courses, 12 lessons, 12 slide PDFs built")
    counts = (Course.objects.count(), Lesson.objects.count(), Attachment.objects.count())
    assert counts == (3, 12, 12)
    assert Lesson.objects.filter(tools__slug="canva").exists()

    croatian = Course.objects.get(slug="regional-training-croatia-2026")
    assert croatian.language == "hr" and croatian.country == "HR"
    lesson = croatian.lessons.first()
    assert lesson.title_pl and lesson.body_pl
    slides = lesson.attachments.get(role=AttachmentRole.SLIDES)
    pdf = slides.file.read()
    assert pdf.startswith(b"%PDF-")
    assert b"DejaVuSans" in pdf  # the Unicode font is embedded

    # The Croatian course in Polish: read a lesson, download its slides, jump to its tool.
    html = client.get(f"/pl/courses/{croatian.slug}/{lesson.slug}/").content.decode()
    assert '<html lang="pl"' in html and 'lang="pl"' in html
    assert slides.get_absolute_url() in html
    assert 'href="/pl/catalogue/canva/"' in html
    assert client.get(slides.get_absolute_url())["Content-Type"] == "application/pdf"

    assert demo.load().startswith("3 courses, 12 lessons, 0 slide PDFs built")
    assert (Course.objects.count(), Lesson.objects.count(), Attachment.objects.count()) == counts
    assert slides.file.name == Attachment.objects.get(pk=slides.pk).file.name

    # Slides whose file went missing are built again, and only those.
    slides.file.storage.delete(slides.file.name)
    assert demo.load().startswith("3 courses, 12 lessons, 1 slide PDFs built")
    assert Attachment.objects.count() == 12


def test_a_file_still_being_written_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "half-written.json").write_text('{"slug": "half", "lessons": [', encoding="utf-8")
    monkeypatch.setattr(demo, "DEMO_DIR", tmp_path)
    assert demo.load() == "0 courses, 0 lessons, 0 slide PDFs built; skipped unreadable: half-written.json"
    assert Course.objects.count() == 0
