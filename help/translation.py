from modeltranslation.translator import TranslationOptions, register

from help.models import PeerUse, Pilot, Provider


@register(Provider)
class ProviderTranslationOptions(TranslationOptions):
    fields = ("summary", "description", "regions", "price_note", "nonprofit_terms")


@register(PeerUse)
class PeerUseTranslationOptions(TranslationOptions):
    fields = ("quote",)


@register(Pilot)
class PilotTranslationOptions(TranslationOptions):
    fields = ("title", "outcome")
