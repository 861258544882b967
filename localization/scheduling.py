"""When campaigns open and who is reminded of what: launch windows, opening markets, milestones,
next year's campaigns, moved dates, and reminders sent exactly once.

A market's launch day is its occasion's start there (T) minus the lead days (the campaign
market's, else the campaign's), a day in the market's own time zone. Beat runs
``schedule_due_campaigns`` and ``send_due_reminders`` every hour; both scan the database for
what is due, so a run missed, repeated or run twice at once changes nothing it should not.
The month view, the board and the feeds read the same selectors.
"""
import logging
import re
import uuid
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calendars.models import Market, Observance, Occurrence

from . import access, campaigns, notifications, quality
from .models import Campaign, CampaignMarket, CopyVariant, MarketAssignment, Milestone, Reminder, Review, Role, State

logger = logging.getLogger(__name__)

# In the order they fall: kickoff is the launch day, the others are counted back from T.
MILESTONES = [Milestone.KICKOFF, Milestone.COPY_DUE, Milestone.REVIEW_DUE, Milestone.EXPORT_DUE, Milestone.GO_LIVE]
COUNTED_MILESTONES = MILESTONES[1:]

# Who acts on each: the market's copywriters, its cultural reviewers, the campaign's owner.
WRITERS, REVIEWERS, OWNER = "writers", "reviewers", "owner"
RECIPIENTS = {
    Milestone.KICKOFF: (WRITERS, REVIEWERS),
    Milestone.COPY_DUE: (WRITERS,),
    Milestone.REVIEW_DUE: (REVIEWERS,),
    Milestone.EXPORT_DUE: (OWNER,),
    Milestone.GO_LIVE: (OWNER,),
    Milestone.DATE_CHANGED: (WRITERS, REVIEWERS, OWNER),
}
# A milestone is met once every copy of the market is in one of these states; its reminder is then skipped.
MET_WHEN = {
    Milestone.COPY_DUE: {State.IN_REVIEW, State.APPROVED, State.PUBLISHED},
    Milestone.REVIEW_DUE: {State.APPROVED, State.PUBLISHED},
    Milestone.EXPORT_DUE: {State.PUBLISHED},
    Milestone.GO_LIVE: {State.PUBLISHED},
}
# A confirmed date matters while the occasion is ahead or just past; older moves are history.
MOVED_DATE_HORIZON = timedelta(days=31)


class SchedulingError(ValidationError):
    """Bad timing input or data the scheduler cannot use; the message says what to fix."""


# Milestones: defaults, overrides, refusals ----------------------------------------------------


def _problems_in(overrides, base):
    """What is wrong with milestone days (``overrides`` on top of ``base``), as sentences."""
    if not isinstance(overrides, dict):
        return [_('Give the milestones as days before the occasion, such as {"copy_due": 25, "review_due": 18}.')]
    problems, days = [], dict(base)
    for name, value in overrides.items():
        if name == Milestone.KICKOFF:
            problems.append(_("Kickoff is the launch day: change the lead days to move it."))
        elif name not in COUNTED_MILESTONES:
            problems.append(
                _("'%(name)s' is not a milestone; use %(known)s.") % {"name": name, "known": ", ".join(COUNTED_MILESTONES)}
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(
                _("%(milestone)s: give a whole number of days before the occasion, such as 21, not %(value)r.")
                % {"milestone": Milestone(name).label, "value": value}
            )
        elif value < 0 and name == Milestone.GO_LIVE:
            problems.append(
                ngettext(
                    "Go-live %(days)s day after the occasion starts would be too late; give 0 (the day it starts) or more days before it.",
                    "Go-live %(days)s days after the occasion starts would be too late; give 0 (the day it starts) or more days before it.",
                    -value,
                ) % {"days": -value}
            )
        elif value < 0:
            problems.append(
                ngettext(
                    "%(milestone)s %(days)s day after the occasion would come after go-live; give 0 or more days before the occasion.",
                    "%(milestone)s %(days)s days after the occasion would come after go-live; give 0 or more days before the occasion.",
                    -value,
                ) % {"milestone": Milestone(name).label, "days": -value}
            )
        else:
            days[name] = value
    if problems:
        return problems
    known = [name for name in COUNTED_MILESTONES if name in days]
    for earlier, later in zip(known, known[1:]):
        if days[later] > days[earlier]:
            problems.append(
                _(
                    "%(later)s (%(later_days)s days before the occasion) would come before %(earlier)s (%(earlier_days)s days "
                    "before); copy is written, then reviewed, then exported, then goes live. Give %(later)s at most %(earlier_days)s days."
                )
                % {"later": Milestone(later).label, "later_days": days[later], "earlier": Milestone(earlier).label,
                   "earlier_days": days[earlier]}
            )
    return problems


def default_milestone_days():
    """settings.GLOCAL_MILESTONE_DAYS, checked: every milestone after kickoff, in order, none after go-live."""
    configured = getattr(settings, "GLOCAL_MILESTONE_DAYS", None)
    problems = _problems_in(configured, {})
    if not problems:
        missing = [name for name in COUNTED_MILESTONES if name not in configured]
        if missing:
            problems = [f"missing {', '.join(missing)}"]
    if problems:
        raise ImproperlyConfigured(f"GLOCAL_MILESTONE_DAYS: {' '.join(str(p) for p in problems)}")
    return dict(configured)


def timing_problems(*, lead_days=None, milestone_days=None):
    """Why these lead days or milestone overrides are refused: {field: [sentences]}, empty when fine."""
    problems = {}
    if isinstance(lead_days, int) and not isinstance(lead_days, bool) and lead_days < 0:
        problems["lead_days"] = [
            _("Lead days of %(days)s would open the campaign after its occasion; give 0 or more days, such as 30.") % {"days": lead_days}
        ]
    if milestone_days is not None:
        found = _problems_in(milestone_days, default_milestone_days())
        if found:
            problems["milestone_days"] = found
    return problems


def milestone_days_of(campaign):
    """Days before T of each milestone after kickoff: the defaults with the campaign's overrides."""
    problems = _problems_in(campaign.milestone_days or {}, default_milestone_days())
    if problems:
        raise SchedulingError(
            _("The milestones of %(campaign)s are wrong: %(problems)s") % {"campaign": campaign, "problems": " ".join(problems)}
        )
    return {**default_milestone_days(), **(campaign.milestone_days or {})}


def milestone_dates(*, campaign_market, starts_on, days=None):
    """Each milestone's day in the market for an occasion starting on ``starts_on``.

    None falls before the launch day: with a short lead, what would be due earlier is due the day the market opens.
    """
    days = days if days is not None else milestone_days_of(campaign_market.campaign)
    launch_on = starts_on - timedelta(days=campaign_market.effective_lead_days)
    dates = {Milestone.KICKOFF: launch_on}
    for name in COUNTED_MILESTONES:
        dates[name] = max(starts_on - timedelta(days=days[name]), launch_on)
    return dates


def milestone_met(milestone, states):
    """Whether every copy of the market (``states``) has got past the milestone. Kickoff and notices never are."""
    wanted = MET_WHEN.get(milestone)
    return bool(wanted and states and all(state in wanted for state in states))


# Each market's own day ------------------------------------------------------------------------


def parse_day(text):
    """'2027-05-13' -> date(2027, 5, 13); None stays None (each market's own day); else a SchedulingError saying how to write it."""
    if text is None:
        return None
    cleaned = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:  # 2027-13-40
            pass
    raise SchedulingError(_("'%(text)s' is not a date; write it as YYYY-MM-DD, such as 2027-05-13.") % {"text": text})


class Clock:
    """Today in each market: the given day everywhere, or each market's own date at ``now``."""

    def __init__(self, *, today=None, now=None):
        self.today = today
        self.now = now or timezone.now()

    def today_in(self, market):
        if self.today is not None:
            return self.today
        try:
            zone = zoneinfo.ZoneInfo(market.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            raise SchedulingError(
                _("Market %(market)s has the time zone '%(zone)s', which is not an IANA time zone; correct it on the market's "
                  "page, with a name such as America/Sao_Paulo.") % {"market": market.code, "zone": market.time_zone}
            ) from None
        return self.now.astimezone(zone).date()

    def todays(self, markets):
        """({market id: today there}, [problems]): a market whose day is unknown is left out and named."""
        found, problems = {}, []
        for market in markets:
            try:
                found[market.pk] = self.today_in(market)
            except SchedulingError as error:
                problems.append(" ".join(error.messages))
        return found, problems


# Launch windows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LaunchWindow:
    """A campaign in one market, from its launch day to the occasion's last day."""

    campaign_market: CampaignMarket
    occurrence: Occurrence
    launch_on: date

    @property
    def campaign(self):
        return self.campaign_market.campaign

    @property
    def starts_on(self):
        return self.occurrence.starts_on

    @property
    def ends_on(self):
        return self.occurrence.ends_on


def targets(campaign_market, occurrence):
    """Whether the campaign is for this occurrence in the market: the one it opened for; else one of the
    campaign's year; a campaign without a year is for every one until it opens."""
    if campaign_market.occurrence_id is not None:
        return occurrence.pk == campaign_market.occurrence_id
    year = campaign_market.campaign.year
    return year is None or occurrence.year == year


def launch_windows(*, first_day, last_day, markets=None, campaigns=None):
    """The launch windows overlapping [first_day, last_day], earliest first: the month view's campaign
    bands and the board's coming weeks. A market that does not keep its occasion has none. Two queries."""
    offers = (
        CampaignMarket.objects.filter(Q(occasion__isnull=False) | Q(campaign__occasion__isnull=False))
        # A window runs at most a year ahead of its occurrence, which is dated in the campaign's year.
        .filter(Q(campaign__year__isnull=True) | Q(campaign__year__gte=first_day.year - 1, campaign__year__lte=last_day.year + 1))
        .select_related("campaign", "market")
    )
    if markets is not None:
        offers = offers.filter(market__in=markets)
    if campaigns is not None:
        offers = offers.filter(campaign__in=campaigns)
    offers = list(offers)
    if not offers:
        return []
    longest_lead = timedelta(days=max(offer.effective_lead_days for offer in offers))
    dated = {}
    for occurrence in Occurrence.objects.filter(
        market_id__in={offer.market_id for offer in offers},
        occasion_id__in={offer.occasion_in_market_id for offer in offers},
        starts_on__lte=last_day + longest_lead,
        ends_on__gte=first_day,
    ).order_by("starts_on"):
        dated.setdefault((occurrence.occasion_id, occurrence.market_id), []).append(occurrence)
    windows = []
    for offer in offers:
        for occurrence in dated.get((offer.occasion_in_market_id, offer.market_id), []):
            launch_on = occurrence.starts_on - timedelta(days=offer.effective_lead_days)
            if launch_on <= last_day and targets(offer, occurrence):
                windows.append(LaunchWindow(offer, occurrence, launch_on))
    windows.sort(key=lambda window: (window.launch_on, window.campaign.name, window.campaign_market.market.code))
    return windows


def _due_occurrence(campaign_market, dated, today):
    """(occurrence, launch day) when the market's launch day has come and its occasion is not over; else None."""
    for occurrence in dated.get((campaign_market.occasion_in_market_id, campaign_market.market_id), []):
        if occurrence.ends_on < today or not targets(campaign_market, occurrence):
            continue
        launch_on = occurrence.starts_on - timedelta(days=campaign_market.effective_lead_days)
        return (occurrence, launch_on) if launch_on <= today else None
    return None


# Who is reminded --------------------------------------------------------------------------------


class People:
    """Who the reminders about some campaign markets go to, read in three queries for all of them.

    The writers are the copywriters assigned to the campaign's copy in the market, else every copywriter
    of the market; the reviewers are the market's; the owner is the campaign's, else every campaign
    manager. Only active people with an address.
    """

    def __init__(self, campaign_markets):
        market_ids = {campaign_market.market_id for campaign_market in campaign_markets}
        self.by_market = {market_id: {WRITERS: {}, REVIEWERS: {}} for market_id in market_ids}
        for assignment in MarketAssignment.objects.filter(
            market_id__in=market_ids, user__is_active=True, user__email__gt=""
        ).select_related("user"):
            role = WRITERS if assignment.role == Role.COPYWRITER else REVIEWERS
            self.by_market[assignment.market_id][role][assignment.user_id] = assignment.user
        self.chosen = {}
        for variant in CopyVariant.objects.filter(
            campaign_id__in={campaign_market.campaign_id for campaign_market in campaign_markets}, market_id__in=market_ids,
            copywriter__is_active=True, copywriter__email__gt="",
        ).select_related("copywriter"):
            self.chosen.setdefault((variant.campaign_id, variant.market_id), {})[variant.copywriter_id] = variant.copywriter
        self._managers = None

    def managers(self):
        if self._managers is None:
            from django.contrib.auth import get_user_model

            self._managers = list(
                get_user_model().objects.filter(is_active=True, email__gt="", groups__name=access.MANAGERS).distinct().order_by("username")
            )
        return self._managers

    def of(self, role, campaign, market_id):
        if role == OWNER:
            owner = campaign.owner
            return [owner] if owner is not None and owner.is_active and owner.email else self.managers()
        people = self.chosen.get((campaign.pk, market_id)) if role == WRITERS else None
        return sorted((people or self.by_market[market_id][role]).values(), key=lambda user: user.username)

    def for_milestone(self, milestone, campaign, market_id):
        """The people a milestone's reminder goes to, each once."""
        found = {}
        for role in RECIPIENTS[milestone]:
            for user in self.of(role, campaign, market_id):
                found.setdefault(user.pk, user)
        return list(found.values())


def assignees(campaign, market_ids):
    """{market id: {WRITERS: [users], REVIEWERS: [users], OWNER: [users]}}: who the campaign's reminders there go to."""
    offers = [CampaignMarket(campaign=campaign, market_id=market_id) for market_id in market_ids]
    people = People(offers)
    return {market_id: {role: people.of(role, campaign, market_id) for role in (WRITERS, REVIEWERS, OWNER)} for market_id in market_ids}


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


# The scheduler ----------------------------------------------------------------------------------


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
                    created = _repeat(campaign)
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
        today = todays.get(campaign_market.market_id)
        found = _due_occurrence(campaign_market, dated, today) if today else None
        if not found:
            continue
        campaign = campaign_market.campaign
        if campaign.pk not in days:
            try:
                days[campaign.pk] = milestone_days_of(campaign)
            except SchedulingError as error:  # named, and left closed until someone mends its milestones
                days[campaign.pk] = None
                run.problems.append(" ".join(error.messages))
        if days[campaign.pk] is not None:
            due.append((campaign_market, *found, today))
    if due:
        opened, planned = _open(due, days)
        run.opened.extend(opened)
        run.reminders_planned += planned


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


# Next year's campaign ---------------------------------------------------------------------------


def _next_year_text(text, year, separator, max_length):
    """"Valentine's 2027" -> "Valentine's 2028"; a name without the year gets it appended."""
    pattern = rf"(?<!\d){year - 1}(?!\d)"
    if re.search(pattern, text):
        return re.sub(pattern, str(year), text)
    suffix = f"{separator}{year}"
    return text[: max_length - len(suffix)] + suffix


def _free_slug(slug):
    if not Campaign.objects.filter(slug=slug).exists():
        return slug
    taken = set(Campaign.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    return next(f"{slug[:75]}-{n}" for n in range(2, 10_000) if f"{slug[:75]}-{n}" not in taken)


def _a_year_later(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def carried_over_note(previous):
    return _("Carried over from %(campaign)s: check dates, prices and names.") % {"campaign": previous.name}


def repeat_campaign(*, campaign):
    """Next year's campaign of this one, created once: the year in its name and slug; the same markets, offers,
    source copy, owner, lead days and milestones; each market's copy a draft carried over from this year's
    approved copy. Returns it (the existing one when it was created before)."""
    created = _repeat(campaign)
    return created if created is not None else Campaign.objects.get(previous_campaign=campaign)


def _repeat(previous):
    """Next year's campaign, or None when it exists already."""
    if previous.year is None:
        raise SchedulingError(
            _("%(campaign)s has no year yet, so it has no next year; give it the year of its occasion.") % {"campaign": previous}
        )
    year = previous.year + 1
    with transaction.atomic():
        previous = Campaign.objects.select_for_update().get(pk=previous.pk)
        if Campaign.objects.filter(previous_campaign=previous).exists():
            return None
        offers = list(previous.campaign_markets.select_related("market"))
        slug_field = Campaign._meta.get_field("slug")
        campaign = campaigns.create_campaign(
            user=previous.owner,
            markets=[offer.market for offer in offers],
            slug=_free_slug(_next_year_text(previous.slug, year, "-", slug_field.max_length)),
            name=_next_year_text(previous.name, year, " ", Campaign._meta.get_field("name").max_length),
            occasion=previous.occasion,
            source_locale=previous.source_locale,
            discount_percent=previous.discount_percent,
            lead_days=previous.lead_days,
            ends_on=_a_year_later(previous.ends_on),
            year=year,
            repeats_yearly=True,
            previous_campaign=previous,
            milestone_days=previous.milestone_days,
            **previous.copy_fields(),
        )
        _copy_offers(offers, campaign)
        _carry_over_copy(previous, campaign)
    return campaign


# The scheduler's own fields are this year's; everything else about an offer carries over.
_NOT_CARRIED = {"id", "campaign", "opened_on", "opened_late", "occurrence", "occasion_starts_on"}


def _copy_offers(offers, campaign):
    carried = [f for f in CampaignMarket._meta.concrete_fields if f.name not in _NOT_CARRIED and f.name != "market"]
    new = {offer.market_id: offer for offer in campaign.campaign_markets.all()}
    for offer in offers:
        for carried_field in carried:
            setattr(new[offer.market_id], carried_field.attname, getattr(offer, carried_field.attname))
    if carried:
        CampaignMarket.objects.bulk_update(list(new.values()), [carried_field.name for carried_field in carried])


def _carry_over_copy(previous, campaign):
    approved = {}
    for review in Review.objects.filter(variant__campaign=previous, action=Review.Action.APPROVE).select_related("variant").order_by("-id"):
        approved.setdefault((review.variant.market_id, review.variant.locale), review)
    existing = {(variant.market_id, variant.locale): variant for variant in campaign.variants.select_related("campaign", "market")}
    note = carried_over_note(previous)
    for (market_id, locale), review in approved.items():
        old = review.variant
        variant = existing.get((market_id, locale)) or CopyVariant(
            campaign=campaign, market_id=market_id, locale=locale, source_version=campaign.source_version
        )
        for name, value in review.copy.items():
            if hasattr(variant, name) and name in variant.copy_fields():
                setattr(variant, name, value)
        variant.carried_over_from = old
        if variant.copywriter_id is None and old.copywriter_id and access.may_write(old.copywriter, market_id):
            variant.copywriter_id = old.copywriter_id
        variant.version = (variant.version or 1) + 1 if variant.pk else 2
        variant.state = State.DRAFT
        variant.save()
        quality.refresh_findings(variant)
        Review.objects.create(
            variant=variant, action=Review.Action.EDIT, actor=None, note=note, from_state=State.DRAFT, to_state=State.DRAFT,
            variant_version=variant.version, source_version=variant.source_version, copy=variant.copy_fields(),
        )


def difference_to_last_year(variant):
    """[(field, last year's approved text, this draft's text)] for the fields that differ, for the reviewer
    of carried-over copy; empty when the copy was not carried over."""
    previous = variant.carried_over_from
    if previous is None:
        return []
    last_approved = (
        Review.objects.filter(variant=previous, action=Review.Action.APPROVE).order_by("-id").values_list("copy", flat=True).first()
    ) or previous.copy_fields()
    return [
        (name, last_approved.get(name, ""), text) for name, text in variant.copy_fields().items()
        if last_approved.get(name, "") != text
    ]


# Progress: what is due and what is overdue ----------------------------------------------------------


@dataclass
class MarketProgress:
    """One market of a campaign today: its copy's states, its milestones, what is overdue and what comes next."""

    campaign_market: CampaignMarket
    today: date
    states: list
    occurrence: Occurrence | None = None
    milestones: dict = field(default_factory=dict)

    @property
    def launch_on(self):
        return self.milestones.get(Milestone.KICKOFF)

    @property
    def over(self):
        return self.occurrence is not None and self.occurrence.ends_on < self.today

    @property
    def overdue(self):
        """[(milestone, day)] passed and not met, while the occasion is not over (then they are missed)."""
        if self.over:
            return []
        return [(name, day) for name, day in self.milestones.items()
                if name in MET_WHEN and day < self.today and not milestone_met(name, self.states)]

    @property
    def next_milestone(self):
        """(milestone, day) of the next one not met, or None."""
        return next(((name, day) for name, day in self.milestones.items()
                     if day >= self.today and not milestone_met(name, self.states)), None)


def campaign_progress(campaign, *, today=None, now=None):
    """Each market of the campaign, as MarketProgress: the board's campaign × market matrix. At most three queries."""
    clock = Clock(today=today, now=now)
    offers = list(campaign.campaign_markets.select_related("market", "occurrence"))
    for offer in offers:
        offer.campaign = campaign
    states = {}
    for market_id, state in CopyVariant.objects.filter(campaign=campaign).values_list("market_id", "state"):
        states.setdefault(market_id, []).append(state)
    todays, _problems = clock.todays([offer.market for offer in offers])
    upcoming = {}
    if any(offer.occurrence_id is None for offer in offers) and todays:
        for occurrence in Occurrence.objects.filter(
            market_id__in={offer.market_id for offer in offers}, occasion_id__in={offer.occasion_in_market_id for offer in offers},
            ends_on__gte=min(todays.values()),
        ).order_by("starts_on"):
            upcoming.setdefault((occurrence.occasion_id, occurrence.market_id), []).append(occurrence)
    days = milestone_days_of(campaign)
    found = []
    for offer in offers:
        today = todays.get(offer.market_id)
        if today is None:
            continue
        occurrence = offer.occurrence if offer.occurrence_id else next(
            (o for o in upcoming.get((offer.occasion_in_market_id, offer.market_id), []) if o.ends_on >= today and targets(offer, o)),
            None,
        )
        starts_on = offer.occasion_starts_on if offer.occurrence_id else (occurrence.starts_on if occurrence else None)
        milestones = milestone_dates(campaign_market=offer, starts_on=starts_on, days=days) if starts_on else {}
        found.append(MarketProgress(offer, today, states.get(offer.market_id, []), occurrence, milestones))
    return found


def reminders_for(user, *, first_day=None, last_day=None):
    """The user's reminders (milestones and notices), earliest first: the user's iCalendar feed and the board's "due this week"."""
    found = Reminder.objects.filter(recipient=user).select_related("campaign", "market").order_by("due_on", "milestone")
    if first_day is not None:
        found = found.filter(due_on__gte=first_day)
    if last_day is not None:
        found = found.filter(due_on__lte=last_day)
    return found


# Sending, exactly once --------------------------------------------------------------------------


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
