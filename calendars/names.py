"""What markets call things: translated names in the language of a locale, with fallbacks."""
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from .locales import parse_locale
from .models import Observance


def translation_language(tag):
    """The language translated fields are kept in for a locale: pt-BR -> pt, zh-CN -> zh-hans, else en."""
    locale = parse_locale(tag)
    candidates = [f"{locale.language}-{locale.script}".lower()] if locale.script else []
    candidates.append(locale.language)
    return next((language for language in candidates if language in AVAILABLE_LANGUAGES), "en")


def translated(instance, field, language):
    """A modeltranslation field in one language ("" when missing); Indonesian lives in *_ind."""
    return getattr(instance, build_localized_fieldname(field, language), "") if instance else ""


class OccasionNames:
    """What a market calls its occasions: its own observance's name first (White Friday), then the occasion's."""

    def __init__(self, market):
        self.language = translation_language(market.primary_locale)
        self.observances = {observance.occasion_id: observance for observance in Observance.objects.filter(market=market)}

    def _name(self, occurrence, language):
        observance = self.observances.get(occurrence.occasion_id)
        return translated(observance, "name", language) or translated(occurrence.occasion, "name", language)

    def local(self, occurrence):
        return self._name(occurrence, self.language) or self.english(occurrence)

    def english(self, occurrence):
        return self._name(occurrence, "en") or occurrence.occasion.slug

    def notes(self, occurrence):
        occasion = occurrence.occasion
        return translated(occasion, "notes", self.language) or translated(occasion, "notes", "en")
