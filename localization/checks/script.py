"""Copy in the wrong writing system: English left in an Arabic, Hindi or Japanese page."""

import re
from functools import lru_cache

from babel.core import get_global
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FieldCheck, Severity, cldr_locale, field_label, prose

_HAN = "\u2e80-\u2fdf\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"

# ISO 15924 script (as CLDR's likely subtags give it for a locale) -> its name and letters.
# Python has no Unicode script property, so the blocks are spelled out here.
_SCRIPT_LETTERS = {
    "Arab": (gettext_lazy("Arabic"), "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"),
    "Armn": (gettext_lazy("Armenian"), "\u0530-\u058f"),
    "Beng": (gettext_lazy("Bengali"), "\u0980-\u09ff"),
    "Cyrl": (gettext_lazy("Cyrillic"), "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"),
    "Deva": (gettext_lazy("Devanagari"), "\u0900-\u097f\ua8e0-\ua8ff"),
    "Ethi": (gettext_lazy("Ethiopic"), "\u1200-\u139f\u2d80-\u2ddf"),
    "Geor": (gettext_lazy("Georgian"), "\u10a0-\u10ff\u1c90-\u1cbf"),
    "Grek": (gettext_lazy("Greek"), "\u0370-\u03ff\u1f00-\u1fff"),
    "Gujr": (gettext_lazy("Gujarati"), "\u0a80-\u0aff"),
    "Guru": (gettext_lazy("Gurmukhi"), "\u0a00-\u0a7f"),
    "Hans": (gettext_lazy("Chinese"), _HAN),
    "Hant": (gettext_lazy("Chinese"), _HAN),
    "Hebr": (gettext_lazy("Hebrew"), "\u0590-\u05ff\ufb1d-\ufb4f"),
    "Jpan": (gettext_lazy("Japanese"), _KANA + _HAN),
    "Khmr": (gettext_lazy("Khmer"), "\u1780-\u17ff\u19e0-\u19ff"),
    "Knda": (gettext_lazy("Kannada"), "\u0c80-\u0cff"),
    "Kore": (gettext_lazy("Korean"), _HANGUL + _HAN),
    "Laoo": (gettext_lazy("Lao"), "\u0e80-\u0eff"),
    "Mlym": (gettext_lazy("Malayalam"), "\u0d00-\u0d7f"),
    "Mymr": (gettext_lazy("Myanmar"), "\u1000-\u109f\uaa60-\uaa7f"),
    "Orya": (gettext_lazy("Odia"), "\u0b00-\u0b7f"),
    "Sinh": (gettext_lazy("Sinhala"), "\u0d80-\u0dff"),
    "Taml": (gettext_lazy("Tamil"), "\u0b80-\u0bff"),
    "Telu": (gettext_lazy("Telugu"), "\u0c00-\u0c7f"),
    "Thaa": (gettext_lazy("Thaana"), "\u0780-\u07bf"),
    "Thai": (gettext_lazy("Thai"), "\u0e00-\u0e7f"),
}

# Latin words of three letters or more. Shorter ones (LG, TV, H&M, OK) are taken for
# brand names and abbreviations, which copy in any script may contain.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]{3,}")
# A single Latin word alone is most likely a brand name ("Nike", "iPhone").
MIN_LATIN_WORDS = 2


@lru_cache(maxsize=256)
def expected_script(tag: str) -> str | None:
    """The ISO 15924 script a locale is written in (``Arab`` for ar-SA), from CLDR."""
    locale = cldr_locale(tag)
    if locale is None:
        return None
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        if key in likely:
            return next((part for part in likely[key].split("_") if len(part) == 4 and part.istitle()), None)
    return None


@lru_cache(maxsize=64)
def _letters_of(script: str) -> re.Pattern | None:
    known = _SCRIPT_LETTERS.get(script)
    return re.compile("[%s]" % known[1]) if known else None


class WrongScript(FieldCheck):
    code = "wrong_script"
    name = gettext_lazy("Wrong writing system")
    description = (
        "Copy for a market that reads Arabic, Devanagari, Japanese, Chinese, Korean or Thai "
        "with no letter of that script was left in English (or another Latin-script language)."
    )
    severity = Severity.ERROR

    def applies_to(self, copy):
        script = expected_script(copy.locale)
        return script is not None and _letters_of(script) is not None

    def may_find(self, copy):
        # Nearly every field has a letter of its script, found within its first few characters.
        letter = _letters_of(expected_script(copy.locale)).search
        for text in copy.variant.values():
            if text and letter(text) is None:
                return True
        return False

    def field_findings(self, copy, field_name, text):
        script = expected_script(copy.locale)
        if _letters_of(script).search(text):
            return
        if len(_LATIN_WORD.findall(prose(text))) < MIN_LATIN_WORDS:
            return
        yield self.finding(field_name, locale=copy.locale, script=script)

    def message(self, finding):
        return _(
            "The %(field)s is written in Latin letters only; %(locale)s copy must be in %(script)s script. "
            "Brand names may stay in Latin letters, but translate the rest."
        ) % {"field": field_label(finding.field), "locale": finding.params["locale"], "script": script_name(finding.params["script"])}


def script_name(script: str) -> str:
    """The script's name in the reader's language (阿拉伯文 for Arab in Chinese)."""
    known = _SCRIPT_LETTERS.get(script)
    return str(known[0]) if known else script
