"""Topics a market handles with care (alcohol, pork, revealing clothing in the Gulf)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Check, Severity, field_label
from .matching import fold
from .topics import topic_wording


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
