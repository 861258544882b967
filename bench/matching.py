"""The glossary matcher's automaton: pyahocorasick (in use) against ahocorasick_rs, through TermMatcher.

Uses the texts and the 10,000-term glossary of bench/checks.py (same generator, same seed)
and runs ``TermMatcher.find_in_fields`` over every variant with each automaton under the
same rules (casefolded, whole words, every occurrence, nested and overlapping ones too).
Checks that all give identical matches, then prints, best of a few rounds that take
turns (CPU time of this process, so that other work on the machine counts less):
- variants/s through TermMatcher with each automaton: pyahocorasick, and ahocorasick_rs
  both as a DFA (its fastest search, and most memory) and in its default form;
- variants/s of each automaton's search alone, on the fields joined and folded;
- the time and memory it took to build the automata.

Run: python bench/matching.py [variants] (100,000 unless given, as bench/checks.py).
"""

import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checks import MARKETS, make_glossary_terms, make_variants  # noqa: E402 - bench/checks.py, beside this file
from figures import figure  # noqa: E402

from localization.checks import Glossary, TermMatcher  # noqa: E402 - after the path is set
from localization.checks.matching import fold  # noqa: E402

try:
    import ahocorasick_rs
except ImportError:  # not a requirement: pip install ahocorasick_rs to compare
    ahocorasick_rs = None

ROUNDS = 5


class RustAutomaton:
    """ahocorasick_rs behind the two things TermMatcher asks of its automaton: ``len`` and
    ``iter(text)``, which gives (index of the last character, value) of every occurrence."""

    def __init__(self, values, implementation):
        self._values = list(values.values())
        self.automaton = ahocorasick_rs.AhoCorasick(list(values), implementation=implementation) if values else None

    def __len__(self):
        return len(self._values)

    def iter(self, folded):
        # MatchKind.Standard (the default) with overlapping=True: every occurrence, in
        # pyahocorasick's order, with offsets in characters (not UTF-8 bytes).
        values = self._values
        found = self.automaton.find_matches_as_indexes(folded, overlapping=True)
        return [(end - 1, values[index]) for index, _, end in found]


def rust_matcher(implementation):
    class RustTermMatcher(TermMatcher):
        @staticmethod
        def _build_automaton(values):
            return RustAutomaton(values, implementation)

    return RustTermMatcher


def contenders():
    found = {"pyahocorasick": TermMatcher}
    if ahocorasick_rs is not None:
        found["ahocorasick_rs, DFA"] = rust_matcher(ahocorasick_rs.Implementation.DFA)
        found["ahocorasick_rs, default"] = rust_matcher(None)
    return found


def resident_megabytes():
    try:
        with open("/proc/self/statm") as statm:  # Linux
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return None


def matchers(matcher_class, glossary):
    return {
        locale: matcher_class(((term.term, term) for term in glossary.terms_for(locale)), language=locale.split("-")[0])
        for locale, *_ in MARKETS
    }


def through_matcher(by_locale, variants):
    started = time.process_time()
    for locale, _, _, fields in variants:
        by_locale[locale].find_in_fields(fields)
    return time.process_time() - started


def search_alone(by_locale, folded_variants):
    """Each automaton's own search, its matches in a list, nothing more."""
    started = time.process_time()
    for locale, folded in folded_variants:
        automaton = by_locale[locale]._automaton
        if isinstance(automaton, RustAutomaton):
            automaton.automaton.find_matches_as_indexes(folded, overlapping=True)
        else:
            list(automaton.iter(folded))
    return time.process_time() - started


def best_in_turns(measure, by_name, data):
    """The best of ROUNDS timings of each, taking turns, so that a busy moment hits all alike."""
    timings = {name: [] for name in by_name}
    for _ in range(ROUNDS):
        for name, by_locale in by_name.items():
            timings[name].append(measure(by_locale, data))
    return {name: min(seconds) for name, seconds in timings.items()}


def report(heading, count, best):
    baseline = best["pyahocorasick"]
    print(heading)
    for name, seconds in best.items():
        rate = count / seconds if seconds else float("inf")
        print(f"  {name:<26}{rate:>10,.0f} variants/s  ({seconds:.2f} s, {baseline / seconds:.2f} x pyahocorasick)")
        figure(f"matching, {count:,} variants: {heading.rstrip(':')} {name}", f"{rate:,.0f} variants/s")


def main():
    rng = random.Random(2027)  # as bench/checks.py: the same terms and texts
    terms = make_glossary_terms(rng)
    terms_by_locale = {}
    for term, locale, *_ in terms:
        terms_by_locale.setdefault(locale, []).append(term)
    variants = make_variants(rng, terms_by_locale)
    glossary = Glossary(terms)
    print(f"{len(variants):,} variants of bench/checks.py, {len(glossary):,} glossary terms, {len(MARKETS)} locales")
    if ahocorasick_rs is None:
        print("ahocorasick_rs is not installed (pip install ahocorasick_rs to compare); pyahocorasick alone.")

    by_name = {}
    for name, matcher_class in contenders().items():
        resident, started = resident_megabytes(), time.process_time()
        by_name[name] = matchers(matcher_class, glossary)
        seconds, grown = time.process_time() - started, resident_megabytes()
        memory = f", {grown - resident:.1f} MB more resident" if resident is not None else ""
        print(f"{name + ':':<28}automata built in {seconds:.2f} s{memory}")

    matches = 0
    for locale, _, _, fields in variants:
        found = by_name["pyahocorasick"][locale].find_in_fields(fields)
        for name, by_locale in by_name.items():
            if by_locale[locale].find_in_fields(fields) != found:
                raise SystemExit(f"{name} and pyahocorasick disagree on this {locale} copy: {fields!r}")
        matches += sum(len(field_matches) for field_matches in found.values())
    print(f"identical matches from all: {matches:,}")

    report("TermMatcher.find_in_fields:", len(variants), best_in_turns(through_matcher, by_name, variants))
    folded = [(locale, fold("\n".join(fields.values()), locale.split("-")[0])) for locale, _, _, fields in variants]
    report("the automaton's search alone:", len(variants), best_in_turns(search_alone, by_name, folded))


if __name__ == "__main__":
    main()
