"""Demo courses: the JSON files next to this module (format: one course per file, see README).

Idempotent: courses and lessons are updated in place by slug; lessons are linked to the
catalogue tools that exist (missing slugs are skipped); each lesson's slides PDF is built
from its "slides" text and attached only when it is missing. A file that cannot be read
(for example one still being written) is skipped and named in the summary.
"""

import datetime
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import formats, translation

from catalogue.models import Tool
from courses.models import Attachment, AttachmentRole, Course, Lesson
from courses.slides import build_slides_pdf
from editorial.languages import LANGUAGE_CODES, localized_values
from editorial.models import Status
from organisations.models import Organisation

DEMO_DIR = Path(__file__).resolve().parent


def load() -> str:
    courses = lessons = pdfs = 0
    skipped = []
    for path in sorted(DEMO_DIR.glob("*.json")):
        try:
            data = _parse(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            skipped.append(path.name)
            continue
        course = _save_course(data)
        courses += 1
        for lesson_data in data["lessons"]:
            lesson = _save_lesson(course, lesson_data)
            lessons += 1
            pdfs += _attach_slides(course, lesson, lesson_data["slides"])
    summary = f"{courses} courses, {lessons} lessons, {pdfs} slide PDFs built"
    if skipped:
        summary += f"; skipped unreadable: {', '.join(skipped)}"
    return summary


def _translations(value) -> dict:
    if not isinstance(value, dict) or not value.get("en"):
        raise ValueError("a translated text needs at least English")
    return {code: str(value.get(code) or "") for code in LANGUAGE_CODES}


def _place(value) -> dict:
    """A course's town, the same in every language ("Maribor") or localised ({"it": "Zagabria", …})."""
    if isinstance(value, dict):
        return _translations(value)
    return {code: str(value) for code in LANGUAGE_CODES}


def _parse(data: dict) -> dict:
    """Check a whole file before anything is written, so a half-written file changes nothing."""
    lessons = []
    for lesson in data["lessons"]:
        lessons.append(
            {
                "slug": str(lesson["slug"]),
                "order": int(lesson["order"]),
                "tools": [str(slug) for slug in lesson.get("tools", [])],
                "title": _translations(lesson["title"]),
                "body": _translations(lesson["body"]),
                "slides": {
                    "title": str(lesson["slides"]["title"]),
                    "pages": [
                        {"heading": str(page["heading"]), "points": [str(point) for point in page["points"]]}
                        for page in lesson["slides"]["pages"]
                    ],
                },
            }
        )
    return {
        "slug": str(data["slug"]),
        "kind": str(data["kind"]),
        "country": str(data.get("country", "")),
        "place": _place(data.get("place", "")),
        "start_date": datetime.date.fromisoformat(data["start_date"]),
        "end_date": datetime.date.fromisoformat(data["end_date"]) if data.get("end_date") else None,
        "language": str(data["language"]),
        "organisation": str(data.get("organisation", "")),
        "mooc_module": str(data.get("mooc_module", "")),
        "title": _translations(data["title"]),
        "summary": _translations(data["summary"]),
        "lessons": lessons,
    }


def _save_course(data: dict) -> Course:
    organisation = (
        Organisation.objects.filter(slug=data["organisation"]).first() if data["organisation"] else None
    )
    defaults = {
        "kind": data["kind"],
        "country": data["country"],
        "start_date": data["start_date"],
        "end_date": data["end_date"],
        "language": data["language"],
        "organisation": organisation,
        # Until the partner organisation exists, its slug read as a name stands in for it.
        "organiser_name": "" if organisation else data["organisation"].replace("-", " ").title(),
        "mooc_module": data["mooc_module"],
        "status": Status.PUBLISHED,
    }
    defaults |= (
        localized_values("title", data["title"])
        | localized_values("summary", data["summary"])
        | localized_values("place", data["place"])
    )
    course, _created = Course.objects.update_or_create(slug=data["slug"], defaults=defaults)
    return course


def _save_lesson(course: Course, data: dict) -> Lesson:
    defaults = {"order": data["order"], "status": Status.PUBLISHED}
    defaults |= localized_values("title", data["title"]) | localized_values("body", data["body"])
    lesson, _created = Lesson.objects.update_or_create(course=course, slug=data["slug"], defaults=defaults)
    lesson.tools.set(Tool.objects.filter(slug__in=data["tools"]))
    return lesson


def _attach_slides(course: Course, lesson: Lesson, slides: dict) -> int:
    """Build and attach the slides PDF unless the lesson already has one whose file exists."""
    existing = list(lesson.attachments.filter(role=AttachmentRole.SLIDES))
    if any(
        attachment.file and attachment.file.storage.exists(attachment.file.name) for attachment in existing
    ):
        return 0
    for attachment in existing:  # rows whose file went missing
        attachment.delete()
    with translation.override(course.language):
        title = getattr(course, f"title_{course.language}", "") or course.title_en
        when = formats.date_format(course.start_date, "DATE_FORMAT")
        place = course.place
    subtitle = " · ".join(part for part in (title, place, when) if part)
    pdf = build_slides_pdf(slides, subtitle=subtitle, footer=slides["title"], language=course.language)
    attachment = Attachment(lesson=lesson, role=AttachmentRole.SLIDES, title=slides["title"], order=0)
    attachment.file.save(f"{lesson.slug}-slides.pdf", ContentFile(pdf), save=False)
    attachment.save()
    return 1
