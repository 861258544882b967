"""HTML in copy: only a few inline tags, with no attributes, survive to the landing page."""

import html
import re

import nh3

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from .base import FieldCheck, Severity, field_label

# Emphasis and line breaks are the copywriter's; layout, links and scripts are the template's.
ALLOWED_TAGS = frozenset({"b", "strong", "i", "em", "br", "small", "sup", "sub"})

_TAG_NAME = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_SELF_CLOSING_BREAK = re.compile(r"<br\s*/\s*>")
_ALLOWED_LIST = ", ".join("<%s>" % tag for tag in sorted(ALLOWED_TAGS))


def sanitized(text: str) -> str:
    """The copy as the landing page will carry it: nh3 keeps the allowed tags and text."""
    return nh3.clean(text, tags=set(ALLOWED_TAGS), attributes={}, link_rel=None)


class DisallowedMarkup(FieldCheck):
    code = "disallowed_markup"
    name = gettext_lazy("Markup not allowed")
    description = (
        "Copy is published as HTML: anything beyond a few inline tags would be stripped on "
        "export (so the page would differ from what was approved) or could break the page."
    )
    severity = Severity.ERROR

    def may_find(self, copy):
        return "<" in copy.variant_text

    def field_findings(self, copy, field_name, text):
        if "<" not in text:
            return
        # nh3 escapes "&" and "<" it keeps as text and writes <br/> as <br>; neither is a change.
        written = html.unescape(_SELF_CLOSING_BREAK.sub("<br>", text))
        if html.unescape(sanitized(text)) == written:
            return
        tags = sorted({name.lower() for name in _TAG_NAME.findall(text)} - ALLOWED_TAGS)
        yield self.finding(field_name, ",".join(tags), tags=tags)

    def message(self, finding):
        tags = finding.params.get("tags") or []
        values = {"field": field_label(finding.field), "tags": ", ".join("<%s>" % tag for tag in tags), "allowed": _ALLOWED_LIST}
        if tags:
            return ngettext(
                "The %(field)s has %(tags)s, which copy may not contain; remove it. Copy may use only %(allowed)s.",
                "The %(field)s has %(tags)s, which copy may not contain; remove them. Copy may use only %(allowed)s.",
                len(tags),
            ) % values
        return _(
            "The %(field)s has markup that would change when published (an attribute, an unclosed tag, capitals or a "
            "comment); use only %(allowed)s, lower case, without attributes, each closed."
        ) % values
