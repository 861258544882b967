"""Fields that must fit: SEO titles and descriptions, and each market's headline and button."""
import unicodedata

from .base import FieldCheck, Severity, field_label

# Characters that take no column of their own: combining marks (Devanagari and Thai vowel
# signs, Arabic harakat) and invisible format characters (RLM, ZWJ).
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


def display_width(text: str) -> int:
    """Columns the text takes: East Asian wide and full-width characters count as two.

    A Japanese title of 30 characters is as wide as a Latin one of 60, and search
    engines cut it at the same place.
    """
    if text.isascii():
        return len(text)
    width = 0
    for character in text:
        if character < "\u0300":
            width += 1
        elif unicodedata.category(character) in _ZERO_WIDTH_CATEGORIES:
            continue
        else:
            width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


class FieldTooLong(FieldCheck):
    code = "too_long"
    name = "Longer than the field allows"
    description = (
        "Search engines cut long titles and descriptions, and the landing page has room "
        "for a headline and a button of a given width only."
    )
    severity = Severity.ERROR

    def field_findings(self, copy, field_name, text):
        limit = copy.length_limits.get(field_name)
        # A character is at most two columns wide, so short text needs no counting.
        if not limit or len(text) * 2 <= limit:
            return
        width = display_width(text)
        if width <= limit:
            return
        wide = " (wide characters such as 漢 or カ count as two)" if width > len(text) else ""
        yield self.finding(
            field_name,
            "The %(field)s is %(width)d characters long%(wide)s; the limit is %(limit)d. Shorten it by %(over)d."
            % {"field": field_label(field_name), "width": width, "wide": wide, "limit": limit, "over": width - limit},
        )
