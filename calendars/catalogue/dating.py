"""Dating the catalogue straight from its data, without a database: for its tests and the rules benchmark.

The same steps as calendars.occurrences.Planner (the market's rule or the default, relative rules
resolved in the same market, then the market's shift), on the catalogue's dicts instead of rows.
"""
from calendars.rules import build_rule

from .occasions import OCCASIONS

BY_SLUG = {occasion["slug"]: occasion for occasion in OCCASIONS}


def span_in_market(slug, market, year):
    occasion = BY_SLUG[slug]
    override = occasion["markets"].get(market) or {}
    rule = build_rule(override.get("rule") or occasion["rule"])
    span = rule.span(year, occasion["duration_days"], resolve=lambda other, other_year: span_in_market(other, market, other_year))
    return span.shifted(override.get("shift_days", 0)) if span else None
