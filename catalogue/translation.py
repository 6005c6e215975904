from modeltranslation.translator import TranslationOptions, register

from catalogue.models import Need, NonprofitOffer, Sector, Tool


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Need)
class NeedTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Tool)
class ToolTranslationOptions(TranslationOptions):
    fields = ("summary", "description", "price_note", "free_plan", "typical_price", "fees", "discount_note")


@register(NonprofitOffer)
class NonprofitOfferTranslationOptions(TranslationOptions):
    fields = ("eligible", "gives")
