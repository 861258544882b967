"""Translated reference data of the landing pages (django-modeltranslation): the page labels."""
from modeltranslation.translator import TranslationOptions, register

from .models import PageLabel


@register(PageLabel)
class PageLabelTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
