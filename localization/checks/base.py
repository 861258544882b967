"""What every check shares: the copy it judges, the finding it reports, the Check base class."""

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Iterable, Mapping

from babel import Locale
from django.utils.functional import cached_property  # functools' takes a lock on each first use in 3.11

from calendars.locales import UnknownLocale, parse_locale
from localization.formatting import PLACEHOLDER_PATTERN

if TYPE_CHECKING:  # the glossary and the topics are built on this module
    from .glossary import Glossary
    from .sensitive import SensitiveTopic, SensitiveTopics

# Search engines cut titles and descriptions past these widths.
SEO_LENGTH_LIMITS = {"seo_title": 60, "seo_description": 160}

_DIGIT = re.compile(r"\d")
_FIELD_LABELS = {"seo_title": "SEO title", "seo_description": "SEO description"}

# What is not prose in any language: web and e-mail addresses, markup, placeholders.
_NOT_PROSE = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|<[^<>]*>|" + PLACEHOLDER_PATTERN.pattern
)


class Severity(enum.StrEnum):
    """An error blocks approval; a warning needs the reviewer's acknowledgement."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing to fix in one field, said so that the copywriter knows what to do."""

    code: str
    severity: Severity
    field: str
    message: str


@dataclass(kw_only=True, eq=False)
class CopyUnderCheck:
    """One market's copy of one campaign, as plain data, with what the checks need to know.

    ``source`` and ``variant`` map field names (``headline``, ``seo_title`` ...) to text.
    ``length_limits`` maps field names to the widest each may be, in display columns.
    ``glossary`` is a ``Glossary`` and ``sensitive_topics`` a ``SensitiveTopics`` (or a
    list of ``SensitiveTopic``); build both once per market and pass them to every copy.
    """

    locale: str
    variant: Mapping[str, str]
    source: Mapping[str, str] = field(default_factory=dict)
    source_locale: str = "en"
    campaign: str = ""
    market: str = ""
    currency: str = ""
    length_limits: Mapping[str, int] = field(default_factory=lambda: dict(SEO_LENGTH_LIMITS))
    sensitive_topics: "SensitiveTopics | Iterable[SensitiveTopic]" = ()
    glossary: "Glossary | None" = None

    def __post_init__(self):
        # Blank model fields arrive as None; checks judge text, never None.
        self.variant = _plain_text(self.variant)
        self.source = _plain_text(self.source)

    @cached_property
    def babel_locale(self) -> Locale | None:
        """The CLDR locale of the variant, or None when the tag is not one."""
        return cldr_locale(self.locale)

    @cached_property
    def language(self) -> str:
        return _language(self.locale)

    @cached_property
    def source_language(self) -> str:
        return _language(self.source_locale)

    @cached_property
    def territory(self) -> str:
        locale = self.babel_locale
        return (locale.territory or "") if locale else ""

    @cached_property
    def glossary_matches(self) -> dict:
        """The glossary terms in each variant field: one automaton pass, shared by the checks."""
        if self.glossary is None:
            return {}
        return self.glossary.find_in_fields(self.variant, locale=self.locale, market=self.market)

    @cached_property
    def placeholders_written(self) -> list[str]:
        """The names of the well-formed placeholders in the variant, in order, repeats kept."""
        text = self.variant_text
        return PLACEHOLDER_PATTERN.findall(text) if "{" in text else []

    @cached_property
    def has_digits(self) -> bool:
        """Whether any variant field has a digit, as every typed price and date does."""
        return _DIGIT.search(self.variant_text) is not None

    @cached_property
    def variant_text(self) -> str:
        """Every variant field in one string, for a check's first look at all the copy at once."""
        return "\n".join(self.variant.values())


class Check:
    """One rule that copy must follow. Adding a check is adding a subclass to CHECKS.

    ``code`` identifies the check in findings and settings; ``name`` and ``description``
    are shown to people. ``languages`` limits a check to some languages (None: all).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    languages: ClassVar[frozenset[str] | None] = None

    def applies_to(self, copy: CopyUnderCheck) -> bool:
        return self.languages is None or copy.language in self.languages

    def findings(self, copy: CopyUnderCheck) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, field_name: str, message: str, severity: Severity | None = None) -> Finding:
        return Finding(self.code, severity or self.severity, field_name, message)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


class FieldCheck(Check):
    """A check that judges each field of the variant on its own."""

    def findings(self, copy: CopyUnderCheck) -> Iterable[Finding]:
        if not self.may_find(copy):
            return
        for field_name, text in copy.variant.items():
            if text:
                yield from self.field_findings(copy, field_name, text)

    def may_find(self, copy: CopyUnderCheck) -> bool:
        """A cheap first look at all fields at once (``copy.variant_text``): False when
        no field can have a finding.

        Most copy is clean, so a check that rules out all six fields with one ``in`` or
        one regex search saves looking at each.
        """
        return True

    def field_findings(self, copy: CopyUnderCheck, field_name: str, text: str) -> Iterable[Finding]:
        raise NotImplementedError


def field_label(field_name: str) -> str:
    """``call_to_action`` -> ``call to action``, for messages."""
    return _FIELD_LABELS.get(field_name, field_name.replace("_", " "))


def excerpt(text: str, start: int, end: int, around: int = 12) -> str:
    """The part of ``text`` around ``text[start:end]``, to quote in a message."""
    before = max(0, start - around)
    after = min(len(text), end + around)
    return ("…" if before else "") + text[before:after].strip() + ("…" if after < len(text) else "")


def prose(text: str) -> str:
    """The text as a reader sees its wording, for checks of punctuation and script.

    Markup goes (``<b>Neu</b>!`` reads ``Neu!``); an address or a placeholder becomes one
    neutral letter, since it stands on the page as a word.
    """
    if "<" in text or "{" in text or "@" in text or "/" in text or "www." in text:
        return _NOT_PROSE.sub(_stand_in, text)
    return text


def _stand_in(match: re.Match) -> str:
    return "" if match.group(0).startswith("<") else "X"


def _plain_text(fields) -> dict[str, str]:
    if not fields:
        return {}
    return {
        str(name): text if isinstance(text, str) else "" if text is None else str(text) for name, text in fields.items()
    }


def cldr_locale(tag: str) -> Locale | None:
    """The Babel locale of a BCP 47 tag, or None when it is not one; checks never raise."""
    try:
        return parse_locale(tag)
    except (UnknownLocale, ValueError, TypeError, AttributeError):
        return None


def _language(tag: str) -> str:
    locale = cldr_locale(tag)
    if locale is not None:
        return locale.language
    return str(tag or "").replace("_", "-").split("-")[0].lower()
