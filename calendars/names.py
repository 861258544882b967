"""What markets call things: translated names in the language of a locale, with fallbacks."""
from django.conf import settings
from django.utils.translation import get_language
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


def reader_language():
    """The language translated fields are read in by the person using the admin (its active language)."""
    return translation_language(get_language() or settings.LANGUAGE_CODE)


def translated(instance, field, language):
    """A modeltranslation field in one language ("" when missing); Indonesian lives in *_ind."""
    return (getattr(instance, build_localized_fieldname(field, language), "") or "") if instance else ""


def local_beside(name, local_name):
    """The local name to show beside a name, or "" when the name already says it (Dia dos Namorados)."""
    return "" if not local_name or local_name in name else local_name


def market_label(market, language=None):
    """"Brazil · Brasil": the market's name for the reader, with its own name beside it when it differs."""
    name = translated(market, "name", language or reader_language()) or market.name_en
    local = local_beside(name, market.local_name)
    return f"{name} · {local}" if local else name


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

    def for_reader(self, occurrence, language):
        """The name for someone who reads ``language``: the market's own name when it is their language;
        otherwise the market's own name for the occasion in their language or in English, before the
        occasion's general name (a reader in Chinese sees White Friday in Saudi Arabia, never Black Friday)."""
        if language == self.language:
            return self.local(occurrence)
        observance = self.observances.get(occurrence.occasion_id)
        return (
            translated(observance, "name", language)
            or translated(observance, "name", "en")
            or translated(occurrence.occasion, "name", language)
            or self.english(occurrence)
        )

    def notes(self, occurrence):
        """What marketers in this market must respect: the occasion's notes, which hold for every market
        observing it, then this market's own. Each in the market's language, else English; never another
        market's remarks."""
        parts = [self._notes(occurrence.occasion), self._notes(self.observances.get(occurrence.occasion_id))]
        return "\n\n".join(part for part in parts if part)

    def _notes(self, instance):
        return translated(instance, "notes", self.language) or translated(instance, "notes", "en")
