"""Finds many phrases in copy at once: one Aho-Corasick automaton, whole words only.

Decisions, and why:

- Case does not matter, accents do. Text and phrases are compared after ``casefold()``
  (so "STRASSE" finds "Straße"), but accents are kept: in most languages an accent
  makes another word (Spanish "año" is a year, "ano" is not something to print on a
  landing page; German "gemütlich" is not "gemutlich"). A glossary that wants both
  spellings lists both.
- Turkish and Azerbaijani fold I to ı and İ to i, as their speakers write them.
- A phrase matches whole words where the script separates words with spaces.
  Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
  Myanmar) match as substrings, since no boundary can be seen. Korean is written with
  spaces, but particles attach to the noun ("세일을"), so Hangul matches as a substring
  too. Arabic and Hebrew attach prefixes (Arabic و ف ب ك ل ال) to the word, so a
  phrase in those scripts may start inside a word but must end at a word boundary.
- Text is compared in Unicode NFC. Offsets index the NFC form of the text, which is
  the text itself for anything typed in a browser.
- The automaton is pyahocorasick. ahocorasick_rs searches 1.1 to 1.3 times as fast alone,
  but folding and the NFC check cost as much as the search: through this matcher it ran
  0.7 to 1.2 times as fast, as the machine's load went, and its fastest form (a DFA) took
  five times the memory. Not worth a change; ``bench/matching.py`` compares them.
"""

import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import Any, Iterable, Mapping, NamedTuple

import ahocorasick


class Match(NamedTuple):
    """One phrase found in a text: ``text[start:end]`` is what was written."""

    start: int
    end: int
    text: str
    payload: Any


# Code point ranges of scripts written without spaces between words (and Hangul, see above).
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x30FF),  # CJK punctuation, Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x3134F),  # CJK extensions B to G
)
# Arabic, Syriac, Thaana, N'Ko; Hebrew; and the Arabic presentation forms.
_PREFIXING_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def _in_ranges(character: str, ranges) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in ranges)


def is_unspaced(character: str) -> bool:
    """True for characters of scripts whose words are not separated by spaces."""
    return character >= "\u0e00" and _in_ranges(character, _UNSPACED_RANGES)


def _is_word_character(character: str) -> bool:
    # Combining marks are part of the word: Devanagari and Thai vowel signs are marks.
    return character.isalnum() or unicodedata.category(character)[0] == "M"


def _separates(neighbour: str) -> bool:
    """Whether a phrase may end (or start) next to this character."""
    return not _is_word_character(neighbour) or is_unspaced(neighbour)


def is_latin_1(text: str) -> bool:
    """Whether every character is below U+0100, as in most Western European copy. Such text
    is in NFC (no Latin-1 character decomposes or combines) and folds by a table, where the
    NFC check and ``casefold()`` look every character up in the Unicode database; finding
    out is a copy of bytes."""
    return text.isascii() or len(text.encode("latin-1", "ignore")) == len(text)


def _nfc(text: str) -> str:
    return text if is_latin_1(text) or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_DOTLESS_I_LANGUAGES = frozenset({"tr", "az"})
_FEW_KEYS = 8
# casefold() of each Latin-1 character; ß and µ fold to "ss" and "μ", so text with them is
# folded by casefold() itself.
_LATIN_1_CASEFOLD = bytes(code if code in (0xB5, 0xDF) else ord(chr(code).casefold()) for code in range(256))


def _caseless(text: str, language: str, latin_1: bool = False) -> str:
    """``latin_1``: the caller knows that ``is_latin_1(text)``."""
    if language in _DOTLESS_I_LANGUAGES:
        text = text.replace("I", "ı").replace("İ", "i")
    elif text.isascii():
        return text.lower()  # the same as casefold() for ASCII, and faster
    elif latin_1 and "ß" not in text and "µ" not in text:
        return text.encode("latin-1").translate(_LATIN_1_CASEFOLD).decode("latin-1")
    return text.casefold()


def fold(text: str, language: str = "") -> str:
    """The form in which text and phrases are compared: NFC, caseless, accents kept."""
    return _caseless(_nfc(text), language)


def _origins(text: str, folded: str, language: str) -> list[int] | bool:
    """Where each character of ``folded`` came from in ``text``.

    ``casefold`` turns one character into several now and then ("ß" -> "ss"); only
    then is this map needed. False if it cannot be made (not expected).
    """
    origins = []
    for index, character in enumerate(text):
        origins.extend([index] * len(_caseless(character, language)))
    return origins if len(origins) == len(folded) else False


def _boundary_rules(folded_phrase: str) -> tuple[bool, bool]:
    first, last = folded_phrase[0], folded_phrase[-1]
    needs_left = not is_unspaced(first) and not _in_ranges(first, _PREFIXING_RANGES)
    needs_right = not is_unspaced(last)
    return needs_left, needs_right


def _whole_word(folded: str, start: int, end: int, needs_left: bool, needs_right: bool) -> bool:
    """Whether ``folded[start:end]`` stands as a word (or word start, per script)."""
    if needs_left and start > 0 and not _separates(folded[start - 1]):
        return False
    if needs_right and end < len(folded) and not _separates(folded[end]):
        return False
    return True


class TermMatcher:
    """Many phrases of one language, found in a text in one pass.

    Built once (it is the slow part), then asked many times. Each phrase carries a
    payload (a glossary term, a sensitive topic); the same phrase may carry several.
    """

    def __init__(self, phrases: Iterable[tuple[str, Any]], *, language: str = ""):
        self.language = language
        payloads: dict[str, list] = {}
        for phrase, payload in phrases:
            key = fold(phrase.strip(), language) if isinstance(phrase, str) else ""
            if key:
                payloads.setdefault(key, []).append(payload)
        self._automaton = self._build_automaton(
            {key: (len(key), tuple(found), *_boundary_rules(key)) for key, found in payloads.items()}
        )
        self._empty = not payloads
        # A market's sensitive topics have a few keywords in a language: a substring search for
        # each rules out most copy before the automaton's pass, which costs several times more.
        self._few_keys = tuple(payloads) if len(payloads) <= _FEW_KEYS else None

    @staticmethod
    def _build_automaton(values: dict[str, tuple]):
        """An automaton of the keys whose ``iter(text)`` gives ``(index of the last character,
        value)`` for every occurrence of every key, nested and overlapping ones too, by where
        it ends (the longest first where several end together)."""
        automaton = ahocorasick.Automaton()
        for key, value in values.items():
            automaton.add_word(key, value)
        if values:
            automaton.make_automaton()
        return automaton

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str) -> list[Match]:
        """Every whole-word occurrence of every phrase, in order of where it ends."""
        if self._empty or not text:
            return []
        return self._find_in_normalized(_nfc(text))

    def _find_in_normalized(self, text: str) -> list[Match]:
        folded = _caseless(text, self.language)
        origins = None if len(folded) == len(text) else _origins(text, folded, self.language)
        return self._matches(text, folded, origins)

    def _matches(self, text: str, folded: str, origins: "list[int] | bool | None") -> list[Match]:
        if self._few_keys is not None:
            for key in self._few_keys:
                if key in folded:
                    break
            else:
                return []
        if origins is False:  # not expected; then the folded text is what is shown
            text, origins = folded, None
        matches = []
        for last, (length, payloads, needs_left, needs_right) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not _whole_word(folded, start, end, needs_left, needs_right):
                continue
            if origins is not None:
                # A match that ends inside an expansion ("ß" -> "ss") keeps the whole character.
                start, end = origins[start], origins[end - 1] + 1
            for payload in payloads:
                matches.append(Match(start, end, text[start:end], payload))
        return matches

    def find_in_fields(self, fields: "Mapping[str, str] | JoinedFields") -> dict[str, list[Match]]:
        """``find`` for each field of a copy, in one pass over all of them.

        The fields are joined with line breaks, which no phrase crosses; offsets are
        given back relative to each field's own (NFC) text. Fields without a match are
        left out, so clean copy costs one scan and no bookkeeping. Pass ``JoinedFields``
        when other matchers look at the same fields: they are joined and folded once.
        """
        if self._empty:
            return {}
        joined = fields if isinstance(fields, JoinedFields) else JoinedFields(fields)
        folded, origins = joined.folded(self.language)
        matches = self._matches(joined.text, folded, origins)
        if not matches:
            return {}
        names, starts = joined.names, joined.starts
        found: dict[str, list[Match]] = {}
        for match in matches:
            index = bisect_right(starts, match.start) - 1
            offset = starts[index]
            found.setdefault(names[index], []).append(
                match._replace(start=match.start - offset, end=match.end - offset)
            )
        return found


def keyword_matcher(topics, language: str) -> TermMatcher:
    """One automaton over the keywords of ``topics`` (each with ``keywords`` per language) in ``language``;
    each match's payload is its topic."""
    return TermMatcher(((keyword, topic) for topic in topics for keyword in topic.keywords.get(language, ())), language=language)


class JoinedFields:
    """A copy's fields joined by line breaks in NFC, and folded once for each way of folding
    (Turkish and Azerbaijani fold I apart): the glossary and the sensitive topics both look
    at the same text, and folding it costs as much as the automaton's pass."""

    __slots__ = ("fields", "text", "_latin_1", "_texts", "_folded")

    def __init__(self, fields: Mapping[str, str], joined: str | None = None, latin_1: bool | None = None):
        """``joined`` is the fields' text joined by line breaks and ``latin_1`` whether it
        ``is_latin_1``, when the caller knows them already."""
        texts = None
        if joined is None:
            texts = [text or "" for text in fields.values()]
            joined = "\n".join(texts)
        if latin_1 is None:
            latin_1 = is_latin_1(joined)
        if not latin_1 and not unicodedata.is_normalized("NFC", joined):
            texts = [_nfc(text or "") for text in fields.values()]
            joined = "\n".join(texts)
        self.fields = fields
        self.text = joined
        self._latin_1 = latin_1
        self._texts = texts  # listed only when a match needs its field's offset
        self._folded = {}  # by whether I folds apart (see _caseless)

    @property
    def names(self) -> list[str]:
        return list(self.fields)

    @property
    def starts(self) -> list[int]:
        """Where each field starts in ``text``."""
        texts = self._texts if self._texts is not None else [text or "" for text in self.fields.values()]
        return list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))

    def folded(self, language: str) -> tuple[str, "list[int] | bool | None"]:
        """The text folded for ``language``, and where each folded character came from
        (None when folding kept the length, as it nearly always does)."""
        dotless = language in _DOTLESS_I_LANGUAGES
        found = self._folded.get(dotless)
        if found is None:
            folded = _caseless(self.text, language, self._latin_1)
            found = (folded, None if len(folded) == len(self.text) else _origins(self.text, folded, language))
            self._folded[dotless] = found
        return found


def contains_phrase(text: str, phrase: str, *, language: str = "", allow_endings: bool = False) -> bool:
    """Whether ``phrase`` stands in ``text`` as a whole word (by the rules above).

    ``allow_endings`` accepts the phrase with an inflectional ending ("gemütliches" for
    "gemütlich"), for languages that inflect adjectives and nouns.
    """
    key = fold(phrase.strip(), language)
    if not key:
        return False
    folded = fold(text, language)
    needs_left, needs_right = _boundary_rules(key)
    needs_right = needs_right and not allow_endings
    start = folded.find(key)
    while start != -1:
        if _whole_word(folded, start, start + len(key), needs_left, needs_right):
            return True
        start = folded.find(key, start + 1)
    return False
