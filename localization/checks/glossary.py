"""The glossary: words each market must not see, should see with care, or should see instead.

A term is a tuple ``(term, locale, market, kind, suggestion, note)``:

- ``forbidden``: ``term`` must not appear in the locale's copy; ``suggestion`` says what
  to write instead, ``note`` why ("bequem" reads as "lazy" to German shoppers).
- ``caution``: ``term`` may appear, but the reviewer must confirm it reads well.
- ``preferred``: where the source says ``term``, the locale's copy says ``suggestion``
  ("comfortable" -> "gemütlich" in de-DE).

``locale`` is a BCP 47 tag; a bare language (``de``) covers every market of it.
``market`` (an ISO 3166 code) narrows a term to one market; None means every market.
"""

import enum
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calendars.locales import UnknownLocale, canonical_tag

from .base import Check, Severity, field_label
from .matching import Match, TermMatcher, contains_phrase, fold


class TermKind(enum.StrEnum):
    PREFERRED = "preferred"
    CAUTION = "caution"
    FORBIDDEN = "forbidden"


# The kinds looked for in the variant; preferred terms are looked for in the source.
_VARIANT_KINDS = (TermKind.FORBIDDEN, TermKind.CAUTION)
_KEPT_SOURCES = 1024


class Term(NamedTuple):
    """One glossary entry, in the shape ``GlossaryTerm.objects.values_list(...)`` gives."""

    term: str
    locale: str
    market: str | None
    kind: str
    suggestion: str = ""
    note: str = ""


@lru_cache(maxsize=1024)
def _canonical(tag: str) -> str:
    try:
        return canonical_tag(tag)
    except (UnknownLocale, ValueError, TypeError, AttributeError):
        return str(tag)


def _language_of(tag: str) -> str:
    return tag.split("-")[0].lower()


# Languages whose adjectives and nouns take endings, so a preferred word may be written inflected.
INFLECTING_LANGUAGES = frozenset({"de", "nl", "pl", "cs", "ru", "uk", "es", "pt", "fr", "it", "ro", "tr", "fi", "hu", "sv", "da", "nb"})


class Glossary:
    """All glossary terms, matched with one automaton per locale.

    Build it once (for instance when the glossary changes) and ask it for every copy:
    building is the slow part, matching a field takes microseconds however many terms
    there are.
    """

    def __init__(self, terms: Iterable[tuple]):
        self._terms_by_locale: dict[str, list[Term]] = {}
        for entry in terms:
            term = entry if isinstance(entry, Term) else Term(*entry)
            try:
                kind = TermKind(term.kind)
            except ValueError:
                raise ValueError(
                    f"Glossary term {term.term!r} has kind {term.kind!r}; use preferred, caution or forbidden."
                ) from None
            locale = canonical_tag(term.locale)
            market = term.market.upper() if term.market else None
            self._terms_by_locale.setdefault(locale, []).append(term._replace(locale=locale, market=market, kind=kind))
        self._matchers: dict[str, TermMatcher] = {}
        self._preferred_in_sources: dict[tuple, dict[str, list[Match]]] = {}

    def __len__(self) -> int:
        return sum(len(terms) for terms in self._terms_by_locale.values())

    def terms_for(self, locale: str) -> list[Term]:
        """The terms that apply in a locale: its own and its language's."""
        tag = _canonical(locale)
        language = _language_of(tag)
        terms = list(self._terms_by_locale.get(tag, ()))
        if language != tag:
            terms.extend(self._terms_by_locale.get(language, ()))
        return terms

    def matcher(self, locale: str) -> TermMatcher:
        """The one automaton of a locale, built the first time it is asked for."""
        tag = _canonical(locale)
        matcher = self._matchers.get(tag)
        if matcher is None:
            matcher = TermMatcher(((term.term, term) for term in self.terms_for(tag)), language=_language_of(tag))
            self._matchers[tag] = matcher
        return matcher

    def find(self, text: str, *, locale: str, market: str | None = None, kinds=_VARIANT_KINDS) -> list[Match]:
        """The terms of the given kinds in ``text``; each match's payload is its ``Term``."""
        return self._applicable(self.matcher(locale).find(text), market, kinds)

    def find_in_fields(
        self, fields: Mapping[str, str], *, locale: str, market: str | None = None, kinds=_VARIANT_KINDS
    ) -> dict[str, list[Match]]:
        """``find`` for every field of a copy, in one pass of the automaton; fields
        without a match are left out."""
        found = self.matcher(locale).find_in_fields(fields)
        if not found:
            return found
        applicable = {name: self._applicable(matches, market, kinds) for name, matches in found.items()}
        return {name: matches for name, matches in applicable.items() if matches}

    def preferred_in_source(
        self, source: Mapping[str, str], *, locale: str, market: str | None = None
    ) -> dict[str, list[Match]]:
        """The preferred terms in each field of a campaign's source.

        Every variant of a campaign has the same source, so the answer is kept (for the
        last thousand or so sources, locales and markets asked about).
        """
        key = (locale, market, tuple(source.items()))
        found = self._preferred_in_sources.get(key)
        if found is None:
            if len(self._preferred_in_sources) >= _KEPT_SOURCES:
                self._preferred_in_sources.clear()
            found = self.find_in_fields(source, locale=locale, market=market, kinds=(TermKind.PREFERRED,))
            self._preferred_in_sources[key] = found
        return found

    @staticmethod
    def _applicable(matches: list[Match], market: str | None, kinds) -> list[Match]:
        if not matches:
            return matches
        market = market.upper() if market else None
        return [
            match
            for match in matches
            if match.payload.kind in kinds and (match.payload.market is None or match.payload.market == market)
        ]

    def uses(self, text: str, phrase: str, *, locale: str) -> bool:
        """Whether ``phrase`` stands in ``text`` as a word, by the locale's rules; in languages that
        inflect, with any ending ("ein gemütliches Sofa" uses "gemütlich")."""
        language = _language_of(_canonical(locale))
        return contains_phrase(text, phrase, language=language, allow_endings=language in INFLECTING_LANGUAGES)


def _reason(note: str) -> str:
    return note.rstrip(". ") if note else ""


class _VariantTermCheck(Check):
    """Reports each term of one kind found in the variant, once per field and term."""

    kind: TermKind

    def may_find(self, copy):
        return bool(copy.glossary_matches)

    def findings(self, copy):
        for field_name, matches in copy.glossary_matches.items():
            reported = set()
            for match in matches:
                term = match.payload
                if term.kind != self.kind:
                    continue
                subject = fold(term.term)
                if subject in reported:
                    continue
                reported.add(subject)
                yield self.finding(
                    field_name,
                    subject,
                    written=match.text,
                    locale=copy.locale,
                    note=_reason(term.note),
                    suggestion=term.suggestion,
                )


class ForbiddenTerm(_VariantTermCheck):
    code = "forbidden_term"
    name = gettext_lazy("Forbidden term")
    description = "A word the market's reviewers have ruled out: it offends, misleads or reads wrongly there."
    severity = Severity.ERROR
    kind = TermKind.FORBIDDEN

    def message(self, finding):
        # One sentence per case, so that each language joins its parts as it punctuates.
        params = {**finding.params, "field": field_label(finding.field)}
        if params.get("note") and params.get("suggestion"):
            return _(
                'The %(field)s uses "%(written)s", which is forbidden in %(locale)s: %(note)s. Write "%(suggestion)s" instead.'
            ) % params
        if params.get("note"):
            return _('The %(field)s uses "%(written)s", which is forbidden in %(locale)s: %(note)s. Rephrase without it.') % params
        if params.get("suggestion"):
            return _('The %(field)s uses "%(written)s", which is forbidden in %(locale)s. Write "%(suggestion)s" instead.') % params
        return _('The %(field)s uses "%(written)s", which is forbidden in %(locale)s. Rephrase without it.') % params


class CautionTerm(_VariantTermCheck):
    code = "caution_term"
    name = gettext_lazy("Caution term")
    description = "A word that can read wrongly in the market; the reviewer confirms it works in context."
    severity = Severity.WARNING
    kind = TermKind.CAUTION

    def message(self, finding):
        params = {**finding.params, "field": field_label(finding.field)}
        if params.get("note") and params.get("suggestion"):
            return _(
                'The %(field)s uses "%(written)s", a caution term in %(locale)s (%(note)s); make sure it reads well '
                'here. Consider "%(suggestion)s".'
            ) % params
        if params.get("note"):
            return _(
                'The %(field)s uses "%(written)s", a caution term in %(locale)s (%(note)s); make sure it reads well here.'
            ) % params
        if params.get("suggestion"):
            return _(
                'The %(field)s uses "%(written)s", a caution term in %(locale)s; make sure it reads well here. '
                'Consider "%(suggestion)s".'
            ) % params
        return _('The %(field)s uses "%(written)s", a caution term in %(locale)s; make sure it reads well here.') % params


class PreferredTermMissing(Check):
    code = "preferred_term_missing"
    name = gettext_lazy("Preferred term not used")
    description = "Where the source uses a term, the market's copy uses the wording its reviewers chose for it."
    severity = Severity.WARNING

    def may_find(self, copy):
        glossary = copy.glossary
        return glossary is not None and bool(glossary.preferred_in_source(copy.source, locale=copy.locale, market=copy.market))

    def findings(self, copy):
        glossary = copy.glossary
        if glossary is None:
            return
        in_source = glossary.preferred_in_source(copy.source, locale=copy.locale, market=copy.market)
        for field_name, matches in in_source.items():
            if not matches:
                continue
            text = copy.variant.get(field_name, "")
            reported = set()
            for match in matches:
                term = match.payload
                if not term.suggestion or term.suggestion in reported:
                    continue
                if glossary.uses(text, term.suggestion, locale=copy.locale):
                    continue
                reported.add(term.suggestion)
                yield self.finding(
                    field_name,
                    fold(term.suggestion),
                    source=match.text,
                    locale=copy.locale,
                    preferred=term.suggestion,
                    note=_reason(term.note),
                )

    def message(self, finding):
        params = {**finding.params, "field": field_label(finding.field)}
        if params.get("note"):
            return _('The source %(field)s says "%(source)s"; in %(locale)s write "%(preferred)s" (%(note)s).') % params
        return _('The source %(field)s says "%(source)s"; in %(locale)s write "%(preferred)s".') % params
