"""Punctuation as each language's readers expect it: French spacing, Spanish ¿ ¡, German „…“."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FieldCheck, Severity, excerpt, field_label, prose

_NO_BREAK_SPACES = "\u00a0\u202f"
# A French high mark (? ! ; :) after something other than a no-break space: either
# right after a word or after an ordinary space. Group 1 is the ordinary space, if any.
_FRENCH_MARK = re.compile(r"(?<=[^\s%s?!;:])( ?)([?!;:])" % _NO_BREAK_SPACES)
_FRENCH_HIGH_MARKS = re.compile(r"[?!;:]")
_SENTENCE_ENDS = re.compile(r"([.!?\n]+)")
_LETTER = re.compile(r"[^\W\d_]")
_STRAIGHT_QUOTES = re.compile(r'"[^"\n]{0,200}"?')
_ENGLISH_QUOTES = re.compile(r"“[^“”„\n]{0,200}”")


class FrenchSpacing(FieldCheck):
    code = "french_spacing"
    name = gettext_lazy("French spacing before ? ! ; :")
    description = (
        "French puts a narrow no-break space before ? ! ; and a no-break space before :, so the "
        "mark never starts a line. In Canada only : takes a space."
    )
    severity = Severity.WARNING
    languages = frozenset({"fr"})

    def may_find(self, copy):
        return _FRENCH_HIGH_MARKS.search(copy.variant_text) is not None

    def field_findings(self, copy, field_name, text):
        if not _FRENCH_HIGH_MARKS.search(text):
            return
        marks = ":" if copy.territory == "CA" else "?!;:"
        written = prose(text)
        reported = set()
        for match in _FRENCH_MARK.finditer(written):
            space, mark = match.groups()
            if mark not in marks or mark in reported:
                continue
            if mark == ":" and written[match.end() : match.end() + 1].isdigit():
                continue  # a time (10:30) or a ratio
            reported.add(mark)
            yield self.finding(field_name, mark, ordinary_space=bool(space), excerpt=excerpt(written, match.start(), match.end()))

    def message(self, finding):
        values = {"field": field_label(finding.field), "mark": finding.subject, "excerpt": finding.params["excerpt"]}
        values["space"] = _("a no-break space (U+00A0)") if finding.subject == ":" else _("a narrow no-break space (U+202F)")
        if finding.params.get("ordinary_space"):
            return _('The %(field)s has an ordinary space before "%(mark)s" in "%(excerpt)s"; French puts %(space)s there.') % values
        return _('The %(field)s has no space before "%(mark)s" in "%(excerpt)s"; French puts %(space)s there.') % values


class SpanishInvertedMarks(FieldCheck):
    code = "spanish_inverted_marks"
    name = gettext_lazy("Spanish opening ¿ and ¡")
    description = (
        "Spanish opens a question with ¿ and an exclamation with ¡; without them the sentence reads as careless."
    )
    severity = Severity.WARNING
    languages = frozenset({"es"})

    def may_find(self, copy):
        return "?" in copy.variant_text or "!" in copy.variant_text

    def field_findings(self, copy, field_name, text):
        if "?" not in text and "!" not in text:
            return
        # Split, not a regex over whole sentences, so very long text costs linear time.
        parts = _SENTENCE_ENDS.split(prose(text))
        reported = set()
        for sentence, ending in zip(parts[0::2], parts[1::2], strict=False):
            if not _LETTER.search(sentence):
                continue
            for closing, opening in (("?", "¿"), ("!", "¡")):
                if closing in ending and opening not in sentence and opening not in reported:
                    reported.add(opening)  # the first one shows the fix for all
                    yield self.finding(field_name, opening, sentence=sentence.strip()[-40:] + ending.strip())

    def message(self, finding):
        values = {"field": field_label(finding.field), "mark": finding.subject, "sentence": finding.params["sentence"]}
        if finding.subject == "¿":
            return _('The %(field)s has a question without its opening "%(mark)s": "%(sentence)s"; write "%(mark)s" at its start.') % values
        return _('The %(field)s has an exclamation without its opening "%(mark)s": "%(sentence)s"; write "%(mark)s" at its start.') % values


class GermanQuotes(FieldCheck):
    code = "german_quotes"
    name = gettext_lazy("German quotation marks")
    description = 'German quotes with „…“ (« » in Switzerland); "…" and “…” are English.'
    severity = Severity.WARNING
    languages = frozenset({"de"})

    def may_find(self, copy):
        return '"' in copy.variant_text or "“" in copy.variant_text

    def field_findings(self, copy, field_name, text):
        if '"' not in text and "“" not in text:
            return
        written = prose(text)
        match = _STRAIGHT_QUOTES.search(written) or _ENGLISH_QUOTES.search(written)
        if match is None:
            return
        yield self.finding(
            field_name,
            written_marks='"…"' if match.group(0).startswith('"') else "“…”",
            excerpt=excerpt(written, match.start(), match.end(), around=0),
            expected="«…»" if copy.territory in ("CH", "LI") else "„…“",
        )

    def message(self, finding):
        return _("The %(field)s quotes with %(written_marks)s in %(excerpt)s; German copy uses %(expected)s.") % {
            **finding.params, "field": field_label(finding.field)
        }


# An occasion whose name starts with "Día"/"Dia" (Día del Amor, Dia dos Namorados) takes the masculine
# article, which contracts with the word before it: "antes del Día del Amor", "antes do Dia dos Namorados".
_DAY_NAMES = {"es": "día ", "pt": "dia "}
_CONTRACTIONS = {
    "es": {"de": "del", "a": "al"},
    "pt": {"de": "do", "em": "no", "a": "ao", "por": "pelo"},
}
_BEFORE_OCCASION = {
    language: re.compile(r"(?<![\w-])(%s)\s+\{occasion\}" % "|".join(words), re.IGNORECASE)
    for language, words in _CONTRACTIONS.items()
}


class OccasionArticle(FieldCheck):
    code = "occasion_article"
    name = gettext_lazy("Article before the occasion")
    description = (
        "In Spanish and Portuguese a day's name takes its article, joined to the word before it: "
        "antes del Día del Amor y la Amistad, antes do Dia dos Namorados; 'antes de {occasion}' reads wrong."
    )
    severity = Severity.WARNING
    languages = frozenset(_CONTRACTIONS)

    def may_find(self, copy):
        occasion = (copy.placeholder_values or {}).get("occasion") or ""
        return "{occasion}" in copy.variant_text and occasion.casefold().startswith(_DAY_NAMES[copy.language])

    def field_findings(self, copy, field_name, text):
        for match in _BEFORE_OCCASION[copy.language].finditer(text):
            word = match.group(1)
            contracted = _CONTRACTIONS[copy.language][word.casefold()]
            if word[0].isupper():
                contracted = contracted.capitalize()
            yield self.finding(field_name, match.group(0), written=match.group(0), suggestion=f"{contracted} {{occasion}}",
                               occasion=copy.placeholder_values["occasion"])

    def message(self, finding):
        return _('The %(field)s writes "%(written)s"; %(occasion)s takes its article here: write "%(suggestion)s".') % {
            "field": field_label(finding.field), "written": finding.params["written"],
            "occasion": finding.params["occasion"], "suggestion": finding.params["suggestion"],
        }
