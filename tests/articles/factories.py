import datetime

import factory

from articles.models import Article, Category, Status
from catalogue.models import Licence, PriceModel, Sector, Tool
from editorial.models import Status as ToolStatus

PAST = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = "guide"
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"article-{n}")
    title_en = factory.Sequence(lambda n: f"Article number {n}")
    summary_en = "A short summary for the list."
    body_en = "<p>Some plain words about a cooperative.</p>"
    author_name = "Ana Horvat"
    category = factory.SubFactory(CategoryFactory)
    published_at = PAST
    status = Status.PUBLISHED

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    summary_en = factory.LazyAttribute(lambda o: f"{o.name} helps with daily work.")
    licence = Licence.PROPRIETARY
    price_model = PriceModel.FREE
    status = ToolStatus.PUBLISHED
