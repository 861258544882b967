"""Translated reference data (django-modeltranslation)."""
from modeltranslation.translator import TranslationOptions, register

from .models import Market, Observance, Occasion


@register(Market)
class MarketTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Occasion)
class OccasionTranslation(TranslationOptions):
    fields = ("name", "notes")
    required_languages = ("en",)


@register(Observance)
class ObservanceTranslation(TranslationOptions):
    fields = ("name", "notes")
