"""Rows to mend: what was saved past validation (raw SQL, an old bug, a restore) and would trip the pages and
tasks that read it. The board shows them to managers; the pages and tasks skip such rows one at a time
(``calendars.rows.skipped_if_broken``) and go on with the rest.
"""
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from calendars.models import Market, Observance, Occasion, Occurrence
from calendars.rows import breaking_rows, problem_of

from .models import Campaign, CampaignMarket
from .timing import timing_problems

CHECKED = [Market, Occasion, Observance, Occurrence, Campaign, CampaignMarket]


def damaged_rows(*, limit=50):
    """[calendars.rows.RowProblem]: the rows of the calendar and the campaigns whose stored values break the
    bounds their fields validate, and campaigns whose stored milestones the scheduler would refuse. One query
    per model, and one for the campaigns with milestones of their own."""
    found = []
    for model in CHECKED:
        found.extend(breaking_rows(model, limit=limit))
    try:
        timing_problems(milestone_days={})  # the default milestones themselves are settings, said elsewhere
    except ImproperlyConfigured:
        return found[:limit]
    for campaign in Campaign.objects.exclude(milestone_days={}).only("pk", "name", "milestone_days").order_by("pk"):
        problems = timing_problems(milestone_days=campaign.milestone_days).get("milestone_days")
        if problems:
            found.append(problem_of(campaign, _("milestones: %(problems)s") % {"problems": " ".join(problems)}))
    return found[:limit]

