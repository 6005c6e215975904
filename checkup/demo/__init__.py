"""Demo check-up: questionnaire.json, one complete questionnaire in seven languages.

``load()`` is idempotent: the version is found by its number, dimensions by slug, questions
by their place in the dimension, statements by level, and only their texts and links are
updated, so results already given keep their meaning.
"""

import json
from pathlib import Path

from catalogue.models import Need, Tool
from checkup.models import AnswerOption, Dimension, Question, Questionnaire
from courses.models import Lesson
from editorial.languages import localized_values
from editorial.models import Status

DEMO_FILE = Path(__file__).resolve().parent / "questionnaire.json"


def _lessons(references: list[str]) -> list[Lesson]:
    """Lessons named "course-slug/lesson-slug" (the ones that exist)."""
    found = []
    for reference in references:
        course, _slash, lesson = reference.partition("/")
        found.extend(Lesson.objects.filter(course__slug=course, slug=lesson))
    return found


def load(path: Path = DEMO_FILE) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    questionnaire, _created = Questionnaire.objects.update_or_create(
        version=data["version"],
        defaults={
            "status": Status.PUBLISHED,
            **localized_values("title", data["title"]),
            **localized_values("intro", data.get("intro")),
        },
    )
    questions = 0
    for order, item in enumerate(data["dimensions"], start=1):
        dimension, _created = Dimension.objects.update_or_create(
            questionnaire=questionnaire,
            slug=item["slug"],
            defaults={
                "order": order,
                **localized_values("name", item["name"]),
                **localized_values("short_name", item["short_name"]),
                **localized_values("description", item.get("description")),
            },
        )
        for position, entry in enumerate(item["questions"], start=1):
            question, _created = Question.objects.update_or_create(
                dimension=dimension,
                order=position,
                defaults={
                    **localized_values("text", entry["text"]),
                    **localized_values("hint", entry.get("hint")),
                    **localized_values("advice", entry["advice"]),
                },
            )
            question.needs.set(Need.objects.filter(slug__in=entry.get("needs", [])))
            question.tools.set(Tool.objects.filter(slug__in=entry.get("tools", [])))
            question.lessons.set(_lessons(entry.get("lessons", [])))
            for level, option in enumerate(entry["options"]):
                AnswerOption.objects.update_or_create(
                    question=question,
                    level=level,
                    defaults={
                        "flag": option.get("flag", ""),
                        **localized_values("text", option["text"]),
                        **localized_values("flag_text", option.get("flag_text")),
                    },
                )
            questions += 1
    return (
        f"questionnaire v{questionnaire.version}: {len(data['dimensions'])} dimensions, {questions} questions"
    )
