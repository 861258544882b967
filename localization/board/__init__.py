"""What is due, for whom: the admin's front page and each campaign's markets at a glance.

The rules of what is whose live here, and each part is read in a fixed number of queries however
many campaigns and markets there are; the views only render what these return. Launch days and
milestones come from ``scheduling``, the one place they are computed. One module per part of the
page: the person's own work, the coming days per market, the campaign x market matrix.
"""
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .. import access, integrity
from ..access import visible_markets
from .matrix import CampaignRow, Cell, Checks, Matrix, campaign_matrix, progress_of
from .timeline import HORIZON_DAYS, Bar, Timeline, TimelineDay, TimelineRow, coming_days
from .work import MILESTONE_NAMES, Due, SentBack, ToReview, authors_of, due_this_week, milestones_of, sent_back_to, waiting_for_review_by

__all__ = [
    "HORIZON_DAYS", "MILESTONE_NAMES", "Bar", "Board", "CampaignRow", "Cell", "Checks", "Due", "Matrix", "SentBack", "Timeline",
    "TimelineDay", "TimelineRow", "ToReview", "authors_of", "campaign_matrix", "coming_days", "due_this_week", "for_user",
    "milestones_of", "progress_of", "sent_back_to", "visible_markets", "waiting_for_review_by",
]


@dataclass
class Board:
    today: date
    sent_back: list
    to_review: list
    due: list
    timeline: Timeline
    matrix: Matrix
    manager: bool
    to_mend: list  # managers': rows saved past validation, and rows this page had to skip (calendars.rows.RowProblem)


def for_user(user, *, today=None):
    """Everything the person's front page shows, in a fixed number of queries."""
    day = today or timezone.localdate()
    manager = access.is_manager(user)
    skipped = []
    timeline = coming_days(user, today=day, problems=skipped)
    campaigns = {}
    for window in timeline.windows:
        campaigns.setdefault(window.campaign.pk, window.campaign)
    return Board(
        today=day,
        sent_back=sent_back_to(user),
        to_review=waiting_for_review_by(user),
        due=due_this_week(user, today=day),
        timeline=timeline,
        matrix=campaign_matrix(campaigns.values(), user=user, today=today, problems=skipped),
        manager=manager,
        to_mend=_to_mend(integrity.damaged_rows(), skipped) if manager else [],
    )


def _to_mend(damaged, skipped):
    """Each row once: what its stored values break, else why the page skipped it."""
    seen = {(problem.model, problem.pk) for problem in damaged}
    return damaged + [problem for problem in skipped if (problem.model, problem.pk) not in seen and not seen.add((problem.model, problem.pk))]
