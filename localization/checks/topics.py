"""The sensitive topics a market can list (Market.sensitive_topics), with the words that raise them.

A topic is a warning where it needs care, an error where advertising it is not allowed
(alcohol and pork in Saudi Arabia). Keywords are per language; the check matches the copy's.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from django.utils.translation import gettext_lazy as _

from .base import Severity
from .matching import Match, TermMatcher, keyword_matcher


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
            matcher = keyword_matcher(self.topics, language)
            self._matchers[language] = matcher
        return matcher


TOPICS = {
    "alcohol": {
        "label": _("alcohol"),
        "keywords": {
            "en": ["wine", "beer", "champagne", "cocktail", "vodka", "whisky", "alcohol"],
            "ar": ["خمر", "نبيذ", "بيرة", "كحول", "شمبانيا"],
            "tr": ["şarap", "bira", "alkol", "rakı"],
            "id": ["anggur merah", "bir", "alkohol"],
            "ms": ["arak", "bir", "alkohol"],
            "hi": ["शराब", "बीयर", "वाइन"],
        },
        "forbidden_in": {"SA"},
        "advice": _("Leave alcohol out of the copy and the imagery; gift sets without it sell as well."),
    },
    "pork": {
        "label": _("pork"),
        "keywords": {
            "en": ["pork", "bacon", "ham", "pepperoni"],
            "ar": ["لحم الخنزير", "خنزير", "لحم مقدد"],
            "id": ["babi"],
            "ms": ["babi", "khinzir"],
            "tr": ["domuz"],
        },
        "forbidden_in": {"SA", "AE"},
        "advice": _("Do not offer or show pork; say halal where it applies."),
    },
    "revealing-clothing": {
        "label": _("revealing clothing"),
        "keywords": {
            "en": ["off-shoulder", "off the shoulder", "bikini", "mini skirt", "crop top", "lingerie", "sexy"],
            "ar": ["بيكيني", "مكشوف الكتفين", "ملابس داخلية", "مثير"],
            "tr": ["bikini", "mini etek"],
            "id": ["bikini", "seksi"],
            "ms": ["bikini", "seksi"],
        },
        "forbidden_in": set(),
        "advice": _("Show modest styling (covered shoulders and knees); an apparel brand pulled off-shoulder products from a Gulf launch."),
    },
    "gambling": {
        "label": _("gambling"),
        "keywords": {
            "en": ["bet", "casino", "jackpot", "lottery"],
            "ar": ["قمار", "يانصيب", "كازينو", "رهان"],
            "id": ["judi", "taruhan"],
            "ms": ["judi", "loteri"],
            "tr": ["kumar", "bahis"],
        },
        "forbidden_in": {"SA", "AE"},
        "advice": _("Call it a prize draw with no purchase, or leave it out; games of chance are not allowed here."),
    },
    "religious-imagery": {
        "label": _("religious imagery"),
        "keywords": {
            "en": ["holy", "blessed", "mosque", "temple", "goddess", "buddha"],
            "ar": ["مقدس", "مسجد", "القرآن"],
            "hi": ["भगवान", "देवी", "मंदिर"],
            "id": ["masjid", "suci"],
            "ms": ["masjid", "suci"],
            "th": ["พระพุทธ", "วัด"],
        },
        "forbidden_in": set(),
        "advice": _("Keep religious words and symbols out of selling copy; a reviewer of the market decides."),
    },
    "beef": {
        "label": _("beef"),
        "keywords": {"en": ["beef", "steak", "burger"], "hi": ["गोमांस", "बीफ़", "बीफ"]},
        "forbidden_in": set(),
        "advice": _("Many customers in India do not eat beef; offer chicken, lamb or vegetarian instead."),
    },
    "number-4": {
        "label": _("the number four"),
        "keywords": {"zh": ["四", "4折"], "ja": ["四", "4個"], "ko": ["4개", "네 개"], "en": ["four-piece", "4-piece"]},
        "forbidden_in": set(),
        "advice": _("Four sounds like death in Chinese, Japanese and Korean; sell sets of 3, 5, 6 or 8."),
    },
    "political-maps": {
        "label": _("political maps"),
        "keywords": {"zh": ["台湾国", "地图"], "en": ["map of china", "taiwan country"]},
        "forbidden_in": set(),
        "advice": _("Avoid maps and borders in copy and imagery; they are regulated and easily wrong."),
    },
}


@lru_cache(maxsize=64)
def topics_for_market(market_code: str, slugs: tuple[str, ...]) -> SensitiveTopics:
    """The market's topics, built once per market and list of slugs (unknown slugs are skipped)."""
    topics = []
    for written in slugs:
        slug = written.strip().lower().replace(" ", "-")  # "Revealing clothing" is revealing-clothing
        entry = TOPICS.get(slug)
        if entry is None:
            continue
        topics.append(
            SensitiveTopic(
                name=slug.replace("-", " "),
                slug=slug,
                keywords=entry["keywords"],
                severity=Severity.ERROR if market_code in entry["forbidden_in"] else Severity.WARNING,
                advice=entry["advice"],
            )
        )
    return SensitiveTopics(topics)


def topic_wording(slug: str) -> tuple[str, str]:
    """A topic's name and advice in the active language; an unknown slug reads as itself."""
    entry = TOPICS.get(slug)
    if entry is None:
        return slug.replace("-", " "), ""
    return str(entry["label"]), str(entry["advice"])
