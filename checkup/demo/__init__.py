"""Demo check-up: questionnaire.json, one complete questionnaire in seven languages.

``load()`` is idempotent: the version is found by its number, dimensions by slug, questions
by their place in the dimension, statements by level, and only their texts and links are
updated, so results already given keep their meaning.
"""

import hashlib
import json
import random
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from catalogue.models import Need, Sector, Tool
from checkup.models import AnswerOption, Dimension, Question, Questionnaire, Response
from checkup.plan import Profile, next_steps
from checkup.scoring import score
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
    made = 0 if settings.PRODUCTION else load_demo_responses(questionnaire)
    return (
        f"questionnaire v{questionnaire.version}: {len(data['dimensions'])} dimensions, {questions} questions; "
        f"{made} demo responses"
    )


# Invented check-ups so that the needs map has figures on a fresh install (never in production):
# (country, sector slug, how many). Polish recycling cooperatives are enough to compare with; the
# small groups (Slovenia, Austria, France; most sectors within one country) show suppression.
DEMO_GROUPS = [
    ("PL", "waste-recycling", 12),
    ("PL", "cleaning", 6),
    ("PL", "green-maintenance", 5),
    ("IT", "farming", 7),
    ("IT", "catering", 5),
    ("HR", "sustainable-tourism", 6),
    ("HR", "green-maintenance", 5),
    ("SI", "cleaning", 4),
    ("AT", "farming", 3),
    ("FR", "catering", 4),
]
LANGUAGE_OF = {"PL": "pl", "IT": "it", "HR": "hr", "SI": "sl", "AT": "de", "FR": "fr"}


def _demo_token_hash(number: int) -> str:
    # Derived from the secret key: stable across runs (idempotent), never guessable from outside.
    return hashlib.sha256(f"checkup-demo-{number}-{settings.SECRET_KEY}".encode()).hexdigest()


def load_demo_responses(questionnaire) -> int:
    dimensions = list(Dimension.objects.for_checkup(questionnaire))
    questions = [q for d in dimensions for q in d.questions.all()]
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    rng = random.Random(2026)
    number = 0
    for country, slug, count in DEMO_GROUPS:
        for _ in range(count):
            number += 1
            answers = {
                str(q.pk): {
                    "level": rng.choice([0, 0, 1, 1, 1, 2, 2, 3, None]),
                    "target": rng.choice([None, 2, 3]),
                }
                for q in questions
            }
            response = Response.objects.filter(token_hash=_demo_token_hash(number)).first() or Response(
                token_hash=_demo_token_hash(number), finished=timezone.now()
            )
            response.questionnaire = questionnaire
            response.status = "finished"
            response.language = LANGUAGE_OF[country]
            response.sector = sectors.get(slug)
            response.country = country
            response.staff = rng.choice(["1-9", "10-49", "50-249"])
            response.integration_workers = rng.choice(["1-4", "5-19", "20-49"])
            response.budget = rng.choice(["none", "small", "medium"])
            response.devices = rng.choice(["phones", "computers", "both"])
            response.connectivity = rng.choice(["good", "patchy", "mobile"])
            response.answers = answers
            response.steps_done = list(range(len(dimensions) + 1))
            scores = score(dimensions, answers)
            response.scores = scores.score_map()
            response.overall = scores.overall
            response.flags = [code for code, _text in scores.flags]
            profile = Profile.of(response, scores)
            response.next_steps = [step.need.slug for step in next_steps(scores, profile) if step.need]
            response.save()
    return number
