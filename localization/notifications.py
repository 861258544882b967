"""E-mails to the people who must act: review steps, and milestone reminders in each reader's language."""
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives, send_mass_mail
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calendars.models import breaks_a_line
from calendars.names import translated, translation_language

from . import access
from .models import Milestone, Review, State


def one_line(text):
    """A mail subject from any stored value: line breaks and control characters become spaces, so no name,
    however it was saved, can end the header or add one."""
    return " ".join("".join(" " if breaks_a_line(char) else char for char in str(text)).split())


def recipients_for(review):
    """Submitted copy goes to who may approve it; a decision goes back to who wrote it."""
    variant = review.variant
    if review.action == Review.Action.SUBMIT:
        people = access.eligible_approvers(variant)
    else:
        people = [user for user in (variant.last_edited_by, variant.copywriter) if user]
    return sorted({user.email for user in people if user.email and user.pk != review.actor_id})


def notify_about(review):
    """Send the e-mails for one review step; returns how many were sent."""
    subjects = {
        Review.Action.SUBMIT: _("Copy to review: %(variant)s"),
        Review.Action.APPROVE: _("Approved: %(variant)s"),
        Review.Action.REQUEST_CHANGES: _("Changes requested: %(variant)s"),
    }
    if review.action not in subjects:
        return 0
    subject = one_line(subjects[review.action] % {"variant": review.variant})
    actor = review.actor.get_username() if review.actor else _("Glocal")
    body = _("%(actor)s: %(action)s (version %(version)s).") % {
        "actor": actor,
        "action": review.get_action_display(),
        "version": review.variant_version,
    }
    if review.note:
        body += "\n\n" + review.note
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients_for(review)]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


# Reminders ----------------------------------------------------------------------------------------


def reader_language(user):
    """The language a person reads Glocal's e-mails in: their preference, else the site's."""
    try:
        language = user.glocal_preference.language
    except ObjectDoesNotExist:
        language = ""
    return language or settings.LANGUAGE_CODE


@dataclass
class MarketFacts:
    """What every reminder about one campaign in one market says, gathered once by the scheduler
    (localization.scheduling) however many people it reminds; worded once per language."""

    campaign_market: object
    occurrence: object
    observance: object
    milestones: dict
    states: list
    campaign_url: str
    copy_url: str = ""
    words: dict = field(default_factory=dict)  # language -> the words every reader of it shares


@dataclass
class ReminderFacts:
    """One reminder's own facts beside its market's."""

    reminder: object
    about: MarketFacts
    late: bool
    url: str
    overdue: list = field(default_factory=list)  # [MarketProgress], for the campaign's owner


SUBJECTS = {
    Milestone.KICKOFF: gettext_lazy("%(campaign)s opened in %(market)s: %(occasion)s on %(occasion_date)s"),
    Milestone.COPY_DUE: gettext_lazy("Copy due %(due)s: %(campaign)s in %(market)s"),
    Milestone.REVIEW_DUE: gettext_lazy("Review due %(due)s: %(campaign)s in %(market)s"),
    Milestone.EXPORT_DUE: gettext_lazy("Export due %(due)s: %(campaign)s in %(market)s"),
    Milestone.GO_LIVE: gettext_lazy("Goes live %(due)s: %(campaign)s in %(market)s"),
    Milestone.DATE_CHANGED: gettext_lazy("Date changed: %(occasion)s in %(market)s is now %(occasion_date)s (%(campaign)s)"),
}
WHAT_TO_DO = {
    Milestone.KICKOFF: gettext_lazy(
        "%(campaign)s has opened in %(market)s for %(occasion)s on %(occasion_date)s. Its copy is due on %(copy_due)s "
        "and its review on %(review_due)s."
    ),
    Milestone.COPY_DUE: gettext_lazy("Submit the %(market)s copy of %(campaign)s for review by %(due)s."),
    Milestone.REVIEW_DUE: gettext_lazy("Approve the %(market)s copy of %(campaign)s, or send it back with a note, by %(due)s."),
    Milestone.EXPORT_DUE: gettext_lazy("Export the %(market)s landing page of %(campaign)s by %(due)s."),
    Milestone.GO_LIVE: gettext_lazy("%(campaign)s goes live in %(market)s on %(due)s, for %(occasion)s."),
    Milestone.DATE_CHANGED: gettext_lazy(
        "%(occasion)s in %(market)s moved from %(moved_from)s to %(occasion_date)s. The milestones of %(campaign)s "
        "moved with it; they are below."
    ),
}


def _day(value):
    """A date as the reader's language writes it (12 June 2027, 2027年6月12日)."""
    return formats.date_format(value, "DATE_FORMAT") if isinstance(value, date) else ""


def occasion_names(about, language):
    """(the occasion's name for the reader, the market's own name for it when that differs)."""
    occasion, observance = about.occurrence.occasion, about.observance
    market_language = translation_language(about.campaign_market.market.primary_locale)
    local = translated(observance, "name", market_language) or translated(occasion, "name", market_language)
    reader = (
        translated(observance, "name", language) or translated(occasion, "name", language)
        or translated(observance, "name", "en") or translated(occasion, "name", "en") or occasion.slug
    )
    return reader, (local if local and local not in reader else "")


def _states(states):
    labels = dict(State.choices)
    return ", ".join(str(labels[state]) for state in sorted(set(states))) or _("no copy yet")


def _market_name(market, language):
    return translated(market, "name", language) or market.name


def _shared_words(about, language):
    """The words of the reminders about one campaign market in the active language, worked out once."""
    if language not in about.words:
        campaign_market = about.campaign_market
        names_language = translation_language(language)
        occasion, occasion_local = occasion_names(about, names_language)
        words = {
            "campaign": campaign_market.campaign.name,
            "market": _market_name(campaign_market.market, names_language),
            "occasion": f"{occasion} ({occasion_local})" if occasion_local else occasion,
            "occasion_date": _day(about.occurrence.starts_on),
            "copy_due": _day(about.milestones.get(Milestone.COPY_DUE)),
            "review_due": _day(about.milestones.get(Milestone.REVIEW_DUE)),
        }
        words["facts"] = [
            (_("Campaign"), words["campaign"]),
            (_("Market"), words["market"]),
            (_("Occasion"), words["occasion"]),
            (_("Occasion starts"), words["occasion_date"]),
            (_("Copy"), _states(about.states)),
        ]
        words["milestones"] = [(str(Milestone(name).label), _day(day), name) for name, day in about.milestones.items()]
        about.words[language] = words
    return about.words[language]


def _tables(shared, milestone):
    """The campaign market's facts and milestones (the one at hand stands out) as text and HTML, rendered
    once per language and milestone however many people are reminded of it."""
    key = ("tables", milestone)
    if key not in shared:
        context = {
            "facts": shared["facts"],
            "milestones": [(label, day, name == milestone) for label, day, name in shared["milestones"]],
        }
        shared[key] = (render_to_string("email/reminder_tables.txt", context), render_to_string("email/reminder_tables.html", context))
    return shared[key]


def reminder_context(facts):
    """The words of a reminder in the active language."""
    reminder = facts.reminder
    language = translation.get_language() or settings.LANGUAGE_CODE
    shared = _shared_words(facts.about, language)
    words = {**shared, "due": _day(reminder.due_on), "moved_from": _day(reminder.moved_from)}
    subject = SUBJECTS[reminder.milestone] % words
    if facts.late:
        subject = _("Late: %(subject)s") % {"subject": subject}
    overdue = [
        {
            "market": _market_name(progress.campaign_market.market, translation_language(language)),
            "items": [_("%(milestone)s on %(day)s") % {"milestone": Milestone(name).label, "day": _day(day)}
                      for name, day in progress.overdue],
            "states": _states(progress.states),
        }
        for progress in facts.overdue
    ]
    tables_text, tables_html = _tables(shared, reminder.milestone)
    return {
        "subject": subject,
        "greeting": _("Hello %(name)s,") % {"name": reminder.recipient.get_short_name() or reminder.recipient.get_username()},
        "what_to_do": WHAT_TO_DO[reminder.milestone] % words,
        "late": _("This reminder is late: it was due on %(due)s.") % words if facts.late else "",
        "tables_text": tables_text,
        "tables_html": tables_html,
        "overdue": overdue,
        "url": facts.url,
        "language": language,
    }


def reminder_message(facts, *, connection=None):
    """The reminder as an e-mail in its reader's language, HTML with a text alternative, under the
    reminder's own Message-ID (the same on every attempt)."""
    reminder = facts.reminder
    with translation.override(reader_language(reminder.recipient)):
        context = reminder_context(facts)
        text = render_to_string("email/reminder.txt", context)
        html = render_to_string("email/reminder.html", context)
    message = EmailMultiAlternatives(
        one_line(context["subject"]), text, settings.DEFAULT_FROM_EMAIL, [reminder.recipient.email],
        connection=connection, headers={"Message-ID": reminder.message_id},
    )
    message.attach_alternative(html, "text/html")
    return message
