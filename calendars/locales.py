"""Locale tags: BCP 47 as people write them (pt-BR), Babel identifiers (pt_BR) as CLDR needs them.

This is the one place where the two spellings meet; everything else asks here.
"""
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import is_currency
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class UnknownLocale(ValidationError):
    """A locale tag that Babel (CLDR) does not know."""


@lru_cache(maxsize=512)
def parse_locale(tag: str) -> Locale:
    """The Babel locale for a BCP 47 tag such as ``pt-BR`` or ``zh-Hans-CN``.

    Raises UnknownLocale with a message that says how to write the tag.
    """
    cleaned = (tag or "").strip()
    if not cleaned or "_" in cleaned:
        raise UnknownLocale(
            _("Locale '%(tag)s' is not a BCP 47 tag; write it with hyphens, such as pt-BR."),
            code="unknown_locale",
            params={"tag": tag},
        )
    try:
        return Locale.parse(cleaned, sep="-")
    except (UnknownLocaleError, ValueError):
        raise UnknownLocale(
            _("Locale '%(tag)s' is not a known locale; use a BCP 47 tag such as pt-BR."),
            code="unknown_locale",
            params={"tag": tag},
        ) from None


def to_babel(tag: str) -> str:
    """``pt-BR`` -> ``pt_BR``: the identifier Babel's formatting functions take."""
    return str(parse_locale(tag))


def canonical_tag(tag: str) -> str:
    """The tag as we store it: ``pt-br`` -> ``pt-BR``."""
    return to_babel(tag).replace("_", "-")


def text_direction(tag: str) -> str:
    """``rtl`` for right-to-left locales (ar-SA), otherwise ``ltr``."""
    return "rtl" if parse_locale(tag).character_order == "right-to-left" else "ltr"


def language_of(tag: str) -> str:
    """The language subtag: ``pt-BR`` -> ``pt``."""
    return parse_locale(tag).language


def validate_locale(tag: str) -> None:
    parse_locale(tag)


def validate_currency(code: str) -> None:
    if not (isinstance(code, str) and len(code) == 3 and code.isupper() and is_currency(code)):
        raise ValidationError(
            _("Currency '%(code)s' is not an ISO 4217 code; use three capital letters such as BRL or EUR."),
            code="unknown_currency",
            params={"code": code},
        )
