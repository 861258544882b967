"""Throughput of the copy checks: 100,000 variants against a generated 10,000-term glossary.

Prints, with plain perf_counter timings:
- the glossary matched by one Aho-Corasick automaton per locale, over every field;
- the same glossary matched the naive way, one regex per term (on a sample, since it
  is slow), and how many times faster the automaton is;
- the full registry of checks (CopyUnderCheck built and run_checks called per variant), with
  the market's placeholder values, occasion names and offer dates as the save path gives them,
  best of three rounds by the wall clock, with each round's CPU time beside it;
- the findings worded for people in Simplified Chinese (only a page that shows them does this).

Run: python bench/checks.py [variants] (100,000 unless given).
"""

import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glocal.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")

import django  # noqa: E402 - after the path is set

django.setup()  # findings are worded with Django's translations

from datetime import date  # noqa: E402

from django.utils import translation  # noqa: E402

from figures import figure  # noqa: E402 - bench/figures.py, beside this file
from localization.checks import (  # noqa: E402 - after the path is set
    SEO_LENGTH_LIMITS,
    CopyUnderCheck,
    Glossary,
    SensitiveTopic,
    SensitiveTopics,
    Severity,
    run_checks,
)

VARIANTS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
GLOSSARY_TERMS = 10_000
REGEX_SAMPLE = 500
ROUNDS = 3
TARGET_PER_SECOND = 25_000
TARGET_RATIO = 20

# Locale, market, currency, the syllables of its copy's pseudo-words, and those only
# glossary terms end with: as in real copy, a term shows up now and then, not in every word.
MARKETS = [
    ("pt-BR", "BR", "BRL", "ma pe ri so la ção ne to da vi lu ra ge".split(), "zé xu qui".split()),
    ("de-DE", "DE", "EUR", "ber ge lich ung schö mü ten ka sta frei hau".split(), "quo zwy pfü".split()),
    ("fr-FR", "FR", "EUR", "lé mai son ré té pre ti quo chan beau vé".split(), "zyx wû kä".split()),
    ("es-MX", "MX", "MXN", "ña bue no ra ci ta lo pa me ve ro".split(), "jux zé wi".split()),
    ("en-GB", "GB", "GBP", "ship fast gift deal sea son time best ward".split(), "zork quix vle".split()),
    ("ar-SA", "SA", "SAR", "عر ض خا ص تس وق هد ية مو سم كب ير".split(), "ظغ ثذ".split()),
    ("hi-IN", "IN", "INR", "दि वा ली से ल त्यो हा र उप".split(), "ञझ ढ़".split()),
    ("ja-JP", "JP", "JPY", "セー ル ギ フト 母 の 日 限 定 送 料".split(), "ヴ ヂ".split()),
]
# Words per field: most copy fits its limits, some does not (as in real reviews).
FIELD_WORDS = {
    "headline": (4, 7),
    "subheadline": (7, 11),
    "body": (25, 40),
    "call_to_action": (1, 3),
    "seo_title": (3, 6),
    "seo_description": (8, 14),
}
LENGTH_LIMITS = {**SEO_LENGTH_LIMITS, "headline": 90, "call_to_action": 30, "body": 5000}
# What each market's page fills in, as quality.copy_under_check passes it: Saudi Arabia keeps no
# Valentine's Day, so it has no occasion dates (and no Arabic name for it).
VALUES = {"price": "x", "old_price": None, "discount": "15%", "occasion": "x", "occasion_date": "x", "last_order_date": "x", "campaign_end": "x"}
MARKET_VALUES = {
    market: {
        "placeholder_values": VALUES if market != "SA" else {**VALUES, "occasion_date": None, "last_order_date": None},
        "missing_value_reasons": {"old_price": "no_price"} if market != "SA" else {"occasion_date": "not_observed", "last_order_date": "not_observed"},
        "occasion_local_name": "Valentine" if market != "SA" else "",
        "occasion_english_name": "Valentine's Day",
        "offer_ends_on": date(2027, 2, 14),
        "occasion_starts_on": date(2027, 6, 12) if market == "BR" else date(2027, 2, 14),
        "last_order_date": date(2027, 6, 1) if market == "BR" else date(2027, 2, 10),
    }
    for _locale, market, *_rest in MARKETS
}
SOURCE = {
    "headline": "Gifts for the season, from {price}",
    "subheadline": "Free shipping on every order until {campaign_end}",
    "body": "Choose from our best sellers for {occasion}. Order by {last_order_date} for delivery in time.",
    "call_to_action": "Shop now",
    "seo_title": "Season gifts from {price}",
    "seo_description": "Gifts for {occasion} from {price}: free shipping until {campaign_end}.",
}


def pseudo_word(rng, syllables, ending=None):
    word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
    return word + rng.choice(ending) if ending else word


def joined(locale, words):
    return "".join(words) if locale == "ja-JP" else " ".join(words)


def make_glossary_terms(rng):
    terms = []
    kinds = ["forbidden", "caution", "caution", "preferred"]
    for index in range(GLOSSARY_TERMS):
        locale, market, _, syllables, term_endings = MARKETS[index % len(MARKETS)]
        words = [pseudo_word(rng, syllables, term_endings) for _ in range(rng.choice((1, 1, 1, 2)))]
        kind = rng.choice(kinds)
        term = joined(locale, words) if kind != "preferred" else "season%d" % index
        terms.append((term, locale, market if rng.random() < 0.1 else None, kind, "use-%d" % index, "generated"))
    return terms


def make_variants(rng, terms_by_locale):
    variants = []
    for _ in range(VARIANTS):
        locale, market, currency, syllables, _ = rng.choice(MARKETS)
        fields = {}
        for name, (fewest, most) in FIELD_WORDS.items():
            words = [pseudo_word(rng, syllables) for _ in range(rng.randint(fewest, most))]
            if name == "body" and rng.random() < 0.1:
                words.insert(rng.randrange(len(words)), rng.choice(terms_by_locale[locale]))
            fields[name] = joined(locale, words)
        fields["headline"] += " {price}"
        fields["subheadline"] += " {campaign_end}"
        fields["body"] += " {occasion} {last_order_date}."
        fields["seo_title"] += " {price}"
        fields["seo_description"] += " {occasion} {price} {campaign_end}."
        variants.append((locale, market, currency, fields))
    return variants


def per_second(count, seconds):
    return count / seconds if seconds else float("inf")


def report(label, rate, details):
    print(f"{label:<26}{rate:>10,.0f} variants/s  ({details})")


def verdict(met):
    return "met" if met else "NOT met"


def main():
    rng = random.Random(2027)
    terms = make_glossary_terms(rng)
    terms_by_locale = {}
    for term, locale, *_ in terms:
        terms_by_locale.setdefault(locale, []).append(term)
    started = time.perf_counter()
    variants = make_variants(rng, terms_by_locale)
    seconds = time.perf_counter() - started
    print(f"generated {len(variants):,} variants ({len(MARKETS)} locales, 6 fields each) in {seconds:.1f} s")

    started = time.perf_counter()
    glossary = Glossary(terms)
    for locale, *_ in MARKETS:
        glossary.matcher(locale)
    print(f"glossary: {len(glossary):,} terms, one automaton per locale built in {time.perf_counter() - started:.2f} s")

    topics = SensitiveTopics(
        [SensitiveTopic("alcohol", {"ar": ["نبيذ", "خمر"], "en": ["wine", "beer"], "hi": ["शराब"]}, Severity.ERROR)]
    )

    # 1. The glossary alone: the automaton over every field of every variant.
    matches = 0
    started = time.perf_counter()
    for locale, market, _, fields in variants:
        for text in fields.values():
            matches += len(glossary.find(text, locale=locale, market=market))
    automaton_seconds = time.perf_counter() - started
    automaton_rate = per_second(len(variants), automaton_seconds)
    report("glossary, automaton:", automaton_rate, f"{automaton_seconds:.2f} s, {matches:,} matches")

    # 2. The same glossary, one regex per term, on a sample.
    started = time.perf_counter()
    regexes = {
        locale: [
            re.compile(r"(?<!\w)%s(?!\w)" % re.escape(term.term), re.IGNORECASE) for term in glossary.terms_for(locale)
        ]
        for locale, *_ in MARKETS
    }
    compile_seconds = time.perf_counter() - started
    sample = variants[:REGEX_SAMPLE]
    regex_matches = 0
    started = time.perf_counter()
    for locale, _, _, fields in sample:
        for text in fields.values():
            for pattern in regexes[locale]:
                if pattern.search(text):
                    regex_matches += 1
    regex_seconds = time.perf_counter() - started
    regex_rate = per_second(len(sample), regex_seconds)
    ratio = automaton_rate / regex_rate
    report(
        "glossary, regex per term:",
        regex_rate,
        f"{regex_seconds:.2f} s on {len(sample):,} variants, {compile_seconds:.2f} s to compile",
    )
    print(f"{'automaton / regex:':<26}{ratio:>10,.0f} x  (target at least {TARGET_RATIO} x)")

    # 3. Every check, as the save path runs them: three rounds, each timed by the wall clock and by
    # this process's CPU time (on a shared machine other work slows the wall clock of one round).
    rounds = []
    for _ in range(ROUNDS):
        findings = []
        started, started_cpu = time.perf_counter(), time.process_time()
        for locale, market, currency, fields in variants:
            copy = CopyUnderCheck(
                locale=locale,
                market=market,
                currency=currency,
                source_locale="en",
                source=SOURCE,
                variant=fields,
                length_limits=LENGTH_LIMITS,
                glossary=glossary,
                sensitive_topics=topics,
                **MARKET_VALUES[market],
            )
            findings.extend(run_checks(copy))
        rounds.append((time.perf_counter() - started, time.process_time() - started_cpu))
    checks_seconds = min(wall for wall, _cpu in rounds)
    checks_rate = per_second(len(variants), checks_seconds)
    report(
        "all checks:",
        checks_rate,
        f"best of {ROUNDS}: {checks_seconds:.2f} s; rounds {', '.join(f'{wall:.2f}' for wall, _cpu in rounds)} s, "
        f"CPU {', '.join(f'{cpu:.2f}' for _wall, cpu in rounds)} s; {len(findings):,} findings",
    )

    # 4. Wording: only a page that shows findings words them, in its reader's language.
    sample = findings[:20_000]
    started = time.perf_counter()
    with translation.override("zh-hans"):
        characters = sum(len(finding.message) for finding in sample)
    wording_seconds = time.perf_counter() - started
    print(
        f"{'findings worded (zh-hans):':<26}{per_second(len(sample), wording_seconds):>10,.0f} findings/s  "
        f"({len(sample):,} findings, {characters:,} characters)"
    )
    target = f"at least {TARGET_PER_SECOND:,}/s"
    figure(f"checks, {len(variants):,} variants: glossary by automaton", f"{automaton_rate:,.0f} variants/s", target, automaton_rate >= TARGET_PER_SECOND)
    figure(f"checks: glossary by regex per term ({min(REGEX_SAMPLE, len(variants)):,} variants)", f"{regex_rate:,.0f} variants/s")
    figure("checks: automaton / regex per term", f"{ratio:,.0f} x", f"at least {TARGET_RATIO} x", ratio >= TARGET_RATIO)
    figure(f"checks, {len(variants):,} variants: all checks, best of {ROUNDS}", f"{checks_rate:,.0f} variants/s", target, checks_rate >= TARGET_PER_SECOND)
    print(
        f"target {TARGET_PER_SECOND:,} variants/s: glossary {verdict(automaton_rate >= TARGET_PER_SECOND)}, "
        f"all checks {verdict(checks_rate >= TARGET_PER_SECOND)}; "
        f"target {TARGET_RATIO} x: {verdict(ratio >= TARGET_RATIO)}"
    )


if __name__ == "__main__":
    main()
