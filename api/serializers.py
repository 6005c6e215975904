"""What the API shows of each kind of content: published items and their published links only.

Never any personal data: a provider's contact person and address, help requests and check-up
responses have no serializer here.

Translated fields follow the answer's language (``api.fields.TranslatedField``) and
``text_languages`` says which language each came out in; links to
other items give their slug, name and API address. Querysets that feed these serializers
are in ``api.views`` (each relation prefetched once, already restricted to published items).
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import ApiLinkField, FileUrlField, PageField, TextLanguagesField, TranslatedField, absolute
from api.publiccode import has_publiccode
from articles.models import Article, Category
from catalogue.models import Need, Sector, Tool
from checkup.models import AnswerOption, Dimension, Question, Questionnaire
from courses.models import Attachment, Course, Lesson
from help.models import Provider
from organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name", "country", "website"]


class SectorRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    text_languages = TextLanguagesField()
    url = ApiLinkField("sector-detail")


class NeedRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    text_languages = TextLanguagesField()
    url = ApiLinkField("need-detail")


class ToolRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiLinkField("tool-detail")


class TaxonomySerializer(serializers.ModelSerializer):
    url = ApiLinkField("")  # set by subclasses
    page = PageField(help_text="The catalogue, filtered by this sector or need.")
    name = TranslatedField()
    description = TranslatedField()
    text_languages = TextLanguagesField()
    tools = serializers.IntegerField(source="published_tools", read_only=True, help_text="Published tools.")

    class Meta:
        fields = [
            "slug",
            "url",
            "page",
            "name",
            "description",
            "text_languages",
            "icon",
            "order",
            "tools",
            "updated",
        ]


class SectorSerializer(TaxonomySerializer):
    url = ApiLinkField("sector-detail")

    class Meta(TaxonomySerializer.Meta):
        model = Sector


class NeedSerializer(TaxonomySerializer):
    url = ApiLinkField("need-detail")

    class Meta(TaxonomySerializer.Meta):
        model = Need


class ToolSerializer(serializers.ModelSerializer):
    url = ApiLinkField("tool-detail")
    page = PageField()
    summary = TranslatedField()
    description = TranslatedField(rich=True)
    price_note = TranslatedField()
    free_plan = TranslatedField()
    typical_price = TranslatedField()
    fees = TranslatedField()
    discount_note = TranslatedField()
    text_languages = TextLanguagesField()
    logo = FileUrlField()
    sectors = SectorRefSerializer(many=True, read_only=True)
    needs = NeedRefSerializer(many=True, read_only=True)
    alternatives = ToolRefSerializer(
        many=True, read_only=True, source="published_alternatives", help_text="Published alternatives."
    )
    organisation = OrganisationSerializer(
        read_only=True, allow_null=True, help_text="The partner that curates it."
    )
    publiccode = serializers.SerializerMethodField()

    class Meta:
        model = Tool
        fields = [
            "slug",
            "url",
            "page",
            "name",
            "summary",
            "description",
            "original_language",
            "text_languages",
            "website",
            "source_code",
            "logo",
            "licence",
            "spdx_licence",
            "price_model",
            "price_note",
            "free_plan",
            "typical_price",
            "fees",
            "platforms",
            "interface_languages",
            "skill_level",
            "nonprofit_discount",
            "discount_note",
            "sectors",
            "needs",
            "alternatives",
            "organisation",
            "last_verified",
            "created",
            "updated",
            "publiccode",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_publiccode(self, tool) -> str | None:
        """The tool's publiccode.yml (open-source tools with an SPDX licence and code address)."""
        if not has_publiccode(tool):
            return None
        return absolute(self.context, reverse("api:tool-publiccode", kwargs={"slug": tool.slug}))


class AttachmentSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title", read_only=True)
    url = serializers.SerializerMethodField()
    content_type = serializers.CharField(read_only=True)

    class Meta:
        model = Attachment
        fields = ["title", "role", "language", "url", "size", "content_type"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        return absolute(self.context, attachment.get_absolute_url())


class LessonSummarySerializer(serializers.ModelSerializer):
    page = PageField()
    title = TranslatedField()
    text_languages = TextLanguagesField()

    class Meta:
        model = Lesson
        fields = [
            "slug",
            "order",
            "page",
            "title",
            "original_language",
            "text_languages",
            "reading_minutes",
            "updated",
        ]


class LessonSerializer(LessonSummarySerializer):
    body = TranslatedField(rich=True)
    tools = ToolRefSerializer(many=True, read_only=True, source="published_tools")
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(LessonSummarySerializer.Meta):
        fields = [*LessonSummarySerializer.Meta.fields, "body", "tools", "attachments"]


class CourseSerializer(serializers.ModelSerializer):
    url = ApiLinkField("course-detail")
    page = PageField()
    title = TranslatedField()
    summary = TranslatedField()
    place = TranslatedField()
    text_languages = TextLanguagesField()
    organiser = serializers.CharField(read_only=True)
    mooc = serializers.SerializerMethodField()
    lessons = LessonSummarySerializer(many=True, read_only=True, source="published_lessons")

    class Meta:
        model = Course
        fields = [
            "slug",
            "url",
            "page",
            "title",
            "summary",
            "original_language",
            "text_languages",
            "kind",
            "country",
            "place",
            "start_date",
            "end_date",
            "language",
            "organiser",
            "mooc",
            "lessons",
            "created",
            "updated",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_mooc(self, course) -> str | None:
        """The link on to this course's MOOC module, if it has one."""
        return absolute(self.context, course.mooc_link) if course.mooc_link else None


class CourseDetailSerializer(CourseSerializer):
    lessons = LessonSerializer(many=True, read_only=True, source="published_lessons")


class CategorySerializer(serializers.ModelSerializer):
    name = TranslatedField()
    text_languages = TextLanguagesField()

    class Meta:
        model = Category
        fields = ["slug", "name", "text_languages"]


class ArticleSerializer(serializers.ModelSerializer):
    url = ApiLinkField("article-detail")
    page = PageField()
    title = TranslatedField()
    summary = TranslatedField()
    body = TranslatedField(rich=True)
    category = CategorySerializer(read_only=True)
    hero_image = FileUrlField()
    hero_alt = TranslatedField()
    text_languages = TextLanguagesField()
    tools = ToolRefSerializer(many=True, read_only=True, source="published_tools")
    sectors = SectorRefSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug",
            "url",
            "page",
            "title",
            "summary",
            "body",
            "original_language",
            "text_languages",
            "author_name",
            "category",
            "published_at",
            "hero_image",
            "hero_alt",
            "tools",
            "sectors",
            "created",
            "updated",
        ]


class ProviderSerializer(serializers.ModelSerializer):
    """A provider's public service sheet, as ``/<lang>/help/<slug>/`` shows it: never its contact
    person or address (visitors write through the site), never a help request."""

    url = ApiLinkField("provider-detail")
    page = PageField()
    summary = TranslatedField()
    description = TranslatedField(rich=True)
    regions = TranslatedField()
    price_note = TranslatedField()
    nonprofit_terms = TranslatedField()
    text_languages = TextLanguagesField()
    needs = NeedRefSerializer(many=True, read_only=True)
    sectors = SectorRefSerializer(many=True, read_only=True, help_text="Empty: they work with every sector.")
    tools = ToolRefSerializer(
        many=True, read_only=True, source="published_tools", help_text="Published tools they support."
    )
    verified_by = OrganisationSerializer(
        read_only=True, allow_null=True, help_text="The partner that vouches for the sheet."
    )

    class Meta:
        model = Provider
        fields = [
            "slug",
            "url",
            "page",
            "name",
            "kind",
            "summary",
            "description",
            "original_language",
            "text_languages",
            "services",
            "needs",
            "sectors",
            "tools",
            "countries",
            "regions",
            "languages",
            "price_note",
            "nonprofit_terms",
            "free_of_charge",
            "website",
            "verified_by",
            "verified_on",
            "created",
            "updated",
        ]


class AnswerOptionSerializer(serializers.ModelSerializer):
    text = TranslatedField()
    flag_text = TranslatedField()
    text_languages = TextLanguagesField()

    class Meta:
        model = AnswerOption
        fields = ["level", "text", "flag", "flag_text", "text_languages"]


class QuestionSerializer(serializers.ModelSerializer):
    text = TranslatedField()
    hint = TranslatedField()
    advice = TranslatedField()
    text_languages = TextLanguagesField()
    needs = NeedRefSerializer(many=True, read_only=True, help_text="Needs whose tools help to improve.")
    options = AnswerOptionSerializer(many=True, read_only=True, help_text="The statements, by level.")

    class Meta:
        model = Question
        fields = ["order", "text", "hint", "advice", "text_languages", "needs", "options"]


class DimensionSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    short_name = TranslatedField()
    description = TranslatedField()
    text_languages = TextLanguagesField()
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["slug", "order", "name", "short_name", "description", "text_languages", "questions"]


class QuestionnaireSerializer(serializers.ModelSerializer):
    """The check-up's current version: its questions and statements, never anybody's answers."""

    page = PageField(url_name="checkup:start", help_text="The check-up's start page.")
    title = TranslatedField()
    intro = TranslatedField()
    text_languages = TextLanguagesField()
    dimensions = DimensionSerializer(many=True, read_only=True, source="checkup_dimensions")

    class Meta:
        model = Questionnaire
        fields = [
            "version",
            "page",
            "title",
            "intro",
            "original_language",
            "text_languages",
            "dimensions",
            "created",
            "updated",
        ]
