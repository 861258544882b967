"""The glossary matcher: one automaton per locale, whole words, caseless, accents kept."""

import pytest

from localization.checks import Glossary, Term, TermKind, TermMatcher
from localization.checks.matching import contains_phrase

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
