"""What every check shares: the copy it judges, the finding it reports, the Check base class."""

import enum
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping

from babel import Locale
from django.utils.functional import cached_property  # functools' takes a lock on each first use in 3.11
from django.utils.translation import gettext_lazy as _

from calendars.locales import UnknownLocale, parse_locale
from localization.formatting import PLACEHOLDER_PATTERN, PLACEHOLDERS

from .matching import JoinedFields, is_latin_1, keyword_matcher

if TYPE_CHECKING:  # the glossary and the topics are built on this module
    from .glossary import Glossary
    from .topics import SensitiveTopic, SensitiveTopics

# Search engines cut titles and descriptions past these widths.
SEO_LENGTH_LIMITS = {"seo_title": 60, "seo_description": 160}

_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"
# The names of the fields in messages, in the reader's language ("offer" is the campaign's offer
# in the market, for findings about its price and dates rather than about one copy field).
FIELD_LABELS = {
    "headline": _("headline"),
    "subheadline": _("subheadline"),
    "body": _("body"),
    "call_to_action": _("call to action"),
    "seo_title": _("SEO title"),
    "seo_description": _("SEO description"),
    "specifications": _("specifications"),
    "certifications": _("certifications"),
    "usage_scenes": _("usage scenes"),
    "image_alt": _("image descriptions"),
    "offer": _("offer"),
}
# Every check class by its code, so a stored finding can be worded again in any language.
_CHECK_CLASSES: dict[str, type["Check"]] = {}

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
    """One thing to fix in one field.

    Its identity is the check's ``code``, the ``field`` and the ``subject`` (the term, the
    placeholder, the mark: empty when the field as a whole is at fault), so a reviewer's
    acknowledgement outlives a reworded or translated message. ``params`` are the plain
    values the check's message is written from; ``message`` words it in the active language.
    """

    code: str
    severity: Severity
    field: str
    subject: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __init__(self, code: str, severity: Severity, field: str, subject: str = "", params: Mapping[str, Any] | None = None):
        # Frozen, so the fields are set through the instance's dict in one call: the __init__ that
        # dataclass writes for a frozen class calls object.__setattr__ once per field, which costs
        # four times as much, and checks make a finding for most copy saved.
        self.__dict__.update(code=code, severity=severity, field=field, subject=subject, params={} if params is None else params)

    @property
    def key(self) -> str:
        return finding_key(self.code, self.field, self.subject)

    @property
    def message(self) -> str:
        return message_for(self)

    def as_dict(self) -> dict:
        """The finding as stored (on the variant, in a Review): plain JSON, no wording."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "field": self.field,
            "subject": self.subject,
            "params": dict(self.params),
        }

    @classmethod
    def from_dict(cls, stored: Mapping) -> "Finding":
        return cls(
            stored["code"], Severity(stored["severity"]), stored["field"], stored.get("subject", ""), stored.get("params") or {}
        )


def finding_key(code: str, field_name: str, subject: str = "") -> str:
    """``caution_term:body:bequem``: names one finding, whatever the language it is read in."""
    return f"{code}:{field_name}:{subject}"


def check_name(code: str) -> str:
    """The check's name in the active language ("Caution term", 慎用术语), for a finding's heading."""
    check_class = _CHECK_CLASSES.get(code)
    return str(check_class.name) if check_class is not None else code


def message_for(finding: Finding) -> str:
    """The finding said in the active language, by the check that found it."""
    check_class = _CHECK_CLASSES.get(finding.code)
    if check_class is not None:
        try:
            return str(check_class().message(finding))
        except (KeyError, TypeError, ValueError):
            pass  # stored before its check took these params (see migration 0006): said as it was then
    return finding.params.get("message") or str(
        _("%(code)s in the %(field)s: %(subject)s") % {"code": finding.code, "field": field_label(finding.field), "subject": finding.subject}
    )


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
    # What the page fills the placeholders with in this market: None where the market has no
    # value for one ({occasion_date} where the occasion is not kept); not given (None) when
    # the copy is checked on its own, without a market's offer and calendar.
    placeholder_values: "Mapping[str, str | None] | None" = None
    # Why a placeholder has no value, by name: "not_observed", "no_date", "no_price" ...
    missing_value_reasons: Mapping[str, str] = field(default_factory=dict)
    # The occasion's name in the copy's language, "" when the calendar has none in it.
    occasion_local_name: str | None = None
    occasion_english_name: str = ""
    # The offer's dates in this market, where known.
    offer_ends_on: date | None = None
    occasion_starts_on: date | None = None
    last_order_date: date | None = None

    def __post_init__(self):
        # Blank model fields arrive as None; checks judge text, never None.
        self.variant = _plain_text(self.variant)
        self.source = _plain_text(self.source)
        # What the checks of every copy read, worked out here rather than as cached properties,
        # whose first reading costs a call each:
        # - the variant's language, which picks the checks that apply;
        self.language: str = _language(self.locale)
        # - every variant field in one string, for a check's first look at all the copy at once;
        self.variant_text: str = "\n".join(self.variant.values())
        # - whether every character is Latin-1 (below U+0100), as in most Western European
        #   copy: such text has no digits but 0 to 9, no wide characters and is in NFC, which
        #   saves looking characters up in the Unicode database.
        self.variant_is_latin_1: bool = is_latin_1(self.variant_text)

    @cached_property
    def babel_locale(self) -> Locale | None:
        """The CLDR locale of the variant, or None when the tag is not one."""
        return cldr_locale(self.locale)

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
        return self.glossary.find_in_fields(self.joined_variant, locale=self.locale, market=self.market)

    @cached_property
    def sensitive_topic_matches(self) -> dict:
        """The keywords of the market's sensitive topics in each variant field, found in the
        text the glossary's matcher folded."""
        topics = self.sensitive_topics
        if not topics:
            return {}
        # A plain list of SensitiveTopic has no matchers of its own: one is built for this copy.
        matcher = topics.matcher(self.language) if hasattr(topics, "matcher") else keyword_matcher(topics, self.language)
        return matcher.find_in_fields(self.joined_variant)

    @cached_property
    def joined_variant(self) -> JoinedFields:
        """The variant's fields joined, in NFC, folded once for every matcher that reads them
        (the glossary's and the sensitive topics')."""
        return JoinedFields(self.variant, self.variant_text, self.variant_is_latin_1)

    @cached_property
    def placeholders_as_source(self) -> frozenset[str] | None:
        """The names of the placeholders when the variant writes, field by field, the very
        placeholders of the source, each known and every brace in one, as nearly all copy
        does; None otherwise. Then no placeholder check finds anything but a placeholder
        without a value, settled from these names, and no field is scanned on its own.

        Settled by counting, not scanning: when the copy has as many braces of each kind as
        the source has placeholders, and each field has each of its source field's
        placeholders as often, every brace is in one of them (no two can share a brace)."""
        fields = self.variant
        expected = _source_placeholders(tuple(self.source.items()), tuple(fields))
        if expected is None:
            return None
        braces, written, names = expected
        text = self.variant_text
        if text.count("{") != braces or text.count("}") != braces:
            return None
        for field_name, placeholder, times in written:
            if fields[field_name].count(placeholder) != times:
                return None
        return names

    @cached_property
    def placeholders_written(self) -> list[str]:
        """The names of the well-formed placeholders in the variant, in order, repeats kept."""
        return [name for names in self.placeholders_by_field.values() for name in names]

    @cached_property
    def placeholders_by_field(self) -> dict[str, list[str]]:
        """Each field's placeholder names, in order (fields without one left out): one scan
        per field, shared by every placeholder check."""
        return {name: PLACEHOLDER_PATTERN.findall(text) for name, text in self.variant.items() if "{" in text}

    @cached_property
    def has_digits(self) -> bool:
        """Whether any variant field has a digit, as every typed price and date does."""
        if self.variant_is_latin_1:
            return has_ascii_digit(self.variant_text)
        return _DIGIT.search(self.variant_text) is not None


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

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            _CHECK_CLASSES[cls.code] = cls

    def applies_to(self, copy: CopyUnderCheck) -> bool:
        return self.languages is None or copy.language in self.languages

    def may_find(self, copy: CopyUnderCheck) -> bool:
        """A cheap first look at the whole copy: False when ``findings`` would find nothing.

        ``run_checks`` asks it before ``findings``. Most copy is clean, so a check that rules
        out all six fields with one ``in``, one regex search over ``copy.variant_text`` or one
        comparison saves looking at each (and the generator ``findings`` would be). True when
        unsure: ``findings`` alone is always complete.
        """
        return True

    def findings(self, copy: CopyUnderCheck) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, field_name: str, subject: str = "", severity: Severity | None = None, **params) -> Finding:
        """A finding of this check; ``params`` are what ``message`` needs, as plain JSON values."""
        return Finding(self.code, severity or self.severity, field_name, subject, params)

    def message(self, finding: Finding) -> str:
        """What to fix, in the active language, written from ``finding.params``: wording is
        done only when someone reads it, so the checks themselves stay fast."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


class FieldCheck(Check):
    """A check that judges each field of the variant on its own."""

    def findings(self, copy: CopyUnderCheck) -> Iterable[Finding]:
        for field_name, text in copy.variant.items():
            if text:
                yield from self.field_findings(copy, field_name, text)

    def field_findings(self, copy: CopyUnderCheck, field_name: str, text: str) -> Iterable[Finding]:
        raise NotImplementedError


@lru_cache(maxsize=1024)
def _source_placeholders(source: tuple[tuple[str, str], ...], fields: tuple[str, ...]):
    """For ``CopyUnderCheck.placeholders_as_source``: how many placeholders the source has in
    the variant's fields, each field's placeholders as written (``"{price}"``) with how often,
    and their names; None when the source lacks one of the fields or has an unknown
    placeholder. Kept: every variant of a campaign has the same source."""
    texts = dict(source)
    if not all(name in texts for name in fields):
        return None
    written = []
    for field_name in fields:
        found = PLACEHOLDER_PATTERN.findall(texts[field_name])
        written.extend((field_name, "{%s}" % name, found.count(name)) for name in dict.fromkeys(found))
    names = frozenset(placeholder[1:-1] for _field_name, placeholder, _times in written)
    if not names <= PLACEHOLDERS:
        return None
    return sum(times for *_rest, times in written), tuple(written), names


def has_ascii_digit(text: str) -> bool:
    """Whether the text has a digit 0 to 9: ten substring searches, far faster than ``\\d``,
    which looks each character up in the Unicode database. Below U+0100 these are the only
    decimal digits; elsewhere ``\\d`` finds the others (٣, ३, ３) too."""
    for digit in _ASCII_DIGITS:
        if digit in text:
            return True
    return False


def field_label(field_name: str) -> str:
    """``call_to_action`` -> ``call to action`` (行动号召 in Chinese), for messages."""
    label = FIELD_LABELS.get(field_name)
    return str(label) if label is not None else field_name.replace("_", " ")


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
    for text in fields.values():
        if type(text) is not str:
            break
    else:
        return fields  # already plain text: no copy (the source is shared by a campaign's copies)
    return {
        str(name): text if isinstance(text, str) else "" if text is None else str(text) for name, text in fields.items()
    }


def cldr_locale(tag: str) -> Locale | None:
    """The Babel locale of a BCP 47 tag, or None when it is not one; checks never raise."""
    try:
        return parse_locale(tag)
    except (UnknownLocale, ValueError, TypeError, AttributeError):
        return None


@lru_cache(maxsize=512)
def _language(tag: str) -> str:
    locale = cldr_locale(tag)
    if locale is not None:
        return locale.language
    return str(tag or "").replace("_", "-").split("-")[0].lower()
