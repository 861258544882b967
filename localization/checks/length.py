"""Fields that must fit: SEO titles and descriptions, and each market's headline and button."""

import re
import unicodedata
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FieldCheck, Severity, field_label

# Characters that take no column of their own: combining marks (Devanagari and Thai vowel
# signs, Arabic harakat) and invisible format characters (RLM, ZWJ).
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
# No character below U+1100 (where Hangul Jamo start) is wide.
_MAYBE_WIDE = re.compile("[\u1100-\U0010ffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def display_width(text: str) -> int:
    """Columns the text takes: East Asian wide and full-width characters count as two.

    A Japanese title of 30 characters is as wide as a Latin one of 60, and search
    engines cut it at the same place.
    """
    if text.isascii():
        return len(text)
    if _ASTRAL.search(text):  # emoji, rare ideographs: counted one by one
        return sum(_character_width(character) for character in text)
    zero_width, wide = _width_patterns()
    return len(text) - sum(map(len, zero_width.findall(text))) + sum(map(len, wide.findall(text)))


def _character_width(character: str) -> int:
    if unicodedata.category(character) in _ZERO_WIDTH_CATEGORIES:
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


@lru_cache(maxsize=1)
def _width_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Runs of zero-width and of wide characters of the Basic Multilingual Plane, from
    Python's Unicode database; built on first use (a few milliseconds), then kept."""
    widths: dict[int, list[tuple[int, int]]] = {0: [], 2: []}
    for code in range(0x0300, 0x10000):
        width = _character_width(chr(code))
        if width in widths:
            ranges = widths[width]
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))

    def pattern(ranges):
        return re.compile("[%s]+" % "".join("\\u%04x-\\u%04x" % pair for pair in ranges))

    return pattern(widths[0]), pattern(widths[2])


def _may_be_too_wide(text: str, limit, narrow: bool = False) -> bool:
    """False when the text surely fits: a character is at most two columns wide, and none
    below U+1100 is wide, so most text is settled without counting. ``narrow``: the caller
    knows the text has no character at or above U+1100."""
    if not isinstance(limit, int) or len(text) * 2 <= limit:
        return False
    return len(text) > limit or (not narrow and not text.isascii() and _MAYBE_WIDE.search(text) is not None)


class FieldTooLong(FieldCheck):
    code = "too_long"
    name = gettext_lazy("Longer than the field allows")
    description = (
        "Search engines cut long titles and descriptions, and the landing page has room "
        "for a headline and a button of a given width only."
    )
    severity = Severity.ERROR

    def may_find(self, copy):
        # Only the fields that have a limit are measured, and most are settled without counting:
        # where no character of all the copy may be wide, by their length alone.
        variant, narrow = copy.variant, _narrow(copy)
        for name, limit in copy.length_limits.items():
            text = variant.get(name)
            if text and _may_be_too_wide(text, limit, narrow):
                return True
        return False

    def findings(self, copy):
        narrow = _narrow(copy)
        for field_name, limit in copy.length_limits.items():
            text = copy.variant.get(field_name)
            if text and _may_be_too_wide(text, limit, narrow):
                yield from self.field_findings(copy, field_name, text)

    def field_findings(self, copy, field_name, text):
        # Only for a field that ``findings`` found may be too wide: measured here.
        limit = copy.length_limits[field_name]
        width = display_width(text)
        if width <= limit:
            return
        yield self.finding(field_name, width=width, limit=limit, wide=width > len(text))

    def message(self, finding):
        params = {**finding.params, "field": field_label(finding.field), "over": finding.params["width"] - finding.params["limit"]}
        if params.get("wide"):
            return _(
                "The %(field)s is %(width)d characters long (wide characters such as 漢 or カ count as two); "
                "the limit is %(limit)d. Shorten it by %(over)d."
            ) % params
        return _("The %(field)s is %(width)d characters long; the limit is %(limit)d. Shorten it by %(over)d.") % params


def _narrow(copy) -> bool:
    """Whether no character of the copy is at or above U+1100 (where the wide ones start): one
    look at all its fields, where Latin-1 copy needs none."""
    return copy.variant_is_latin_1 or _MAYBE_WIDE.search(copy.variant_text) is None
