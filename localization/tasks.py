"""Celery tasks: thin callers of the services."""
from celery import shared_task

from . import notifications, quality
from .models import Review


@shared_task
def send_review_notification(review_id):
    review = Review.objects.select_related("variant__campaign", "variant__market", "actor").get(pk=review_id)
    return notifications.notify_about(review)


@shared_task
def recheck_approved_copy(user_id=None, change="", locales=None):
    """After a glossary change: stored findings brought up to date; approved copy it now faults turns stale."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return len(quality.refresh_after_glossary_change(user=user, change=change, locales=locales))
