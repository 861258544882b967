"""Topics a market handles with care (alcohol, pork, revealing clothing in the Gulf)."""

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

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
    name = "Sensitive topic"
    description = (
        "Words that raise a topic the market treats with care; an apparel brand had to pull "
        "off-shoulder products from a Middle-East launch for want of this check."
    )
    severity = Severity.WARNING

    def findings(self, copy):
        topics = copy.sensitive_topics
        if not topics:
            return
        if not isinstance(topics, SensitiveTopics):
            topics = SensitiveTopics(topics)
        for field_name, matches in topics.matcher(copy.language).find_in_fields(copy.variant).items():
            reported = set()
            for match in matches:
                topic = match.payload
                key = (topic.name, fold(match.text))
                if key in reported:
                    continue
                reported.add(key)
                yield self.finding(
                    field_name,
                    'The %(field)s mentions "%(written)s" (%(topic)s), a sensitive topic in %(market)s. %(advice)s'
                    % {
                        "field": field_label(field_name),
                        "written": match.text,
                        "topic": topic.name,
                        "market": copy.market or copy.locale,
                        "advice": topic.advice
                        or "Rephrase without it, or have the cultural reviewer confirm it is acceptable.",
                    },
                    severity=topic.severity,
                )
