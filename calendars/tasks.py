"""Celery tasks of the calendar: thin callers of the services."""
from celery import shared_task

from . import occurrences


@shared_task
def materialize_upcoming_occurrences(years=10):
    """Keep the next years dated (beat runs it daily); returns what changed."""
    return str(occurrences.materialize(occurrences.upcoming_years(count=years)))
