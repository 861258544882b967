"""Sending reminders exactly once: a batch claimed under a lease, each reminder checked right before it
is sent and marked at once; a sender's death between the mail server's acceptance and the mark is the
only way one goes twice, under the same Message-ID."""
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.models import Market, Observance

from .. import notifications
from ..models import CampaignMarket, CopyVariant, Milestone, Reminder
from .clock import Clock
from .milestones import milestone_dates, milestone_days_of, milestone_met
from .people import OWNER, RECIPIENTS
from .progress import MarketProgress

logger = logging.getLogger(__name__)


@dataclass
class SendRun:
    """What one run of the sender did."""

    sent: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def late(self):
        return [reminder for reminder in self.sent if reminder.late]

    def __str__(self):
        return _("Reminders sent: %(sent)s (late: %(late)s); skipped: %(skipped)s; failed: %(failed)s; problems: %(problems)s.") % {
            "sent": len(self.sent), "late": len(self.late), "skipped": len(self.skipped), "failed": len(self.failed),
            "problems": len(self.problems),
        }


class _Batch:
    """What the e-mails of a batch of reminders say, read in a few queries for the whole batch and worked out
    once per campaign market, however many people are reminded about it."""

    def __init__(self, reminders, todays):
        self.todays = todays
        # The reminders' own campaign markets, and every market of a campaign whose owner is reminded (what is overdue).
        wanted = Q(campaign_id__in={r.campaign_id for r in reminders}, market_id__in={r.market_id for r in reminders})
        wanted |= Q(campaign_id__in={r.campaign_id for r in reminders if OWNER in RECIPIENTS[r.milestone]})
        self.offers = {}
        for offer in CampaignMarket.objects.filter(wanted).select_related("market", "occurrence__occasion"):
            self.offers[(offer.campaign_id, offer.market_id)] = offer
        self.variants = {}
        for variant in CopyVariant.objects.filter(wanted).only("pk", "campaign_id", "market_id", "state"):
            self.variants.setdefault((variant.campaign_id, variant.market_id), []).append(variant)
        occasions = {offer.occurrence.occasion_id for offer in self.offers.values() if offer.occurrence_id}
        self.observances = {
            (observance.occasion_id, observance.market_id): observance
            for observance in Observance.objects.filter(occasion_id__in=occasions, market_id__in={m for _c, m in self.offers})
        }
        self._days, self._overdue, self._about = {}, {}, {}

    def days(self, campaign):
        if campaign.pk not in self._days:
            self._days[campaign.pk] = milestone_days_of(campaign)
        return self._days[campaign.pk]

    def states(self, campaign_id, market_id):
        return [variant.state for variant in self.variants.get((campaign_id, market_id), [])]

    def skip_reason(self, reminder, today):
        offer = self.offers.get((reminder.campaign_id, reminder.market_id))
        if not (reminder.recipient.is_active and reminder.recipient.email):
            return Reminder.Skipped.NO_ADDRESS
        if offer is None:
            return Reminder.Skipped.MARKET_LEFT
        if offer.occurrence is None or offer.occurrence.ends_on < today:
            return Reminder.Skipped.OCCASION_OVER
        if milestone_met(reminder.milestone, self.states(reminder.campaign_id, reminder.market_id)):
            return Reminder.Skipped.MET
        return None

    def overdue(self, campaign):
        """[MarketProgress] of the campaign's opened markets with something overdue: the owner's list."""
        if campaign.pk not in self._overdue:
            found = []
            for (campaign_id, market_id), offer in sorted(self.offers.items(), key=lambda item: item[1].market.code):
                today = self.todays.get(market_id)
                if campaign_id != campaign.pk or offer.occurrence_id is None or today is None:
                    continue
                offer.campaign = campaign
                milestones = milestone_dates(campaign_market=offer, starts_on=offer.occasion_starts_on, days=self.days(campaign))
                progress = MarketProgress(offer, today, self.states(campaign_id, market_id), offer.occurrence, milestones)
                if progress.overdue:
                    found.append(progress)
            self._overdue[campaign.pk] = found
        return self._overdue[campaign.pk]

    def about(self, campaign, market_id):
        """What every reminder about the campaign in the market says, worked out once."""
        key = (campaign.pk, market_id)
        if key not in self._about:
            offer = self.offers[key]
            offer.campaign = campaign
            variants = self.variants.get(key, [])
            campaign_url = settings.SITE_URL + reverse("admin:localization_campaign_change", args=[campaign.pk])
            copy_url = settings.SITE_URL + reverse("admin:localization_copyvariant_change", args=[variants[0].pk]) if len(variants) == 1 else ""
            self._about[key] = notifications.MarketFacts(
                campaign_market=offer,
                occurrence=offer.occurrence,
                observance=self.observances.get((offer.occurrence.occasion_id, offer.market_id)),
                milestones=milestone_dates(campaign_market=offer, starts_on=offer.occasion_starts_on, days=self.days(campaign)),
                states=[variant.state for variant in variants],
                campaign_url=campaign_url,
                copy_url=copy_url,
            )
        return self._about[key]

    def facts(self, reminder, today):
        about = self.about(reminder.campaign, reminder.market_id)
        # The copy to write or review, when the market has one; else the campaign with all of them.
        writes_or_reviews = reminder.milestone in (Milestone.COPY_DUE, Milestone.REVIEW_DUE)
        return notifications.ReminderFacts(
            reminder=reminder,
            about=about,
            late=today > reminder.due_on,
            url=(about.copy_url if writes_or_reviews else "") or about.campaign_url,
            overdue=self.overdue(reminder.campaign) if OWNER in RECIPIENTS[reminder.milestone] else [],
        )


def _waiting(due):
    return Reminder.objects.filter(due, sent_at__isnull=True, skipped_at__isnull=True)


def _free(now):
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


@contextmanager
def _commits_without_waiting_for_the_disk():
    """On PostgreSQL, the sender's claims and marks do not wait for the disk (synchronous_commit off): a killed
    worker loses nothing the server has; only a crash of the database server itself could lose the last moment's
    marks, and those reminders would go again under the same Message-ID."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


class _Claim:
    """A batch of waiting reminders this sender alone holds until its lease ends: locked past other senders
    (skip locked) on PostgreSQL, and taken by a conditional update everywhere, so a row is only ever one sender's."""

    def __init__(self, due, size, lease):
        self.token, self.lease = uuid.uuid4(), lease
        now = timezone.now()
        with transaction.atomic():
            ids = list(
                _waiting(due).filter(_free(now)).select_for_update(skip_locked=True)
                .order_by("due_on", "pk").values_list("pk", flat=True)[:size]
            )
            if ids:
                _waiting(Q(pk__in=ids)).filter(_free(now)).update(claimed_until=now + lease, claimed_by=self.token)
        self.renew_at = now + lease / 2
        self.reminders = list(
            Reminder.objects.filter(pk__in=ids, claimed_by=self.token)
            .select_related("campaign", "campaign__owner", "market", "recipient", "recipient__glocal_preference")
            .order_by("due_on", "pk")
        ) if ids else []

    def still_mine(self, reminders):
        """The reminders still held, the lease renewed for them once half of it has passed (a slow mail server)."""
        now = timezone.now()
        if now < self.renew_at:
            return reminders
        held = Reminder.objects.filter(pk__in=[reminder.pk for reminder in reminders], claimed_by=self.token, sent_at__isnull=True)
        held.update(claimed_until=now + self.lease)
        self.renew_at = now + self.lease / 2
        kept = set(held.values_list("pk", flat=True))
        return [reminder for reminder in reminders if reminder.pk in kept]

    def mark(self, reminder, **fields):
        """Mark a held reminder sent or skipped, and let go of it."""
        return Reminder.objects.filter(pk=reminder.pk, claimed_by=self.token).update(claimed_until=None, **fields)


def send_due_reminders(*, today=None, now=None, batch_size=100):
    """Send every reminder due (by its market's day, or ``today`` everywhere) that was neither sent nor skipped.

    A batch at a time is claimed with a lease, each reminder in it sent and marked sent at once, so two senders,
    two beat ticks or a redelivered task never send one twice. A sender killed mid-batch leaves everything
    unclaimed to the next run, and the rest of its batch once its lease (GLOCAL_REMINDER_LEASE_SECONDS) has run
    out; the one it was sending may then go again, under the same Message-ID. A reminder whose milestone is met
    is skipped. Returns a SendRun.
    """
    clock = Clock(today=today, now=now)
    run = SendRun()
    todays, run.problems = clock.todays(Market.objects.only("pk", "code", "time_zone"))
    by_day = {}
    for market_id, day in todays.items():
        by_day.setdefault(day, []).append(market_id)
    due = Q(pk__in=[])
    for day, market_ids in by_day.items():
        due |= Q(market_id__in=market_ids, due_on__lte=day)
    lease = timedelta(seconds=settings.GLOCAL_REMINDER_LEASE_SECONDS)
    with get_connection() as mail_connection, _commits_without_waiting_for_the_disk():
        while True:
            claim = _Claim(due, batch_size, lease)
            if not claim.reminders:
                break
            batch = _Batch(claim.reminders, todays)
            waiting = claim.reminders
            while waiting:
                reminder, *waiting = claim.still_mine(waiting)
                _send_one(reminder, claim, batch, todays[reminder.market_id], mail_connection, run)
    return run


def _send_one(reminder, claim, batch, today, mail_connection, run):
    reason = batch.skip_reason(reminder, today)
    if reason:
        claim.mark(reminder, skipped_at=timezone.now(), skipped_because=reason)
        reminder.skipped_because = reason
        run.skipped.append(reminder)
        return
    try:
        facts = batch.facts(reminder, today)
        notifications.reminder_message(facts, connection=mail_connection).send()
    except Exception as error:  # the mail server refused or is down: it stays claimed and is tried again after the lease
        logger.exception("Reminder %s was not sent", reminder.pk)
        run.failed.append((reminder, str(error)))
        return
    reminder.sent_at, reminder.late = timezone.now(), facts.late
    claim.mark(reminder, sent_at=reminder.sent_at, late=reminder.late)
    run.sent.append(reminder)
