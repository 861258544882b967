"""Placeholders ({price}, {occasion_date} ...): the same as the source, known, and well formed."""

import difflib
import re
from functools import lru_cache

from localization.formatting import PLACEHOLDER_PATTERN, PLACEHOLDERS

from .base import Check, FieldCheck, Severity, excerpt, field_label

_KNOWN = ", ".join("{%s}" % name for name in sorted(PLACEHOLDERS))
# Well-formed placeholders are matched (and skipped) first; group 1 is a broken one: braces
# around something that is not a name, an opening brace left open, or a closing one alone.
_BROKEN_PLACEHOLDER = re.compile(r"\{[^{}\s]+\}|(\{[^{}\n]{0,30}\}|\{[^{}\s]{0,20}|[^{}\s]{0,20}\})")


def _names_in(text: str) -> frozenset[str]:
    return frozenset(PLACEHOLDER_PATTERN.findall(text)) if "{" in text else frozenset()


@lru_cache(maxsize=1024)
def placeholder_names(source_text: str) -> frozenset[str]:
    """The placeholders of a source field, kept: every variant of a campaign is compared with it."""
    return _names_in(source_text)


def _listed(names) -> str:
    return ", ".join("{%s}" % name for name in sorted(names))


class PlaceholdersDiffer(Check):
    code = "placeholders_differ"
    name = "Placeholders differ from the source"
    description = (
        "A placeholder the source has but the variant lacks leaves the price or date off "
        "the page; one the source lacks puts something there the brief never asked for."
    )
    severity = Severity.ERROR

    def findings(self, copy):
        # One plain loop: this runs on every field of every copy, and nearly always agrees.
        for field_name, text in copy.variant.items():
            source_text = copy.source.get(field_name)
            if not text or source_text is None:
                continue
            expected = placeholder_names(source_text) & PLACEHOLDERS
            used = _names_in(text) & PLACEHOLDERS
            if used != expected:
                yield from self.differences(field_name, expected, used)

    def differences(self, field_name, expected, used):
        label = field_label(field_name)
        if missing := expected - used:
            yield self.finding(
                field_name,
                "The %(field)s lacks %(missing)s, which the source uses; put %(them)s where the market "
                "should see %(what)s."
                % {
                    "field": label,
                    "missing": _listed(missing),
                    "them": "it" if len(missing) == 1 else "them",
                    "what": "it" if len(missing) == 1 else "them",
                },
            )
        if extra := used - expected:
            yield self.finding(
                field_name,
                "The %(field)s uses %(extra)s, which the source does not; remove %(them)s or ask the "
                "campaign manager to add %(them)s to the source."
                % {
                    "field": label,
                    "extra": _listed(extra),
                    "them": "it" if len(extra) == 1 else "them",
                },
            )


class UnknownPlaceholder(FieldCheck):
    code = "unknown_placeholder"
    name = "Unknown placeholder"
    description = "Only the known placeholders are filled in; any other would show on the page as written."
    severity = Severity.ERROR

    def may_find(self, copy):
        return not PLACEHOLDERS.issuperset(copy.placeholders_written)

    def field_findings(self, copy, field_name, text):
        for name in sorted(_names_in(text) - PLACEHOLDERS):
            close = difflib.get_close_matches(name.casefold(), PLACEHOLDERS, n=1, cutoff=0.6)
            hint = "write {%s}" % close[0] if close else "use one of %s" % _KNOWN
            yield self.finding(
                field_name,
                "The %(field)s uses {%(name)s}, which is not a placeholder Glocal fills in; %(hint)s."
                % {"field": field_label(field_name), "name": name, "hint": hint},
            )


class BrokenPlaceholder(FieldCheck):
    code = "broken_placeholder"
    name = "Broken placeholder"
    description = "A placeholder missing a brace, or with spaces inside, shows on the page as written."
    severity = Severity.ERROR

    def may_find(self, copy):
        # Every brace belongs to a well-formed placeholder when the counts agree.
        text = copy.variant_text
        written = len(copy.placeholders_written)
        return text.count("{") != written or text.count("}") != written

    def field_findings(self, copy, field_name, text):
        if "{" not in text and "}" not in text:
            return
        quoted = set()
        for match in _BROKEN_PLACEHOLDER.finditer(text):
            if match.group(1) is None:
                continue
            fragment = excerpt(text, match.start(1), match.end(1), around=6)
            if fragment in quoted:
                continue
            quoted.add(fragment)
            name = match.group(1).strip("{} ").casefold()
            hint = "write {%s}" % name if name in PLACEHOLDERS else "write placeholders as {name}, such as {price}"
            yield self.finding(
                field_name,
                'The %(field)s has a broken placeholder in "%(fragment)s"; %(hint)s, with both braces '
                "and no spaces." % {"field": field_label(field_name), "fragment": fragment, "hint": hint},
            )
