"""Celery tasks: thin callers of the services."""
from celery import group, shared_task
from celery.utils.log import get_task_logger
from django.contrib.auth import get_user_model

from . import glossary, notifications, scheduling
from .export import jobs
from .models import Review

logger = get_task_logger(__name__)


@shared_task
def send_review_notification(review_id):
    review = Review.objects.select_related("variant__campaign", "variant__market", "actor").get(pk=review_id)
    return notifications.notify_about(review)


@shared_task
def recheck_approved_copy(user_id=None, change="", locales=None):
    """After a glossary change: stored findings brought up to date; approved copy it now faults turns stale."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return len(glossary.refresh_after_glossary_change(user=user, change=change, locales=locales))


# Landing-page exports: the steps of localization.export.jobs, fanned out per market and joined.


@shared_task
def start_bundle_export(export_id):
    group(render_bundle_market.s(export_id, market) for market in jobs.start(export_id)).apply_async()


@shared_task
def render_bundle_market(export_id, market):
    if jobs.render_market(export_id, market):  # the last market in: join (a second join finds it done)
        join_bundle_export.delay(export_id)


@shared_task
def join_bundle_export(export_id):
    return jobs.join(export_id).state


@shared_task
def sweep_exports():
    """Beat, every five minutes: send exports the task queue did not take, and again those whose tasks were lost."""
    return str(jobs.sweep())


@shared_task
def schedule_campaigns():
    """Beat, hourly: open the markets whose launch day came, create next years' campaigns, follow moved dates."""
    return str(scheduling.schedule_due_campaigns())


@shared_task
def send_reminders():
    """Beat, hourly: send each due reminder once. A lost database ends the run, said in one line of the log."""
    try:
        return str(scheduling.send_due_reminders())
    except scheduling.SendingStopped as stopped:  # said in one line, without a traceback; the next tick goes on
        logger.error("%s", stopped)
        return str(stopped)
