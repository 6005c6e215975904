import datetime

import factory

from catalogue.models import Licence, Need, PriceModel, Sector, SkillLevel, Tool
from editorial.models import Status


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    icon = "sprout"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"need-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    icon = "folder"


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    summary_en = factory.LazyAttribute(lambda o: f"{o.name} helps a cooperative with its daily work.")
    description_en = "<p>A plain description.</p>"
    licence = Licence.PROPRIETARY
    price_model = PriceModel.FREE
    platforms = factory.LazyFunction(lambda: ["web"])
    interface_languages = factory.LazyFunction(lambda: ["en"])
    skill_level = SkillLevel.STARTER
    status = Status.PUBLISHED
    last_verified = datetime.date(2026, 1, 1)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)

    @factory.post_generation
    def alternatives(self, create, extracted, **kwargs):
        if create and extracted:
            self.alternatives.set(extracted)
