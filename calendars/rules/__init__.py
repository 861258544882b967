"""Date rules: when an occasion falls in a given year, per calendar system.

The rest of Glocal asks here and nowhere else::

    rule = build_rule({"kind": "hijri", "month": 9, "whole_month": True})
    rule.span(2025)  # Span(2025-03-01, 2025-03-29, estimated=True, source="hijridate Umm al-Qura")
"""
from .base import DateRule, Resolver, RuleError, Span
from .registry import RULE_KINDS, build_rule, validate_rule

__all__ = ["DateRule", "RULE_KINDS", "Resolver", "RuleError", "Span", "build_rule", "validate_rule"]
