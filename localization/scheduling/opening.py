"""Opening markets: the scheduler opens each campaign market whose launch day has come, plans its
reminders, creates next year's campaign of a repeating one, and follows occasions whose date moved.

Beat runs ``schedule_due_campaigns`` every hour; it scans the database for what is due, so a run
missed, repeated or run twice at once changes nothing it should not.
"""
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.models import Market, Occurrence
from calendars.rows import skipped_if_broken

from .. import campaigns
from ..models import Campaign, CampaignMarket, CopyVariant, Milestone, Reminder
from .clock import Clock
from ..timing import MILESTONES
from .milestones import SchedulingError, milestone_dates, milestone_days_of
from .people import People
from .repeats import create_next_year
from .windows import due_occurrence

logger = logging.getLogger(__name__)

# A confirmed date matters while the occasion is ahead or just past; older moves are history.
MOVED_DATE_HORIZON = timedelta(days=31)


@dataclass
class Opened:
    campaign_market: CampaignMarket
    launch_on: date
    opened_on: date

    @property
    def late(self):
        return self.opened_on > self.launch_on

    def __str__(self):
        campaign_market = self.campaign_market
        words = {"campaign": campaign_market.campaign.name, "market": campaign_market.market.code,
                 "occasion": campaign_market.occasion_starts_on, "launch": self.launch_on}
        if self.late:
            return _("Opened %(campaign)s in %(market)s for %(occasion)s, late: its launch day was %(launch)s.") % words
        return _("Opened %(campaign)s in %(market)s for %(occasion)s (launch day %(launch)s).") % words


@dataclass
class Moved:
    campaign_market: CampaignMarket
    moved_from: date
    moved_to: date
    reminders_moved: int
    people_told: int

    def __str__(self):
        return _(
            "%(campaign)s in %(market)s: the occasion moved from %(from)s to %(to)s; reminders moved: %(reminders)s; "
            "people to be told: %(people)s."
        ) % {"campaign": self.campaign_market.campaign.name, "market": self.campaign_market.market.code,
             "from": self.moved_from, "to": self.moved_to, "reminders": self.reminders_moved, "people": self.people_told}


@dataclass
class ScheduleRun:
    """What one run of the scheduler did."""

    opened: list = field(default_factory=list)
    created: list = field(default_factory=list)
    reminders_planned: int = 0
    moved: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def late(self):
        return [opened for opened in self.opened if opened.late]

    def __str__(self):
        return _(
            "Markets opened: %(opened)s (late: %(late)s); campaigns created: %(created)s; reminders planned: %(planned)s; "
            "dates moved: %(moved)s; problems: %(problems)s."
        ) % {"opened": len(self.opened), "late": len(self.late), "created": len(self.created),
             "planned": self.reminders_planned, "moved": len(self.moved), "problems": len(self.problems)}


def _longest_lead():
    """The most days any launch window runs ahead of its occasion (next year's windows of opened markets too)."""
    campaign_lead = Campaign.objects.aggregate(longest=Max("lead_days"))["longest"] or 0
    market_lead = CampaignMarket.objects.filter(lead_days__isnull=False).aggregate(longest=Max("lead_days"))["longest"] or 0
    return timedelta(days=max(campaign_lead, market_lead))


def schedule_due_campaigns(*, today=None, now=None):
    """Open each campaign market whose launch day has come (in its market's time zone) and whose occasion
    is not over; create next year's campaign of a repeating one when its first launch window opens; move
    the reminders of occasions whose date moved. ``today``: the day everywhere (a test, or catching up by hand).

    Running it again, or for a day already run, changes nothing. Returns a ScheduleRun.
    """
    clock = Clock(today=today, now=now)
    run = ScheduleRun()
    todays, run.problems = clock.todays(Market.objects.only("pk", "code", "time_zone"))
    if not todays:
        return run
    # The occurrences any launch window can be open for today: a handful per market, however many campaigns.
    window = Occurrence.objects.filter(
        market_id__in=todays, starts_on__lte=max(todays.values()) + _longest_lead(), ends_on__gte=min(todays.values())
    ).order_by("starts_on")
    dated = {}
    for occurrence in window:
        dated.setdefault((occurrence.occasion_id, occurrence.market_id), []).append(occurrence)
    _create_next_years(run, todays, dated)
    _open_due_markets(run, todays, dated)
    _follow_moved_dates(run, todays)
    return run


def _create_next_years(run, todays, dated):
    years = {occurrence.year for occurrences in dated.values() for occurrence in occurrences}
    repeating = Campaign.objects.filter(
        repeats_yearly=True, next_campaign__isnull=True, year__in={year - 1 for year in years}
    ).prefetch_related(Prefetch("campaign_markets", queryset=CampaignMarket.objects.select_related("market")))
    for campaign in repeating:
        with skipped_if_broken(run.problems, campaign, where="schedule_campaigns"):
            _create_next_year_if_due(run, campaign, todays, dated)


def _create_next_year_if_due(run, campaign, todays, dated):
    """Next year's campaign, once its first market's launch window opens."""
    for campaign_market in campaign.campaign_markets.all():
        today = todays.get(campaign_market.market_id)
        next_years = [
            occurrence for occurrence in dated.get((campaign_market.occasion_in_market_id, campaign_market.market_id), [])
            if occurrence.year == campaign.year + 1
        ]
        if today and any(
            occurrence.ends_on >= today and occurrence.starts_on - timedelta(days=campaign_market.effective_lead_days) <= today
            for occurrence in next_years
        ):
            try:
                created = create_next_year(campaign)
            except (SchedulingError, ValidationError) as error:
                run.problems.append(" ".join(error.messages))
            except IntegrityError:
                created = None  # a run beside this one created it first
            if created is not None:
                run.created.append(created)
            break


def _open_due_markets(run, todays, dated):
    pairs = {}
    for occasion_id, market_id in dated:
        pairs.setdefault(occasion_id, set()).add(market_id)
    if not pairs:
        return
    by_occasion = Q()
    for occasion_id, market_ids in pairs.items():
        by_occasion |= Q(market_id__in=market_ids) & (
            Q(occasion_id=occasion_id) | Q(occasion__isnull=True, campaign__occasion_id=occasion_id)
        )
    years = {occurrence.year for occurrences in dated.values() for occurrence in occurrences}
    candidates = (
        CampaignMarket.objects.filter(opened_on__isnull=True)
        .filter(by_occasion)
        .filter(Q(campaign__year__isnull=True) | Q(campaign__year__in=years))
        .select_related("campaign__owner", "market")
    )
    due, days = [], {}
    for campaign_market in candidates:
        with skipped_if_broken(run.problems, campaign_market, where="schedule_campaigns"):
            _add_if_due(run, due, days, campaign_market, todays, dated)
    if due:
        opened, planned = _open(due, days)
        run.opened.extend(opened)
        run.reminders_planned += planned


def _add_if_due(run, due, days, campaign_market, todays, dated):
    """The campaign market, to open now if its launch day has come and its milestones can be dated; a row that
    cannot be dated (saved past validation) raises, and the caller skips it, said."""
    today = todays.get(campaign_market.market_id)
    found = due_occurrence(campaign_market, dated, today) if today else None
    if not found:
        return
    campaign = campaign_market.campaign
    if campaign.pk not in days:
        try:
            days[campaign.pk] = milestone_days_of(campaign)
        except SchedulingError as error:  # named, and left closed until someone mends its milestones
            days[campaign.pk] = None
            run.problems.append(" ".join(error.messages))
    if days[campaign.pk] is not None:
        occurrence = found[0]
        milestone_dates(campaign_market=campaign_market, starts_on=occurrence.starts_on, days=days[campaign.pk])  # dates it can hold
        due.append((campaign_market, *found, today))


def _open(due, days):
    """Open the campaign markets due, [(campaign market, occurrence, launch day, today there)], in one
    transaction and a handful of queries however many there are."""
    with transaction.atomic():
        # Another run at the same moment skips what this one holds, and finds it opened once this commits.
        locked = set(
            CampaignMarket.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[campaign_market.pk for campaign_market, *_rest in due], opened_on__isnull=True)
            .values_list("pk", flat=True)
        )
        opened, same = [], {}
        for campaign_market, occurrence, launch_on, today in due:
            if campaign_market.pk not in locked:
                continue
            campaign_market.opened_on, campaign_market.opened_late = today, today > launch_on
            campaign_market.occurrence, campaign_market.occasion_starts_on = occurrence, occurrence.starts_on
            opened.append(Opened(campaign_market, launch_on, today))
            same.setdefault((today, today > launch_on, occurrence.pk, occurrence.starts_on), []).append(campaign_market.pk)
        if not opened:
            return [], 0
        for (today, late, occurrence_id, starts_on), pks in same.items():  # one update per market and day, not per row
            CampaignMarket.objects.filter(pk__in=pks).update(
                opened_on=today, opened_late=late, occurrence_id=occurrence_id, occasion_starts_on=starts_on
            )
        # A campaign without a year is for this year's occasion from now on.
        unpinned = {}
        for item in opened:
            campaign = item.campaign_market.campaign
            if campaign.year is None:
                campaign.year = item.campaign_market.occurrence.year
                unpinned.setdefault(campaign.year, set()).add(campaign.pk)
        for year, pks in unpinned.items():
            Campaign.objects.filter(pk__in=pks, year__isnull=True).update(year=year)
        offers = [item.campaign_market for item in opened]
        _ensure_variants(offers)
        planned = _plan(offers, People(offers), days)
    return opened, planned


def _ensure_variants(offers):
    """Each opened market's draft (campaigns.ensure_variants), asked only of campaigns still missing one."""
    have = set(
        CopyVariant.objects.filter(campaign_id__in={offer.campaign_id for offer in offers}, market_id__in={offer.market_id for offer in offers})
        .values_list("campaign_id", "market_id")
    )
    missing = {offer.campaign_id: offer.campaign for offer in offers if (offer.campaign_id, offer.market_id) not in have}
    for campaign in missing.values():
        campaigns.ensure_variants(campaign=campaign)


def _follow_moved_dates(run, todays):
    """Opened markets whose occurrence moved (a moon sighting confirmed another day): their unsent reminders
    move with it, and the people on it get one notice."""
    moved = (
        CampaignMarket.objects.filter(occurrence__isnull=False, occasion_starts_on__gte=min(todays.values()) - MOVED_DATE_HORIZON)
        .exclude(occurrence__starts_on=F("occasion_starts_on"))
        .values_list("pk", flat=True)
    )
    for pk in list(moved):
        try:
            with transaction.atomic():
                campaign_market = (
                    CampaignMarket.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("campaign", "market", "occurrence")
                    .filter(pk=pk).first()
                )
                if campaign_market is None or campaign_market.occurrence.starts_on == campaign_market.occasion_starts_on:
                    continue  # another run holds it, or has followed it already
                today = todays.get(campaign_market.market_id)
                if today is not None:
                    run.moved.append(_move(campaign_market, today))
        except (SchedulingError, ValidationError) as error:
            run.problems.append(" ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - a row saved past validation: said, skipped, the rest goes on
            logger.exception("schedule_campaigns skipped localization.campaignmarket %s: %s", pk, error)
            run.problems.append(_("Campaign market %(id)s was skipped: %(error)s") % {"id": pk, "error": f"{type(error).__name__}: {error}"})


def _move(campaign_market, today):
    campaign, moved_from, moved_to = campaign_market.campaign, campaign_market.occasion_starts_on, campaign_market.occurrence.starts_on
    dates = milestone_dates(campaign_market=campaign_market, starts_on=moved_to)
    waiting = Reminder.objects.filter(campaign=campaign, market_id=campaign_market.market_id, sent_at__isnull=True, skipped_at__isnull=True)
    reminders_moved = 0
    for milestone, due_on in dates.items():
        reminders_moved += waiting.filter(milestone=milestone).exclude(due_on=due_on).update(due_on=due_on)
    campaign_market.occasion_starts_on = moved_to
    campaign_market.save(update_fields=["occasion_starts_on"])
    told = 0
    for user in People([campaign_market]).for_milestone(Milestone.DATE_CHANGED, campaign, campaign_market.market_id):
        notice = waiting.filter(milestone=Milestone.DATE_CHANGED, recipient=user).first()
        if notice is None:
            Reminder.objects.create(campaign=campaign, market_id=campaign_market.market_id, milestone=Milestone.DATE_CHANGED,
                                    recipient=user, due_on=today, moved_from=moved_from)
            told += 1
        elif notice.moved_from == moved_to:  # back where people last heard it was: nothing to tell
            Reminder.objects.filter(pk=notice.pk).update(skipped_at=timezone.now(), skipped_because=Reminder.Skipped.MOVED_BACK)
        else:
            told += 1  # the notice waiting says where it is now when it is sent
    return Moved(campaign_market, moved_from, moved_to, reminders_moved, told)


def _plan(campaign_markets, people, days):
    """The reminders of the campaign markets just opened, at most once each (the unique constraint)."""
    planned = []
    for campaign_market in campaign_markets:
        campaign = campaign_market.campaign
        dates = milestone_dates(campaign_market=campaign_market, starts_on=campaign_market.occasion_starts_on, days=days[campaign.pk])
        for milestone in MILESTONES:
            for user in people.for_milestone(milestone, campaign, campaign_market.market_id):
                planned.append(
                    Reminder(campaign=campaign, market_id=campaign_market.market_id, milestone=milestone, recipient=user,
                             due_on=dates[milestone])
                )
    Reminder.objects.bulk_create(planned, ignore_conflicts=True, batch_size=2000)
    return len(planned)
