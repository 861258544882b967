"""E-mails to the people who must act on a review step."""
from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from . import access
from .models import Review


def recipients_for(review):
    """Submitted copy goes to who may approve it; a decision goes back to who wrote it."""
    variant = review.variant
    if review.action == Review.Action.SUBMIT:
        people = access.eligible_approvers(variant)
    else:
        people = [user for user in (variant.last_edited_by, variant.copywriter) if user]
    return sorted({user.email for user in people if user.email and user.pk != review.actor_id})


def notify_about(review):
    """Send the e-mails for one review step; returns how many were sent."""
    subjects = {
        Review.Action.SUBMIT: _("Copy to review: %(variant)s"),
        Review.Action.APPROVE: _("Approved: %(variant)s"),
        Review.Action.REQUEST_CHANGES: _("Changes requested: %(variant)s"),
    }
    if review.action not in subjects:
        return 0
    subject = subjects[review.action] % {"variant": review.variant}
    actor = review.actor.get_username() if review.actor else _("Glocal")
    body = _("%(actor)s: %(action)s (version %(version)s).") % {
        "actor": actor,
        "action": review.get_action_display(),
        "version": review.variant_version,
    }
    if review.note:
        body += "\n\n" + review.note
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients_for(review)]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
