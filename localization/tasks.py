"""Celery tasks: thin callers of the services."""
from celery import shared_task

from . import notifications, quality
from .models import Review


@shared_task
def send_review_notification(review_id):
    review = Review.objects.select_related("variant__campaign", "variant__market", "actor").get(pk=review_id)
    return notifications.notify_about(review)


@shared_task
def recheck_approved_copy():
    """After a glossary change: approved copy the glossary now faults turns stale."""
    return len(quality.stale_after_glossary_change())
