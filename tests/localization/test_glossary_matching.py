"""The glossary matcher: one automaton per locale, whole words, caseless, accents kept."""

import pickle
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localization.checks import Glossary, Match, Term, TermKind, TermMatcher
from localization.checks.matching import JoinedFields, contains_phrase, fold, is_latin_1, is_unspaced

GLOSSARY = Glossary(
    [
        ("gemütlich", "de-DE", None, "forbidden", "bequem", "reads as 'lazy' to German shoppers"),
        ("Straße", "de", None, "caution", "", ""),
        ("billig", "de", None, "caution", "günstig", "sounds low-quality"),
        ("ano", "es", None, "forbidden", "", "not to be confused with año"),
        ("free shipping", "en", None, "caution", "", ""),
        ("セール", "ja-JP", None, "caution", "", ""),
        ("ลดราคา", "th-TH", None, "caution", "", ""),
        ("세일", "ko-KR", None, "caution", "", ""),
        ("خمر", "ar-SA", "SA", "forbidden", "", "alcohol may not be advertised"),
        ("सस्ता", "hi-IN", None, "caution", "किफ़ायती", "sounds low-quality"),
        ("ıslak", "tr-TR", None, "caution", "", ""),
        ("comfortable", "de-DE", None, "preferred", "bequem", ""),
    ]
)


def terms_in(text, locale, market=None):
    return [match.payload.term for match in GLOSSARY.find(text, locale=locale, market=market)]


def test_matches_whole_words_only():
    assert terms_in("So gemütlich!", "de-DE") == ["gemütlich"]
    assert terms_in("Ungemütlichkeit vermeiden", "de-DE") == []
    assert terms_in("Año nuevo, panorama nuevo", "es-MX") == []


def test_case_does_not_matter_but_accents_do():
    assert terms_in("GEMÜTLICH", "de-DE") == ["gemütlich"]
    assert terms_in("gemutlich", "de-DE") == []
    assert terms_in("Feliz ANO", "es-ES") == ["ano"]
    assert terms_in("Feliz año", "es-ES") == []


def test_sharp_s_matches_its_capital_spelling_and_reports_what_was_written():
    [match] = GLOSSARY.find("Die STRASSE entlang", locale="de-AT")
    assert match.text == "STRASSE"
    [match] = GLOSSARY.find("Die Straße entlang", locale="de-AT")
    assert (match.start, match.end, match.text) == (4, 10, "Straße")


def test_offsets_point_at_the_written_text():
    text = "Ihr Sofa, so gemütlich."
    [match] = GLOSSARY.find(text, locale="de-DE")
    assert text[match.start : match.end] == "gemütlich"


def test_decomposed_accents_match_like_composed_ones():
    assert terms_in("So gemu\u0308tlich", "de-DE") == ["gemütlich"]


def test_phrases_of_several_words_match():
    assert terms_in("Free Shipping on all orders", "en-US") == ["free shipping"]


def test_language_terms_apply_to_every_market_of_the_language():
    assert terms_in("Sehr billig", "de-CH") == ["billig"]
    assert terms_in("Sehr gemütlich", "de-CH") == []  # a de-DE term


def test_market_terms_apply_only_in_their_market():
    assert terms_in("خمر", "ar-SA", market="SA") == ["خمر"]
    assert terms_in("خمر", "ar-SA", market="AE") == []


def test_japanese_thai_and_korean_match_inside_runs_without_spaces():
    assert terms_in("大セール開催中", "ja-JP") == ["セール"]
    assert terms_in("โปรลดราคาพิเศษ", "th-TH") == ["ลดราคา"]
    assert terms_in("여름 세일을 놓치지 마세요", "ko-KR") == ["세일"]


def test_latin_brand_next_to_japanese_counts_as_a_word():
    matcher = TermMatcher([("nike", "brand")])
    assert [match.text for match in matcher.find("Nikeのセール")] == ["Nike"]
    assert matcher.find("Nikester") == []


def test_arabic_matches_after_attached_prefixes_but_not_into_the_next_word():
    assert terms_in("والخمر", "ar-SA", market="SA") == ["خمر"]
    assert terms_in("الخمرية", "ar-SA", market="SA") == []


def test_devanagari_vowel_signs_belong_to_the_word():
    assert terms_in("सस्ता माल", "hi-IN") == ["सस्ता"]
    assert terms_in("सस्ती", "hi-IN") == []  # another word: the final vowel sign differs


def test_turkish_dotless_i_folds_the_turkish_way():
    assert terms_in("ISLAK MENDİL", "tr-TR") == ["ıslak"]


def test_preferred_terms_are_found_only_when_asked_for():
    assert terms_in("so comfortable", "de-DE") == []
    [match] = GLOSSARY.find("so comfortable", locale="de-DE", kinds=(TermKind.PREFERRED,))
    assert match.payload == Term("comfortable", "de-DE", None, TermKind.PREFERRED, "bequem", "")


def test_one_automaton_per_locale_built_once():
    first = GLOSSARY.matcher("de-DE")
    assert GLOSSARY.matcher("de-de") is first
    assert len(first) == 4  # two de-DE terms (one of them preferred) and two de terms


def test_glossary_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="use preferred, caution or forbidden"):
        Glossary([("billig", "de", None, "banned", "", "")])


def test_contains_phrase_respects_word_boundaries():
    assert contains_phrase("Sehr bequem!", "bequem", language="de")
    assert not contains_phrase("Unbequem", "bequem", language="de")
    assert contains_phrase("大セール", "セール", language="ja")


def test_empty_glossary_and_empty_text_find_nothing():
    assert Glossary([]).find("anything", locale="de-DE") == []
    assert GLOSSARY.find("", locale="de-DE") == []
    assert GLOSSARY.find("gemütlich", locale="not a locale") == []


# The automaton against the rules themselves: every phrase tried at every position of the
# text, on texts of the scripts whose rules differ (CJK, Hangul, Thai, Arabic, Hebrew,
# Devanagari) and of the letters that fold oddly (ß and ẞ to "ss", Turkish I and İ).
ALPHABET = list("aebsSßẞIıİiéo1 .-'日本セール세일ลوالخمرשस") + ["\u0301", "\u064e", "\u094d", "𠀀", "😀"]
TEXTS = st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join)
PHRASES = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=4).map("".join)
LANGUAGES = st.sampled_from(["", "de", "tr", "az", "ar", "ja", "ko", "th", "hi"])


def _caseless_character(character, language):
    if language in ("tr", "az"):
        character = {"I": "ı", "İ": "i"}.get(character, character)
    return character.casefold()


def _stands_apart_from(neighbour):
    joins = neighbour.isalnum() or unicodedata.category(neighbour).startswith("M")
    return not joins or is_unspaced(neighbour)


def _attaches_prefixes(character):  # Arabic, Syriac, Thaana, N'Ko, Hebrew
    return "\u0590" <= character <= "\u08ff" or "\ufb1d" <= character <= "\ufdff" or "\ufe70" <= character <= "\ufeff"


def brute_force(phrases, text, language):
    """What TermMatcher.find should give, found one phrase and one position at a time."""
    text = unicodedata.normalize("NFC", text)
    pieces = [_caseless_character(character, language) for character in text]
    folded = "".join(pieces)
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    payloads = {}
    for phrase, payload in phrases:
        key = fold(phrase.strip(), language)
        if key:
            payloads.setdefault(key, []).append(payload)
    found = []
    for key, its_payloads in payloads.items():
        needs_left = not is_unspaced(key[0]) and not _attaches_prefixes(key[0])
        needs_right = not is_unspaced(key[-1])
        for start in range(len(folded) - len(key) + 1):
            end = start + len(key)
            if folded[start:end] != key:
                continue
            if needs_left and start > 0 and not _stands_apart_from(folded[start - 1]):
                continue
            if needs_right and end < len(folded) and not _stands_apart_from(folded[end]):
                continue
            written_start, written_end = origin[start], origin[end - 1] + 1
            for payload in its_payloads:
                match = Match(written_start, written_end, text[written_start:written_end], payload)
                found.append(((end, start), match))
    # By where each ends in the folded text, the longest first; payloads in the order given.
    return [match for _, match in sorted(found, key=lambda item: item[0])]


@settings(max_examples=500, deadline=None)
@given(data=st.data(), text=TEXTS, language=LANGUAGES)
def test_matcher_finds_every_occurrence_a_brute_force_search_finds(data, text, language):
    # Some phrases are cut from the text itself, so that most examples have matches.
    cut = st.tuples(st.integers(0, len(text)), st.integers(1, 4)).map(lambda at: text[at[0] : at[0] + at[1]])
    phrases = data.draw(st.lists(st.one_of(PHRASES, cut), max_size=8))
    with_payloads = [(phrase, index) for index, phrase in enumerate(phrases)]
    matcher = TermMatcher(with_payloads, language=language)
    assert matcher.find(text) == brute_force(with_payloads, text, language)


@settings(max_examples=200, deadline=None)
@given(
    fields=st.dictionaries(st.sampled_from(["headline", "body", "seo_title"]), TEXTS, max_size=3),
    phrases=st.lists(PHRASES, min_size=1, max_size=8),
    language=LANGUAGES,
)
def test_fields_searched_together_match_as_each_searched_alone(fields, phrases, language):
    matcher = TermMatcher([(phrase, phrase) for phrase in phrases], language=language)
    alone = {name: matcher.find(text) for name, text in fields.items()}
    assert matcher.find_in_fields(fields) == {name: found for name, found in alone.items() if found}


@settings(max_examples=200, deadline=None)
@given(
    fields=st.dictionaries(st.sampled_from(["headline", "body", "seo_title"]), TEXTS, max_size=3),
    phrases=st.lists(PHRASES, min_size=1, max_size=8),
    languages=st.lists(LANGUAGES, min_size=2, max_size=3),
)
def test_matchers_that_share_the_joined_fields_find_what_each_finds_alone(fields, phrases, languages):
    # The glossary and the sensitive topics read one JoinedFields of a copy, folded once per way of folding.
    joined = JoinedFields(fields)
    for language in languages:
        matcher = TermMatcher([(phrase, phrase) for phrase in phrases], language=language)
        assert matcher.find_in_fields(joined) == matcher.find_in_fields(dict(fields))


LATIN_1_TEXTS = st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=LATIN_1_TEXTS, language=LANGUAGES)
def test_latin_1_text_is_in_nfc_and_its_table_folds_it_as_casefold_does(text, language):
    assert is_latin_1(text)
    assert unicodedata.is_normalized("NFC", text)
    joined = JoinedFields({"body": text})
    assert joined.text == text
    assert joined.folded(language)[0] == fold(text, language)


def test_text_beyond_latin_1_is_not_taken_for_it():
    assert not is_latin_1("Straße ı")
    assert not is_latin_1("Cafe\u0301")
    assert is_latin_1("Café, ÀÉÎÕÜ ß µ ÿ") and is_latin_1("")


def test_a_lone_surrogate_in_a_phrase_or_a_text_breaks_nothing():
    # Not text (no browser or database sends one), but it must not stop the other phrases matching.
    matcher = TermMatcher([("sale", 1), ("x\ud800", 2), ("gift", 3)])
    found = matcher.find("sale \ud800 gift x\ud800")
    assert [(match.text, match.payload) for match in found] == [("sale", 1), ("gift", 3), ("x\ud800", 2)]


def test_a_matcher_survives_pickling():
    matcher = pickle.loads(pickle.dumps(TermMatcher([("gemütlich", "term")], language="de")))
    assert [match.text for match in matcher.find("So GEMÜTLICH")] == ["GEMÜTLICH"]
    assert len(matcher) == 1
