"""Placeholders ({price}, {occasion_date} ...): the same as the source, known, well formed,
and with a value in the market."""

import difflib
import re
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    """The known placeholders of a source field, kept: every variant of a campaign is compared with it."""
    return _names_in(source_text) & PLACEHOLDERS


# Why a market has no value for a placeholder, where that is the market's nature rather than something
# to set: an occasion it does not keep (Saudi Arabia and Valentine's Day), none dated, no old price. Its
# copy may leave such a placeholder out; a price, discount or end date not set yet is to be set instead.
MAY_LEAVE_OUT = frozenset({"not_observed", "no_date", "no_occasion", "no_old_price"})


def left_out_in_market(copy) -> frozenset[str]:
    """The placeholders the copy's market may leave out (see MAY_LEAVE_OUT); none when no market is known."""
    values = copy.placeholder_values
    if values is None:
        return frozenset()
    reasons = copy.missing_value_reasons
    found = {name for name, reason in reasons.items() if reason in MAY_LEAVE_OUT and values.get(name) is None}
    if "not_observed" in reasons.values():
        found.add("occasion")  # nor need it name an occasion its shoppers do not keep
    return frozenset(found)


def _listed(names) -> str:
    return ", ".join("{%s}" % name for name in sorted(names))


class PlaceholdersDiffer(Check):
    code = "placeholders_differ"
    name = gettext_lazy("Placeholders differ from the source")
    description = (
        "A placeholder the source has but the variant lacks leaves the price or date off "
        "the page; one the source lacks puts something there the brief never asked for."
    )
    severity = Severity.ERROR

    def may_find(self, copy):
        return copy.placeholders_as_source is None

    def findings(self, copy):
        written = copy.placeholders_by_field
        optional = left_out_in_market(copy)
        for field_name, text in copy.variant.items():
            source_text = copy.source.get(field_name)
            if not text or source_text is None:
                continue
            expected = placeholder_names(source_text)
            used = frozenset(written.get(field_name, ())) & PLACEHOLDERS
            expected -= optional - used  # the market has nothing to show for these: its copy may leave them out
            if used != expected:
                for name in sorted(expected - used):
                    yield self.finding(field_name, name, missing=True)
                for name in sorted(used - expected):
                    yield self.finding(field_name, name, missing=False)

    def message(self, finding):
        values = {"field": field_label(finding.field), "placeholder": "{%s}" % finding.subject}
        if finding.params.get("missing"):
            return _(
                "The %(field)s lacks %(placeholder)s, which the source uses; put it where the market should see it."
            ) % values
        return _(
            "The %(field)s uses %(placeholder)s, which the source does not; remove it or ask the campaign manager "
            "to add it to the source."
        ) % values


class UnknownPlaceholder(FieldCheck):
    code = "unknown_placeholder"
    name = gettext_lazy("Unknown placeholder")
    description = "Only the known placeholders are filled in; any other would show on the page as written."
    severity = Severity.ERROR

    def may_find(self, copy):
        return copy.placeholders_as_source is None and not PLACEHOLDERS.issuperset(copy.placeholders_written)

    def field_findings(self, copy, field_name, text):
        for name in sorted(frozenset(copy.placeholders_by_field.get(field_name, ())) - PLACEHOLDERS):
            close = difflib.get_close_matches(name.casefold(), PLACEHOLDERS, n=1, cutoff=0.6)
            yield self.finding(field_name, name, close=close[0] if close else "")

    def message(self, finding):
        values = {"field": field_label(finding.field), "placeholder": "{%s}" % finding.subject}
        if finding.params.get("close"):
            values["suggestion"] = "{%s}" % finding.params["close"]
            return _("The %(field)s uses %(placeholder)s, which is not a placeholder Glocal fills in; write %(suggestion)s.") % values
        values["known"] = _KNOWN
        return _(
            "The %(field)s uses %(placeholder)s, which is not a placeholder Glocal fills in; use one of %(known)s."
        ) % values


class BrokenPlaceholder(FieldCheck):
    code = "broken_placeholder"
    name = gettext_lazy("Broken placeholder")
    description = "A placeholder missing a brace, or with spaces inside, shows on the page as written."
    severity = Severity.ERROR

    def may_find(self, copy):
        if copy.placeholders_as_source is not None:
            return False
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
            yield self.finding(field_name, fragment, meant=name if name in PLACEHOLDERS else "")

    def message(self, finding):
        values = {"field": field_label(finding.field), "fragment": finding.subject}
        if finding.params.get("meant"):
            values["placeholder"] = "{%s}" % finding.params["meant"]
            return _(
                'The %(field)s has a broken placeholder in "%(fragment)s"; write %(placeholder)s, with both braces '
                "and no spaces."
            ) % values
        return _(
            'The %(field)s has a broken placeholder in "%(fragment)s"; write placeholders as {name}, such as {price}, '
            "with both braces and no spaces."
        ) % values


class PlaceholderWithoutValue(Check):
    code = "placeholder_without_value"
    name = gettext_lazy("Placeholder without a value")
    description = (
        "A placeholder the market has nothing to fill in with (a date of an occasion the market does not "
        "keep, a price not set for the market) would show on the page as written."
    )
    severity = Severity.ERROR

    def applies_to(self, copy):
        return copy.placeholder_values is not None

    def may_find(self, copy):
        values = copy.placeholder_values
        names = copy.placeholders_as_source
        for name in copy.placeholders_written if names is None else names:
            if values.get(name) is None and name in PLACEHOLDERS:
                return True
        return False

    def findings(self, copy):
        values = copy.placeholder_values
        if copy.placeholders_as_source is not None:
            # Each field writes its source field's placeholders: their names are known, kept per source text.
            by_field = ((field_name, placeholder_names(copy.source[field_name])) for field_name in copy.variant)
        else:
            by_field = ((field_name, frozenset(names) & PLACEHOLDERS) for field_name, names in copy.placeholders_by_field.items())
        for field_name, names in by_field:
            for name in sorted(names):
                if values.get(name) is None:
                    yield self.finding(
                        field_name, name, reason=copy.missing_value_reasons.get(name, ""), market=copy.market or copy.locale
                    )

    def message(self, finding):
        values = {
            "field": field_label(finding.field),
            "placeholder": "{%s}" % finding.subject,
            "market": finding.params.get("market", ""),
        }
        reasons = {
            "not_observed": _("%(market)s does not keep the campaign's occasion, so there is no date to show"),
            "no_date": _("the calendar has no coming date of the occasion in %(market)s"),
            "no_occasion": _("the campaign has no occasion"),
            "no_price": _("the campaign has no price for %(market)s; set it in the campaign's market row"),
            "no_old_price": _("the campaign has no old price for %(market)s; set it in the campaign's market row"),
            "no_discount": _("the campaign has no discount; set it on the campaign"),
            "no_campaign_end": _("the offer has no end date in %(market)s; set it in the market's row of the campaign (or the campaign's default end)"),
        }
        reason = reasons.get(finding.params.get("reason"))
        values["reason"] = (reason % values) if reason else _("%(market)s has no value for it") % values
        return _("The %(field)s uses %(placeholder)s, but %(reason)s. Rewrite the sentence without it.") % values
