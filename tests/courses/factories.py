import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import Tool
from courses.models import Attachment, AttachmentRole, Course, Kind, Lesson
from editorial.models import Status


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title_en = factory.LazyAttribute(lambda o: f"Training {o.slug}")
    summary_en = "Three days for staff of social cooperatives."
    kind = Kind.REGIONAL
    country = "IT"
    place = "Bologna"
    start_date = datetime.date(2026, 3, 10)
    end_date = datetime.date(2026, 3, 12)
    language = "it"
    organiser_name = "WISE Federation Italy"
    mooc_module = "module-1"
    status = Status.PUBLISHED


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    order = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda o: f"Lesson {o.slug}")
    body_en = "<h2>Why</h2><p>A cooperative that cleans offices plans its shifts.</p>"
    status = Status.PUBLISHED

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)


class ToolFactory(factory.django.DjangoModelFactory):
    """The few catalogue fields a lesson page shows."""

    class Meta:
        model = Tool

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    summary_en = factory.LazyAttribute(lambda o: f"{o.name} helps with daily work.")
    licence = "proprietary"
    price_model = "free"
    status = "published"


# Smallest real files of each kind, for uploads and downloads.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def zip_bytes(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def odf_bytes(mimetype: str) -> bytes:
    return zip_bytes({"mimetype": mimetype, "content.xml": "<office:document-content/>"})


def ooxml_bytes(part: str) -> bytes:
    return zip_bytes({"[Content_Types].xml": "<Types/>", f"{part}document.xml": "<x/>"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    lesson = factory.SubFactory(LessonFactory)
    file = factory.LazyFunction(lambda: upload("slides.pdf", PDF_BYTES))
    title = "Slides"
    role = AttachmentRole.SLIDES
