"""The copy workflow: one transition table, and the services that move copy through it.

Every service checks the rules, acts in one transaction and keeps a Review row; the admin,
commands and tasks call these and nothing else.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import access, quality
from .models import COPY_FIELDS, CopyVariant, Review, State

Action = Review.Action

# action -> {state it may start from: state it leads to}
TRANSITIONS = {
    Action.EDIT: {
        State.DRAFT: State.DRAFT,
        State.CHANGES_REQUESTED: State.CHANGES_REQUESTED,
        State.STALE: State.STALE,
        State.APPROVED: State.DRAFT,  # editing approved copy withdraws the approval
        State.PUBLISHED: State.DRAFT,
    },
    Action.SUBMIT: {State.DRAFT: State.IN_REVIEW, State.CHANGES_REQUESTED: State.IN_REVIEW, State.STALE: State.IN_REVIEW},
    Action.APPROVE: {State.IN_REVIEW: State.APPROVED},
    Action.REQUEST_CHANGES: {State.IN_REVIEW: State.CHANGES_REQUESTED},
    Action.PUBLISH: {State.APPROVED: State.PUBLISHED},
    Action.MARK_STALE: {State.IN_REVIEW: State.STALE, State.APPROVED: State.STALE, State.PUBLISHED: State.STALE},
}


class WorkflowError(ValidationError):
    """The copy is not in a state that allows this, or the input is incomplete."""


class TransitionNotAllowed(WorkflowError):
    pass


class NoteRequired(WorkflowError):
    pass


class ConcurrentEdit(WorkflowError):
    """Someone else saved the copy since the version this change was based on."""


class ChecksBlockApproval(WorkflowError):
    """An error-level finding stands, or a warning is not acknowledged."""


class NotYourMarket(PermissionDenied):
    pass


class FourEyes(PermissionDenied):
    """Nobody approves copy they last edited."""


def allowed_actions(variant):
    return [action for action, moves in TRANSITIONS.items() if variant.state in moves]


def _target(variant, action):
    moves = TRANSITIONS[action]
    if variant.state not in moves:
        starts = ", ".join(str(State(state).label).lower() for state in moves)
        raise TransitionNotAllowed(
            _("%(variant)s is %(state)s; only copy that is %(starts)s can be %(action)s.")
            % {
                "variant": variant,
                "state": variant.get_state_display().lower(),
                "starts": starts,
                "action": str(Action(action).label).lower(),
            },
            code="transition_not_allowed",
        )
    return moves[variant.state]


def _conflict(variant, expected_version):
    changed_by = variant.updated_by.get_username() if variant.updated_by else _("someone")
    return ConcurrentEdit(
        _(
            "%(variant)s was changed by %(user)s at %(when)s (now version %(current)s) while you worked on "
            "version %(expected)s. Your change was not saved: reload the page, look at their change and apply yours again."
        )
        % {
            "variant": variant,
            "user": changed_by,
            "when": date_format(timezone.localtime(variant.updated_at), "DATETIME_FORMAT"),
            "current": variant.version,
            "expected": expected_version,
        },
        code="concurrent_edit",
    )


def _locked(variant, expected_version=None):
    """The variant as it is now in the database, locked until the transaction ends."""
    # No joins here: after waiting for a lock, PostgreSQL re-reads the locked row but not rows
    # outer-joined to it, so related objects are loaded afterwards, fresh.
    current = CopyVariant.objects.select_for_update().get(pk=variant.pk)
    if expected_version is not None and current.version != expected_version:
        raise _conflict(current, expected_version)
    return current


def _record(variant, *, action, user, from_state, note="", acknowledged=()):
    review = Review.objects.create(
        variant=variant,
        action=action,
        actor=user,
        note=note,
        acknowledged=list(acknowledged),
        from_state=from_state,
        to_state=variant.state,
        variant_version=variant.version,
        source_version=variant.source_version,
        copy=variant.copy_fields(),
    )
    if action in (Action.SUBMIT, Action.REQUEST_CHANGES, Action.APPROVE):
        from .tasks import send_review_notification

        # robust: a broker that is down must not turn a saved decision into an error page.
        transaction.on_commit(lambda: send_review_notification.delay(review.pk), robust=True)
    return review


def _move(variant, *, action, user, note="", expected_version=None, check=None, **changes):
    """Apply one transition of the table to the locked row and keep the Review.

    ``check(current)`` may refuse by raising, or return what the Review keeps as acknowledged.
    """
    with transaction.atomic():
        current = _locked(variant, expected_version)
        target = _target(current, action)
        acknowledged = (check(current) if check else None) or ()
        from_state = current.state
        current.state = target
        current.version += 1
        current.updated_by = user
        for name, value in changes.items():
            setattr(current, name, value)
        current.save()
        review = _record(current, action=action, user=user, from_state=from_state, note=note, acknowledged=acknowledged)
    _refresh(variant, current)
    return review


def _refresh(stale_instance, current):
    """Let the caller's object reflect what was saved."""
    for field in CopyVariant._meta.concrete_fields:
        setattr(stale_instance, field.attname, getattr(current, field.attname))


def _require_writer(user, variant):
    if not access.may_write(user, variant.market_id):
        raise NotYourMarket(
            _("You are not assigned to write copy for %(market)s; ask a campaign manager to assign you.")
            % {"market": variant.market.code}
        )


def _require_decider(user, variant):
    if access.may_review(user, variant.market_id):
        return
    if any(approver.pk == user.pk for approver in access.eligible_approvers(variant)):
        return  # a backup: the market has no other reviewer
    raise NotYourMarket(
        _("You do not review %(market)s; only its cultural reviewers can decide on this copy.")
        % {"market": variant.market.code}
    )


def _require_four_eyes(user, variant):
    if user.pk in access.authors(variant):
        others = ", ".join(u.get_username() for u in access.eligible_approvers(variant)) or _("nobody yet")
        raise FourEyes(
            _("You edited %(variant)s since it was last approved, so someone else must approve it (four eyes). It may be approved by: %(others)s.")
            % {"variant": variant, "others": others}
        )


def save_copy(*, variant, user, expected_version, **fields):
    """Save new copy text, refusing a save based on an old version (optimistic locking)."""
    unknown = set(fields) - set(COPY_FIELDS)
    if unknown:
        raise WorkflowError(_("Unknown copy fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    _require_writer(user, variant)
    with transaction.atomic():
        current = _locked(variant, expected_version)
        if all(getattr(current, name) == value for name, value in fields.items()):
            _refresh(variant, current)
            return None  # nothing changed: no new version, no history noise
        target = _target(current, Action.EDIT)
        from_state = current.state
        # The conditional UPDATE is the guard where the database cannot lock rows (SQLite).
        updated = CopyVariant.objects.filter(pk=current.pk, version=expected_version).update(
            **fields,
            state=target,
            version=F("version") + 1,
            last_edited_by=user,
            updated_by=user,
            updated_at=timezone.now(),
        )
        if not updated:
            raise _conflict(CopyVariant.objects.get(pk=current.pk), expected_version)
        current.refresh_from_db()
        quality.refresh_findings(current)
        note = _("Edited after approval: the approval is withdrawn.") if from_state != target else ""
        review = _record(current, action=Action.EDIT, user=user, from_state=from_state, note=note)
    _refresh(variant, current)
    return review


def assign_copywriter(*, variant, user, copywriter):
    """A campaign manager assigns the variant to one of its market's copywriters (or to nobody)."""
    if not access.is_manager(user):
        raise PermissionDenied(_("Only campaign managers assign copywriters."))
    if copywriter is not None and not access.may_write(copywriter, variant.market_id):
        raise NotYourMarket(
            _("%(user)s does not write copy for %(market)s; assign them to the market first.")
            % {"user": copywriter.get_username(), "market": variant.market.code}
        )
    CopyVariant.objects.filter(pk=variant.pk).update(copywriter=copywriter)
    variant.copywriter = copywriter
    return variant


def create_variant(*, variant, user):
    """A new variant (an unsaved CopyVariant with campaign, market, locale and copy) by a writer of its market."""
    if not access.is_manager(user):
        _require_writer(user, variant)
        variant.copywriter = user
    with transaction.atomic():
        variant.state = State.DRAFT
        variant.source_version = variant.campaign.source_version
        variant.last_edited_by = variant.updated_by = user
        variant.full_clean()
        variant.save()
        quality.refresh_findings(variant)
        _record(variant, action=Action.EDIT, user=user, from_state=State.DRAFT)
    return variant


def submit(*, variant, user):
    """A copywriter hands the copy of their market to its cultural reviewers."""
    _require_writer(user, variant)

    def has_copy(current):
        if not (current.headline.strip() and current.body.strip()):
            raise WorkflowError(_("Write at least the headline and the body before submitting %(variant)s.") % {"variant": current})

    return _move(
        variant, action=Action.SUBMIT, user=user, check=has_copy, source_version=variant.campaign.source_version
    )


def approve(*, variant, user, note="", expected_version=None, acknowledged=()):
    """A reviewer of the market approves copy someone else last edited, once the checks allow it:
    no error-level finding, and every warning acknowledged (by its key) and kept in the Review."""
    _require_decider(user, variant)
    _require_four_eyes(user, variant)

    def checks_allow(current):
        _require_four_eyes(user, current)  # again on the locked row: who edited it last is settled now
        findings = quality.findings_for(current)
        errors = quality.errors(findings)
        if errors:
            raise ChecksBlockApproval(
                _("%(variant)s cannot be approved while the checks find errors: %(errors)s")
                % {"variant": current, "errors": " ".join(f"[{f['field']}] {f['message']}" for f in errors)},
                code="checks_error",
            )
        open_warnings = [f for f in quality.warnings(findings) if f["key"] not in set(acknowledged)]
        if open_warnings:
            raise ChecksBlockApproval(
                _("Acknowledge each warning before approving %(variant)s: %(warnings)s")
                % {"variant": current, "warnings": " ".join(f"[{f['field']}] {f['message']}" for f in open_warnings)},
                code="warnings_not_acknowledged",
            )
        return quality.warnings(findings)

    return _move(
        variant, action=Action.APPROVE, user=user, note=note.strip(), expected_version=expected_version, check=checks_allow,
        reviewer=user,
    )


def request_changes(*, variant, user, note, expected_version=None):
    """A reviewer of the market sends the copy back, saying what to change."""
    _require_decider(user, variant)
    if not (note or "").strip():
        raise NoteRequired(_("Say what to change: a note is required to request changes."), code="note_required")
    return _move(
        variant, action=Action.REQUEST_CHANGES, user=user, note=note.strip(), expected_version=expected_version, reviewer=user
    )


def mark_stale(*, variant, user, note):
    """The source changed in meaning after approval: the market's copy must be reviewed again."""
    return _move(variant, action=Action.MARK_STALE, user=user, note=note)
