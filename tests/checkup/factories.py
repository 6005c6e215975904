import factory

from checkup.models import AnswerOption, Dimension, Question, Questionnaire, Response
from editorial.models import Status

STATEMENTS = ["Not started", "Some activity", "Working well", "We could teach others"]


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    version = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda o: f"Check-up v{o.version}")
    status = Status.PUBLISHED


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    order = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"dimension-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    short_name_en = factory.LazyAttribute(lambda o: o.slug[:12])


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    dimension = factory.SubFactory(DimensionFactory)
    order = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    advice_en = factory.Sequence(lambda n: f"Advice {n}.")

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)

    @factory.post_generation
    def lessons(self, create, extracted, **kwargs):
        if create and extracted:
            self.lessons.set(extracted)

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        """Four statements, levels 0-3; ``options={"flag": ("no-backups", "No backups!")}`` flags level 0."""
        if not create:
            return
        flag, flag_text = (extracted or {}).get("flag", ("", ""))
        for level, text in enumerate(STATEMENTS):
            AnswerOption.objects.create(
                question=self,
                level=level,
                text_en=f"{text} ({self.text_en})",
                flag=flag if level == 0 else "",
                flag_text_en=flag_text if level == 0 else "",
            )


def questionnaire_with(shape: dict, **fields) -> Questionnaire:
    """``{"strategy": 2, "people": 3}``: a published questionnaire with those dimensions and
    that many questions each (every question with four statements)."""
    questionnaire = QuestionnaireFactory(**fields)
    for order, (slug, count) in enumerate(shape.items(), start=1):
        dimension = DimensionFactory(questionnaire=questionnaire, slug=slug, order=order)
        for position in range(1, count + 1):
            QuestionFactory(dimension=dimension, order=position)
    return questionnaire


def finished_response(questionnaire, *, answers=None, scores=None, **fields) -> Response:
    """A finished response with the given stored figures (as finishing writes them)."""
    response, _token = Response.start(questionnaire, fields.pop("language", "en"))
    for name, value in fields.items():
        setattr(response, name, value)
    response.answers = answers or {}
    response.scores = scores or {}
    response.overall = fields.get("overall", _mean(scores))
    response.status = "finished"
    from django.utils import timezone

    response.finished = timezone.now()
    response.save()
    return response


def _mean(scores):
    values = [v for v in (scores or {}).values() if v is not None]
    return sum(values) / len(values) if values else None


class AnswerOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerOption

    question = factory.SubFactory(QuestionFactory)
    level = 0
    text_en = factory.LazyAttribute(lambda o: STATEMENTS[o.level])
