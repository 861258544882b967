"""Copy left in the source language: the variant field is the source field, unchanged."""

import re

from localization.formatting import PLACEHOLDER_PATTERN

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FieldCheck, Severity, field_label

_WORD = re.compile(r"[^\W\d_]{2,}")


def _unchanged_fields(copy):
    """Each variant field that reads as its source field does, spaces at either end aside."""
    source = copy.source
    for field_name, text in copy.variant.items():
        source_text = source.get(field_name)
        if text and source_text and text.strip() == source_text.strip():
            yield field_name, text


class IdenticalToSource(FieldCheck):
    code = "identical_to_source"
    name = gettext_lazy("Same as the source")
    description = (
        "A field that reads exactly like the source in another language was most likely "
        "never adapted. Brand names and single words are left alone."
    )
    severity = Severity.WARNING

    def applies_to(self, copy):
        return copy.language != copy.source_language

    def may_find(self, copy):
        return next(_unchanged_fields(copy), None) is not None

    def findings(self, copy):
        for field_name, text in _unchanged_fields(copy):
            yield from self.field_findings(copy, field_name, text)

    def field_findings(self, copy, field_name, text):
        # One word ("Nike", "OK") may well be the same everywhere; a phrase is not.
        if len(_WORD.findall(PLACEHOLDER_PATTERN.sub(" ", text))) < 2:
            return
        yield self.finding(field_name, source=copy.source_locale, locale=copy.locale)

    def message(self, finding):
        return _("The %(field)s is the same as the %(source)s source; adapt it for %(locale)s.") % {
            **finding.params, "field": field_label(finding.field)
        }
