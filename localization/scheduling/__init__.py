"""When campaigns open and who is reminded of what: milestones, launch windows, opening markets,
next year's campaigns, progress, and reminders sent effectively once.

A market's launch day is its occasion's start there (T) minus the lead days (the campaign
market's, else the campaign's), a day in the market's own time zone. Beat runs
``schedule_due_campaigns`` and ``send_due_reminders`` every hour; both scan the database for
what is due, so a run missed, repeated or run twice at once changes nothing it should not.
The month view, the board and the feeds read the same selectors.

One module per topic; callers use the names below (``scheduling.send_due_reminders``).
"""
from ..timing import COUNTED_MILESTONES, MILESTONES, default_milestone_days, timing_problems
from .clock import Clock, parse_day
from .milestones import MET_WHEN, SchedulingError, milestone_dates, milestone_days_of, milestone_met
from .opening import Moved, Opened, ScheduleRun, schedule_due_campaigns
from .people import OWNER, RECIPIENTS, REVIEWERS, WRITERS, People, assignees
from .progress import MarketProgress, campaign_progress, reminders_for
from .repeats import carried_over_note, difference_to_last_year, repeat_campaign
from .sending import SendingStopped, SendRun, send_due_reminders
from .windows import LaunchWindow, launch_windows, targets

__all__ = [
    "COUNTED_MILESTONES", "MET_WHEN", "MILESTONES", "OWNER", "RECIPIENTS", "REVIEWERS", "WRITERS",
    "Clock", "LaunchWindow", "MarketProgress", "Moved", "Opened", "People", "ScheduleRun", "SchedulingError", "SendRun", "SendingStopped",
    "assignees", "campaign_progress", "carried_over_note", "default_milestone_days", "difference_to_last_year",
    "launch_windows", "milestone_dates", "milestone_days_of", "milestone_met", "parse_day", "reminders_for",
    "repeat_campaign", "schedule_due_campaigns", "send_due_reminders", "targets", "timing_problems",
]
