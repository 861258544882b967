"""Sending reminders effectively once: a batch claimed under a lease, each reminder held again right before
it is sent and marked at once; a sender's death between the mail server's acceptance and the mark is the
only way one goes twice, under the same Message-ID."""
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    """What one run of the sender did.

    ``taken``: reminders this run had claimed that another sender took over once this run's lease ran out (this
    one was paused or slow), left to that sender; ``held_elsewhere``: due reminders another sender's lease held
    when the run ended (a sender at work, or one killed without letting go), sent by the first run after the lease;
    ``released``: what a failed run held but had not sent, let go for the next run.
    """

    sent: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    taken: list = field(default_factory=list)
    held_elsewhere: list = field(default_factory=list)
    released: list = field(default_factory=list)

    @property
    def late(self):
        return [reminder for reminder in self.sent if reminder.late]

    @property
    def held_until(self):
        """When the last lease another sender holds runs out, or None."""
        return max((reminder.claimed_until for reminder in self.held_elsewhere), default=None)

    def __str__(self):
        said = _("Reminders sent: %(sent)s (late: %(late)s); skipped: %(skipped)s; failed: %(failed)s; problems: %(problems)s.") % {
            "sent": len(self.sent), "late": len(self.late), "skipped": len(self.skipped), "failed": len(self.failed),
            "problems": len(self.problems),
        }
        if self.taken or self.held_elsewhere:
            said += " " + _("Taken over by another sender: %(taken)s; held by another sender: %(held)s.") % {
                "taken": len(self.taken), "held": len(self.held_elsewhere)}
        return said


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


def _first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class SendingStopped(Exception):
    """The database went away mid-run: the run stopped, saying what it did and what is left (``run``)."""

    def __init__(self, *, run, error, released, unmarked):
        self.run, self.released, self.unmarked = run, released, unmarked
        said = [ngettext(
            "The database connection was lost, so sending stopped after %(sent)s reminder: %(error)s. "
            "Run send_reminders again once the database answers.",
            "The database connection was lost, so sending stopped after %(sent)s reminders: %(error)s. "
            "Run send_reminders again once the database answers.",
            len(run.sent),
        ) % {"sent": len(run.sent), "error": _first_line(error)}]
        if unmarked is not None:
            said.append(_("The reminder %(message_id)s to %(email)s was handed to the mail server but could not be marked "
                          "sent: it goes again once its lease ends, under the same Message-ID.")
                        % {"message_id": unmarked.message_id, "email": unmarked.recipient.email})
        if released is None:
            said.append(_("The reminders this run still held go once its lease ends (GLOCAL_REMINDER_LEASE_SECONDS)."))
        elif released:
            said.append(ngettext(
                "The %(count)s reminder it held but had not sent was let go for the next run.",
                "The %(count)s reminders it held but had not sent were let go for the next run.",
                len(released),
            ) % {"count": len(released)})
        super().__init__(" ".join(said))


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
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # the connection was lost, and the setting with it; the error that lost it is the one to tell
            pass


class _Claim:
    """A batch of waiting reminders this sender holds under a lease: locked past other senders (skip locked) on
    PostgreSQL, and taken by a conditional update everywhere, so a row is only ever one sender's. Each reminder is
    held again right before it is sent; one whose lease ran out and that another sender took is left to that one."""

    def __init__(self, due, size, lease):
        self.token, self.lease = uuid.uuid4(), lease
        self.in_flight = None  # held and being sent: the mail server may have it, the database does not say so yet
        self.tried = set()  # sent to the mail server, which refused, or may have taken it (in flight when the run failed)
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

    def _mine(self):
        return Reminder.objects.filter(claimed_by=self.token, sent_at__isnull=True, skipped_at__isnull=True)

    def hold(self, reminder):
        """Right before sending: is the reminder still this sender's (not taken over by another once this lease ran
        out, nor sent or skipped meanwhile)? One conditional update, which renews the lease on it; the rest of the
        batch is renewed too once half the lease has passed."""
        now = timezone.now()
        if not self._mine().filter(pk=reminder.pk).update(claimed_until=now + self.lease):
            return False
        if now >= self.renew_at:
            self._mine().update(claimed_until=now + self.lease)
            self.renew_at = now + self.lease / 2
        return True

    def mark_skipped(self, reminder, reason):
        """Skip a reminder still held; False when it is no longer this sender's."""
        return bool(self._mine().filter(pk=reminder.pk).update(claimed_until=None, skipped_at=timezone.now(), skipped_because=reason))

    def mark_sent(self, reminder):
        """Mark a reminder the mail server accepted, at once. The mail went, so it is marked whoever holds it now."""
        marked = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True)
        fields = {"sent_at": reminder.sent_at, "late": reminder.late, "claimed_until": None}
        try:
            marked.update(**fields)
        except (OperationalError, InterfaceError):
            # The connection was cut between the mail server's acceptance and the mark: once more on a new one, so a
            # cut connection alone repeats nothing (if the database is gone, this is the reminder that may go twice);
            # the run ends all the same.
            connection.close()
            marked.update(**fields)
            self.in_flight = None
            raise
        self.in_flight = None

    def release(self):
        """Let go of what this sender holds but has not sent, for the next run at once rather than after the lease;
        what it handed to the mail server (refused, or in flight when the run failed) waits out its lease."""
        ids = list(self._mine().exclude(pk__in=self.tried).values_list("pk", flat=True))
        if ids:
            self._mine().filter(pk__in=ids).update(claimed_until=None, claimed_by=None)
        return [reminder for reminder in self.reminders if reminder.pk in set(ids)]


def _held_elsewhere(due, tokens):
    """Due reminders another sender's lease still holds: a sender at work, or one that died without letting go."""
    return list(
        _waiting(due).filter(claimed_until__gte=timezone.now()).exclude(claimed_by__in=tokens)
        .select_related("campaign", "market", "recipient").order_by("claimed_until", "pk")
    )


def send_due_reminders(*, today=None, now=None, batch_size=100):
    """Send every reminder due (by its market's day, or ``today`` everywhere) that was neither sent nor skipped.

    A batch at a time is claimed with a lease; each reminder is held again right before it is sent (one that
    another sender took once the lease ran out is left to it) and marked sent as soon as the mail server has it,
    so two senders, two beat ticks or a redelivered task never send one twice. A run that fails lets go of what it
    held but had not handed to the mail server; a sender killed mid-batch leaves the rest of its batch until its
    lease (GLOCAL_REMINDER_LEASE_SECONDS) runs out, and the next run says so. Only a sender's death between the mail
    server's acceptance and the mark can send one twice, under the same Message-ID. A reminder whose milestone is
    met is skipped. Returns a SendRun; a lost database connection raises SendingStopped.
    """
    run = SendRun()
    lease = timedelta(seconds=settings.GLOCAL_REMINDER_LEASE_SECONDS)
    tokens, claim = [], None
    try:
        clock = Clock(today=today, now=now)
        todays, run.problems = clock.todays(Market.objects.only("pk", "code", "time_zone"))
        by_day = {}
        for market_id, day in todays.items():
            by_day.setdefault(day, []).append(market_id)
        due = Q(pk__in=[])
        for day, market_ids in by_day.items():
            due |= Q(market_id__in=market_ids, due_on__lte=day)
        with get_connection() as mail_connection, _commits_without_waiting_for_the_disk():
            while True:
                claim = _Claim(due, batch_size, lease)
                tokens.append(claim.token)
                if not claim.reminders:  # nothing left that is free: the run is done
                    break
                batch = _Batch(claim.reminders, todays)
                for reminder in claim.reminders:
                    _send_one(reminder, claim, batch, todays[reminder.market_id], mail_connection, run)
                claim = None
        run.held_elsewhere = _held_elsewhere(due, tokens)
    except (OperationalError, InterfaceError) as error:
        unmarked, released = None, []  # between batches, nothing is held
        if claim is not None:
            unmarked = claim.in_flight
            try:
                connection.close()  # a new connection, if the database answers, to let go of what this run holds
                released = run.released = claim.release()
            except DatabaseError:
                released = None  # unknown: it waits out the lease
        raise SendingStopped(run=run, error=error, released=released, unmarked=unmarked) from error
    except BaseException:  # a bug, or the operator's Ctrl-C: what is held but not sent is let go, for the next run
        if claim is not None:
            try:
                run.released = claim.release()
            except DatabaseError:
                logger.exception("The reminders held by run %s wait out their lease", claim.token)
        raise
    return run


def _send_one(reminder, claim, batch, today, mail_connection, run):
    reason = batch.skip_reason(reminder, today)
    if reason:
        if not claim.mark_skipped(reminder, reason):
            run.taken.append(reminder)
            return
        reminder.skipped_because = reason
        run.skipped.append(reminder)
        return
    try:
        facts = batch.facts(reminder, today)
        message = notifications.reminder_message(facts, connection=mail_connection)
    except Exception as error:  # a bad row: said, and tried again after the lease
        logger.exception("Reminder %s could not be written", reminder.pk)
        run.failed.append((reminder, str(error)))
        return
    if not claim.hold(reminder):  # another sender took it over once this one's lease ran out (paused, or slow)
        run.taken.append(reminder)
        return
    claim.in_flight = reminder
    claim.tried.add(reminder.pk)
    try:
        message.send()
    except Exception as error:  # the mail server refused or is down: it stays claimed and is tried again after the lease
        claim.in_flight = None
        logger.exception("Reminder %s was not sent", reminder.pk)
        run.failed.append((reminder, str(error)))
        return
    reminder.sent_at, reminder.late = timezone.now(), facts.late
    run.sent.append(reminder)  # the mail server has it, whatever becomes of the mark
    claim.mark_sent(reminder)
