"""Topics a market handles with care (alcohol, pork, revealing clothing in the Gulf)."""

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Check, Severity, field_label
from .matching import Match, TermMatcher, fold


@dataclass(frozen=True, eq=False)
class SensitiveTopic:
    """A topic and the words that raise it, per language: ``{"ar": ["خمر"], "en": ["wine"]}``.

    ``severity`` is a warning unless the market forbids the topic outright (advertising
    alcohol in Saudi Arabia is an error). ``advice`` tells the copywriter what to do.
    """

    name: str
    keywords: Mapping[str, Sequence[str]] = field(default_factory=dict)
    severity: Severity = Severity.WARNING
    advice: str = ""
    # The catalogue's key of the topic ("revealing-clothing"), by which its wording is found again.
    slug: str = ""


class SensitiveTopics:
    """One market's sensitive topics, matched with one automaton per language.

    Build it once per market and pass it with every copy of that market.
    """

    def __init__(self, topics: Iterable[SensitiveTopic] = ()):
        self.topics = tuple(topics)
        self._matchers: dict[str, TermMatcher] = {}

    def __bool__(self) -> bool:
        return bool(self.topics)

    def find(self, text: str, *, language: str) -> list[Match]:
        """The keywords in ``text``; each match's payload is its ``SensitiveTopic``."""
        return self.matcher(language).find(text)

    def matcher(self, language: str) -> TermMatcher:
        matcher = self._matchers.get(language)
        if matcher is None:
            matcher = TermMatcher(
                ((keyword, topic) for topic in self.topics for keyword in topic.keywords.get(language, ())),
                language=language,
            )
            self._matchers[language] = matcher
        return matcher


class SensitiveTopicMentioned(Check):
    code = "sensitive_topic"
    name = gettext_lazy("Sensitive topic")
    description = (
        "Words that raise a topic the market treats with care; an apparel brand had to pull "
        "off-shoulder products from a Middle-East launch for want of this check."
    )
    severity = Severity.WARNING

    def may_find(self, copy):
        return bool(copy.sensitive_topic_matches)

    def findings(self, copy):
        for field_name, matches in copy.sensitive_topic_matches.items():
            reported = set()
            for match in matches:
                topic = match.payload
                subject = "%s/%s" % (topic.slug or topic.name, fold(match.text))
                if subject in reported:
                    continue
                reported.add(subject)
                yield self.finding(
                    field_name,
                    subject,
                    severity=topic.severity,
                    written=match.text,
                    topic=topic.slug or topic.name,
                    market=copy.market or copy.locale,
                    advice="" if topic.slug else str(topic.advice),
                )

    def message(self, finding):
        from .topics import topic_wording  # the catalogue is built on this module

        if finding.params.get("advice"):  # a topic of the caller's own, not of the catalogue
            name, advice = finding.params["topic"], finding.params["advice"]
        else:
            name, advice = topic_wording(finding.params["topic"])
        advice = advice or _("Rephrase without it, or have the cultural reviewer confirm it is acceptable.")
        return _('The %(field)s mentions "%(written)s" (%(topic)s), a sensitive topic in %(market)s. %(advice)s') % {
            "field": field_label(finding.field),
            "written": finding.params["written"],
            "topic": name,
            "market": finding.params["market"],
            "advice": advice,
        }
