"""Prices and dates typed into copy instead of written as placeholders.

A typed price goes stale when the offer changes, and advertising a price the checkout
does not charge is a legal problem in most markets: an error. A typed date is often
right (Brazil's Dia dos Namorados is always "12 de junho"), but it does not follow the
calendar when a date moves: a warning.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Iterator, NamedTuple

from babel.dates import get_date_format, tokenize_pattern
from babel.numbers import get_currency_name

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FieldCheck, Severity, cldr_locale, field_label
from .matching import is_unspaced

# Every currency sign Unicode knows: $ € £ ¥ ₹ ₩ ₺ ฿ ₫ ...
_CURRENCY_SIGNS = "".join(chr(code) for code in range(0x20, 0x10000) if unicodedata.category(chr(code)) == "Sc")
_BIDI_MARKS = "\u200e\u200f\u061c"
_NUMBER = r"\d+(?:[.,'’\u00a0\u202f\u2009\u066b\u066c]\d+)*"
_GAP = r"[\s%s]{0,2}" % _BIDI_MARKS
_ISO_CODE = re.compile(r"[A-Z]{3}")
_DIGIT = re.compile(r"\d")
_UP_TO_LAST_DIGIT = re.compile(r".*\d", re.DOTALL)

_NUMERIC_DATE = (
    r"(?<![\d/.\-])(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\u200f?[/.\-]\d{1,2}\u200f?[/.\-](?:\d{4}|\d{2}))(?![\d/.\-])"
    # "12/06" without a year, only where both numbers can be a day and a month (not 24/7).
    r"|(?<![\d/])(?:(?:0[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2])|(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]))(?![\d/])"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|°|\.)?"


def _literal(sign: str, *, after_number: bool) -> str:
    """A currency sign as a regex, kept from matching inside a word where the script has spaces."""
    pattern = re.escape(sign)
    if after_number:
        if sign[-1].isalpha() and not is_unspaced(sign[-1]):
            pattern += r"(?!\w)"
    elif sign[0].isalpha():
        pattern = r"(?<!\w)" + pattern
    return pattern


class TypedInPattern(NamedTuple):
    """A regex each of whose matches has a digit, and how far a match reaches from its digits:
    at most ``before`` characters other than spaces ahead of its first digit and ``after``
    past its last (counting the one a lookahead reads), however many spaces lie between."""

    regex: re.Pattern
    before: int
    after: int

    def finditer(self, text: str) -> Iterator[re.Match]:
        """``regex.finditer(text)``, searching only the stretch from a little before the text's
        first digit to a little after its last: the regex tries every currency sign or month
        name at each position it searches, and a field has a number in a few places at most.

        The matches are the same: none can start before the stretch or end after it, the
        lookbehinds still see the text before it, and its end lies past any lookahead.
        """
        first = _DIGIT.search(text)
        if first is None:
            return iter(())
        first_digit = first.start()
        start = first_digit - _reach(self.before).match(text[:first_digit][::-1]).end()
        after_last_digit = _UP_TO_LAST_DIGIT.match(text, first_digit).end()
        end = _reach(self.after).match(text, after_last_digit).end() + 1
        return self.regex.finditer(text, start, end)


@lru_cache(maxsize=64)
def _reach(characters: int) -> re.Pattern:
    """Up to ``characters`` characters other than spaces, and the spaces among them."""
    return re.compile(r"(?:\s*\S){0,%d}" % characters)


def _longest(texts) -> int:
    return max(map(len, texts), default=0)


@lru_cache(maxsize=256)
def price_pattern(locale_tag: str, currency: str) -> TypedInPattern:
    """A number next to a currency sign, as the locale and the market's currency write it.

    The signs are every Unicode currency sign, the locale's own CLDR symbols (Rp, R$,
    ر.س.), and the market currency's ISO code and names (1,980円, 199 บาท).
    """
    signs = set()
    names = set()
    locale = cldr_locale(locale_tag)
    if locale is not None:
        for code, symbol in locale.currency_symbols.items():
            symbol = symbol.strip(_BIDI_MARKS + " ")
            if symbol != code and len(symbol) > 1 and not _ISO_CODE.fullmatch(symbol):
                signs.add(symbol)
        if currency:
            # Counts that reach each plural form (one, two, few, many, other) of most languages.
            for count in (None, 1, 2, 3, 5, 11, 100):
                names.add(get_currency_name(currency, count, locale))
    if currency and _ISO_CODE.fullmatch(currency):
        signs.add(currency)
    names = {name for name in names if name and name not in signs}
    by_length = lambda texts: sorted(texts, key=len, reverse=True)  # noqa: E731 - longest first wins
    before = [_literal(sign, after_number=False) for sign in by_length(signs)] + ["[%s]" % re.escape(_CURRENCY_SIGNS)]
    after = [_literal(sign, after_number=True) for sign in by_length(signs | names)] + [
        "[%s]" % re.escape(_CURRENCY_SIGNS)
    ]
    regex = re.compile(
        r"(?:%s)%s%s|(?<![\d.,])%s%s(?:%s)" % ("|".join(before), _GAP, _NUMBER, _NUMBER, _GAP, "|".join(after))
    )
    # A sign and a gap of two (bidi marks are not spaces) before the number; after it, the
    # gap, a sign or name, and the character its (?!\w) reads.
    return TypedInPattern(regex, before=max(_longest(signs), 1) + 2, after=2 + max(_longest(signs | names), 1) + 1)


@lru_cache(maxsize=256)
def date_pattern(locale_tag: str) -> TypedInPattern:
    """A date written out: 12/06/2027, 2027-06-12, or a day with the locale's month name
    (12 de junho, 12. Juni, June 12, 6月12日, 12 يونيو), with month names from CLDR."""
    months = set()
    locale = cldr_locale(locale_tag)
    if locale is not None:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                months.update(name.rstrip(".").strip() for name in locale.months[context][width].values())
    months.discard("")
    if not months:
        return TypedInPattern(re.compile(_NUMERIC_DATE), before=0, after=1)
    month = _alternatives(months) + "\\.?"
    # The words the locale's own date patterns put around the day: "de" in "12 de junho",
    # "日" in "6月12日"; so "10 in March" is not taken for a date.
    words = _date_pattern_words(locale)
    joiner = r"(?:%s\s*)?" % _alternatives(words) if words else ""
    day_suffix = r"(?:%s)?" % _alternatives(words) if words else ""
    day_first = r"(?<!\d)%s\s*%s%s(?!\w)" % (_DAY, joiner, month)
    month_first = r"(?<![^\W\d_])%s\s*\d{1,2}%s(?![\d%%])" % (month, day_suffix)
    regex = re.compile("%s|%s|%s" % (_NUMERIC_DATE, day_first, month_first), re.IGNORECASE)
    # A month name and its dot before the day; after it, a suffix ("st", "º"), a joining word,
    # the month name and its dot, and the character a lookahead reads.
    longest_month, longest_word = _longest(months), _longest(words)
    return TypedInPattern(regex, before=longest_month + 1, after=2 + longest_word + longest_month + 1 + 1)


def _alternatives(texts) -> str:
    return "(?:%s)" % "|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True))


def _date_pattern_words(locale) -> set[str]:
    words = set()
    for width in ("full", "long", "medium"):
        for kind, value in tokenize_pattern(get_date_format(width, locale=locale).pattern):
            if kind == "chars":
                words.update(re.findall(r"[^\W\d_]+", value))
    return words


class _TypedInCheck(FieldCheck):
    def pattern(self, copy) -> TypedInPattern:
        raise NotImplementedError

    def may_find(self, copy):
        return copy.has_digits

    def field_findings(self, copy, field_name, text):
        reported = set()
        for match in self.pattern(copy).finditer(text):
            written = match.group(0).strip()
            if written not in reported:
                reported.add(written)
                yield self.finding(field_name, written)


class HandwrittenPrice(_TypedInCheck):
    code = "handwritten_price"
    name = gettext_lazy("Price typed in")
    description = "A price typed into copy goes stale when the offer changes and skips the market's number format."
    severity = Severity.ERROR

    def pattern(self, copy):
        return price_pattern(copy.locale, copy.currency)

    def message(self, finding):
        return _(
            'The %(field)s has the price "%(written)s" typed in; write {price} (or {old_price} for the price before '
            "the discount) so the page shows the offer's price in the market's format."
        ) % {"field": field_label(finding.field), "written": finding.subject}


class HandwrittenDate(_TypedInCheck):
    code = "handwritten_date"
    name = gettext_lazy("Date typed in")
    description = "A date typed into copy does not follow the market's calendar when the occasion or offer moves."
    severity = Severity.WARNING

    def pattern(self, copy):
        return date_pattern(copy.locale)

    def message(self, finding):
        return _(
            'The %(field)s has the date "%(written)s" typed in; write {occasion_date}, {last_order_date} or '
            "{campaign_end} so it follows the market's calendar and date format."
        ) % {"field": field_label(finding.field), "written": finding.subject}
