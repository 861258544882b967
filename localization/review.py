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
from .background import enqueue_on_commit
from .checks import field_label
from .models import COPY_FIELDS, MAX_COPY_CHARACTERS, CopyVariant, Review, State

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
    Action.GLOSSARY_STALE: {State.APPROVED: State.STALE, State.PUBLISHED: State.STALE},
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


class NoReviewer(WorkflowError):
    """The market has no cultural reviewer: its copy waits until a manager assigns one."""


def allowed_actions(variant):
    """The actions the copy's state allows, whoever asks."""
    return [action for action, moves in TRANSITIONS.items() if variant.state in moves]


def editable(variant):
    """Whether the copy's state lets its text change (not while a reviewer is deciding)."""
    return variant.state in TRANSITIONS[Action.EDIT]


def may_edit(user, variant):
    """Whether this user may change this copy's text now: a writer of its market, and an editable state."""
    return editable(variant) and access.may_write(user, variant.market_id)


def may_submit(user, variant):
    """Whether this user may hand this copy to its reviewers now."""
    return variant.state in TRANSITIONS[Action.SUBMIT] and access.may_write(user, variant.market_id)


def decides_on(user, variant, *, approvers=None):
    """Whether the user decides on this copy's market: one of its reviewers, or the stand-in where
    its reviewers all wrote it (``approvers``: ``access.eligible_approvers(variant)``, if already known).
    Nobody decides on copy of a market that has no cultural reviewer."""
    approvers = access.eligible_approvers(variant) if approvers is None else approvers
    if not approvers and not access.has_reviewer(variant.market_id):
        return False
    if access.may_review(user, variant.market_id):
        return True
    return any(approver.pk == user.pk for approver in approvers)


def may_decide(user, variant, *, approvers=None):
    """Whether the user may approve or send back this copy now. Four eyes is judged on approval."""
    return variant.state in TRANSITIONS[Action.APPROVE] and decides_on(user, variant, approvers=approvers)


def open_change_request(variant):
    """The reviewer's latest request for changes (note, who, when) while no approval has followed it; else None."""
    latest = (
        variant.reviews.filter(action__in=[Action.APPROVE, Action.REQUEST_CHANGES])
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    return latest if latest is not None and latest.action == Action.REQUEST_CHANGES else None


def refusal(variant, action):
    """Why the copy's state does not allow the action, as the error to raise; None when it does."""
    if variant.state in TRANSITIONS[action]:
        return None
    # How a state reads in a sentence: "is a draft", "is sent back for changes".
    states = {
        State.DRAFT: _("a draft"),
        State.IN_REVIEW: _("in review"),
        State.CHANGES_REQUESTED: _("sent back for changes"),
        State.APPROVED: _("approved"),
        State.PUBLISHED: _("published"),
        State.STALE: _("stale"),
    }
    sentences = {
        Action.EDIT: _("%(variant)s is %(state)s and cannot be edited until the reviewer approves it or sends it back."),
        Action.SUBMIT: _(
            "%(variant)s is %(state)s; only copy that is a draft, sent back for changes or stale can be submitted for review."
        ),
        Action.APPROVE: _("%(variant)s is %(state)s; only copy that is in review can be approved."),
        Action.REQUEST_CHANGES: _("%(variant)s is %(state)s; only copy that is in review can be sent back for changes."),
        Action.PUBLISH: _("%(variant)s is %(state)s; only approved copy can be published."),
        Action.MARK_STALE: _("%(variant)s is %(state)s; only copy in review, approved or published can turn stale."),
        Action.GLOSSARY_STALE: _("%(variant)s is %(state)s; only approved or published copy turns stale by a glossary change."),
    }
    sentence = sentences.get(action, _("%(variant)s is %(state)s, which does not allow this."))
    return TransitionNotAllowed(
        sentence % {"variant": variant, "state": states.get(variant.state, variant.get_state_display())},
        code="transition_not_allowed",
    )


def edit_refused(variant, *, expected_version):
    """Why a save of new text, based on ``expected_version``, is refused now; None when it may go ahead."""
    if expected_version is None or variant.version != expected_version:
        return _conflict(variant, expected_version)
    return refusal(variant, Action.EDIT)


def _target(variant, action):
    error = refusal(variant, action)
    if error is not None:
        raise error
    return TRANSITIONS[action][variant.state]


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
            "expected": expected_version if expected_version is not None else "?",
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


def _review_of(variant, *, action, user, from_state, note="", acknowledged=()):
    """The history row of a move the variant (as it now stands) has made; not saved yet."""
    return Review(
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


def _record(variant, *, action, user, from_state, note="", acknowledged=()):
    review = _review_of(variant, action=action, user=user, from_state=from_state, note=note, acknowledged=acknowledged)
    review.save()
    if action in (Action.SUBMIT, Action.REQUEST_CHANGES, Action.APPROVE):
        enqueue_on_commit("localization.tasks.send_review_notification", review.pk)
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
    if not access.has_reviewer(variant.market_id):
        raise NoReviewer(
            _("%(market)s has no cultural reviewer, so nobody may approve its copy or send it back yet; "
              "ask a campaign manager to assign one.") % {"market": variant.market.code},
            code="no_reviewer",
        )
    if not decides_on(user, variant):
        raise NotYourMarket(
            _("You do not review %(market)s; only its cultural reviewers can approve this copy or send it back.")
            % {"market": variant.market.code}
        )


def _require_four_eyes(user, variant):
    if user.pk in access.authors(variant):
        others = ", ".join(u.get_username() for u in access.eligible_approvers(variant))
        if others:
            message = _(
                "You edited %(variant)s since it was last approved, so someone else must approve it (four eyes): %(others)s."
            ) % {"variant": variant, "others": others}
        else:
            message = _(
                "You edited %(variant)s since it was last approved, so someone else must approve it (four eyes), "
                "and nobody else may yet: ask a campaign manager to assign a cultural reviewer."
            ) % {"variant": variant}
        raise FourEyes(message)


def save_copy(*, variant, user, expected_version, **fields):
    """Save new copy text, refusing a save based on an old version (optimistic locking)."""
    unknown = set(fields) - set(COPY_FIELDS)
    if unknown:
        raise WorkflowError(_("Unknown copy fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    check_sizes(fields)
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
    check_sizes(variant.copy_fields())
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
    _require_plain_note(note)
    _require_decider(user, variant)
    _require_four_eyes(user, variant)

    def checks_allow(current):
        _require_four_eyes(user, current)  # again on the locked row: who edited it last is settled now
        findings = quality.findings_for(current)
        errors = quality.errors(findings)
        if errors:
            raise ChecksBlockApproval(
                _("%(variant)s cannot be approved while the checks find errors: %(errors)s")
                % {"variant": current, "errors": " ".join(f"[{f['field_label']}] {f['message']}" for f in errors)},
                code="checks_error",
            )
        open_warnings = [f for f in quality.warnings(findings) if f["key"] not in set(acknowledged)]
        if open_warnings:
            raise ChecksBlockApproval(
                _("Acknowledge each warning before approving %(variant)s: %(warnings)s")
                % {"variant": current, "warnings": " ".join(f"[{f['field_label']}] {f['message']}" for f in open_warnings)},
                code="warnings_not_acknowledged",
            )
        # Kept by identity (code, field, subject), not wording: a reworded message stays acknowledged.
        return [{name: f[name] for name in ("code", "severity", "field", "subject", "params", "key")} for f in quality.warnings(findings)]

    return _move(
        variant, action=Action.APPROVE, user=user, note=note.strip(), expected_version=expected_version, check=checks_allow,
        reviewer=user,
    )


def request_changes(*, variant, user, note, expected_version=None):
    """A reviewer of the market sends the copy back, saying what to change."""
    _require_plain_note(note)
    _require_decider(user, variant)
    if not (note or "").strip():
        raise NoteRequired(_("Say what to change: a note is required to request changes."), code="note_required")
    return _move(
        variant, action=Action.REQUEST_CHANGES, user=user, note=note.strip(), expected_version=expected_version, reviewer=user
    )


def mark_stale(*, variant, user, note, cause=Action.MARK_STALE):
    """The source changed in meaning (``cause`` MARK_STALE) or the glossary now faults the copy
    (GLOSSARY_STALE) after approval: the market's copy must be reviewed again."""
    if cause not in (Action.MARK_STALE, Action.GLOSSARY_STALE):
        raise WorkflowError(_("Copy turns stale when its source or the glossary changes, not by %(cause)s.") % {"cause": cause})
    return _move(variant, action=cause, user=user, note=note)


def _require_plain_note(note):
    """A reviewer's note is text a page can show: no NUL character (what PostgreSQL cannot store either)."""
    if "\x00" in (note or ""):
        raise WorkflowError(_("Remove the NUL character (U+0000): no page can show it."), code="nul_character")


def check_sizes(fields):
    """Refuse copy no page could hold (a pasted megabyte, a NUL character), naming the field and what is wrong."""
    problems = []
    for name, value in fields.items():
        limit = MAX_COPY_CHARACTERS.get(name)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            problems.append(
                _("The %(field)s is %(size)s characters long; it may be at most %(limit)s. Shorten it and save again.")
                % {"field": field_label(name), "size": f"{len(value):,}", "limit": f"{limit:,}"}
            )
        if limit is not None and isinstance(value, str) and "\x00" in value:
            # What a browser form never sends and PostgreSQL cannot store: refused the same on every database.
            problems.append(
                _("The %(field)s contains a NUL character (U+0000), which no page can show; remove it and save again.")
                % {"field": field_label(name)}
            )
    if problems:
        raise WorkflowError(problems, code="too_large")


class PublishRefused(WorkflowError):
    """Copy a bundle ships changed, or left the approved state, since the bundle was made."""

    def __init__(self, variant_ids):
        self.variant_ids = sorted(variant_ids)
        super().__init__(_("The copy changed while the bundle was being made; export again."), code="changed_during_export")


def _publish_note(bundle_sha256):
    if not (isinstance(bundle_sha256, str) and len(bundle_sha256) == 64 and all(c in "0123456789abcdef" for c in bundle_sha256)):
        raise WorkflowError(_("Name the bundle by its SHA-256: 64 lower-case hexadecimal digits."), code="bundle_sha256")
    return _("Published in the landing-page bundle with SHA-256 %(sha256)s.") % {"sha256": bundle_sha256}


def publish(*, variant, user, bundle_sha256, expected_version=None):
    """Approved copy shipped in a landing-page bundle: published, its history naming the bundle.

    ``expected_version`` is the version the bundle was built from: copy changed since is refused.
    """
    note = _publish_note(bundle_sha256)
    return _move(variant, action=Action.PUBLISH, user=user, note=note, expected_version=expected_version)


def publish_many(*, versions, user, bundle_sha256):
    """The approved copy one bundle ships, published together: ``publish`` for each, in three queries
    rather than five a variant. ``versions`` maps each variant's pk to the version the bundle was
    built from. All or nothing: when any of them changed since or is not approved, nothing is
    written and PublishRefused names them. Returns the Reviews kept, one a variant.
    """
    note = _publish_note(bundle_sha256)
    if not versions:
        return []
    target = TRANSITIONS[Action.PUBLISH][State.APPROVED]
    with transaction.atomic():
        # Locked in the order of their keys, so two exports sharing copy cannot deadlock. SQLite has no
        # row locks: it refuses a write whose transaction read before another write committed.
        current = list(
            CopyVariant.objects.select_for_update().filter(pk__in=list(versions)).order_by("pk")
            .only("id", "state", "version", "source_version", *COPY_FIELDS)
        )
        ready = {variant.pk for variant in current if variant.version == versions[variant.pk] and variant.state in TRANSITIONS[Action.PUBLISH]}
        if ready != set(versions):
            raise PublishRefused(set(versions) - ready)
        CopyVariant.objects.filter(pk__in=sorted(ready)).update(state=target, version=F("version") + 1, updated_by=user, updated_at=timezone.now())
        reviews = []
        for variant in current:
            from_state = variant.state
            variant.state, variant.version = target, variant.version + 1  # as the update left it
            reviews.append(_review_of(variant, action=Action.PUBLISH, user=user, from_state=from_state, note=note))
        return Review.objects.bulk_create(reviews)
