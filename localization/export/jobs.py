"""Bundle exports on the workers: a task per market renders its pages, a join task checks and writes.

start -> render_market (one task per market, in parallel) -> join, each step idempotent (the
tasks in localization/tasks.py hand each step's result to the next):
a market's pages are kept as one file in the export's work folder (written whole or not at all),
progress is counted from those files, and the join stages the zip, then claims the export in the
transaction that publishes the copy and records the bundle's sha256, then moves the zip into place
and marks the export done (write.py says why in that order). A worker killed at any point leaves the
export running with no bundle at its path, or a bundle whose copy is published; the task delivered
again (or ``retry``, or the sweeper) finishes it, with the same bytes the command would write.

The first task is sent once the request commits; a task queue that does not answer leaves the
export queued and unsent, and its page says so. ``sweep``, run by beat every few minutes, sends
those once the queue is back, and sends again from the start an export no worker moved for
``STALLED_AFTER`` (its tasks were lost: a worker killed, a Redis restarted), up to ``MAX_RESENDS``
times; then it fails, saying why.
"""
import json
import logging
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError as TaskQueueUnavailable

from .. import access
from ..models import BundleExport
from .bundle import ExportRefused, checked_files, market_codes, public_address, publish_pages, refuse_if_empty
from .collect import Bundle, collect
from .render import RenderedPage, render_pages
from .write import write_atomically, zip_timestamp

logger = logging.getLogger(__name__)

Status = BundleExport.Status
EXPORTS_FOLDER = "exports"
RENDERED_SHARE = 90  # the progress bar's share of rendering; checking and writing take the rest
# A running export no worker has moved on for this long has lost its worker (killed, or the broker lost it).
STALLED_AFTER = timedelta(minutes=10)
# The sweeper sends a stalled export again this many times; then it fails, saying why.
MAX_RESENDS = 3
START_TASK = "localization.tasks.start_bundle_export"


def work_folder(export_id):
    return Path(settings.MEDIA_ROOT) / EXPORTS_FOLDER / "work" / str(export_id)


def bundle_name(export):
    """Where the finished zip goes, relative to MEDIA_ROOT: one name per export, so a retry rewrites it."""
    return f"{EXPORTS_FOLDER}/{export.campaign.slug}-{export.pk}.zip"


def _write_json(path, data):
    """A work file written whole or not at all (a killed worker leaves no half file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _read_json(path):
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def request_export(*, campaign, user, markets=None, base_url=""):
    """A campaign manager asks for a campaign's bundle: a queued BundleExport the workers take up."""
    if not access.is_manager(user):
        raise PermissionDenied(_("Only campaign managers export landing pages."))
    codes = market_codes(campaign, markets) or []
    address = public_address(campaign, base_url)
    with transaction.atomic():
        export = BundleExport.objects.create(campaign=campaign, markets=codes, requested_by=user, base_url=address)
        _enqueue_start(export.pk)
    return export


def _enqueue_start(export_id):
    # Sent once the request commits; a task queue that is down leaves the export queued and unsent (its
    # page says so) rather than turning the request into an error page, and the sweeper sends it later.
    transaction.on_commit(lambda: send(export_id), robust=True)


def send(export_id):
    """Hand a queued export's first task to the task queue now. False when it was sent already or the
    queue did not answer (then it stays unsent, and ``sweep`` sends it once the queue is back)."""
    now = timezone.now()
    # Claimed first, so the request and the sweeper never both send it.
    if not BundleExport.objects.filter(pk=export_id, state=Status.QUEUED, sent_at__isnull=True).update(sent_at=now, updated_at=now):
        return False
    try:
        current_app.tasks[START_TASK].delay(export_id)
    except TaskQueueUnavailable as error:
        BundleExport.objects.filter(pk=export_id, sent_at=now).update(sent_at=None)
        logger.warning("Bundle export %s waits for the task queue, which did not answer: %s", export_id, error)
        return False
    return True


def retry(*, export, user):
    """Run an export again from the start (after a failure, or a worker that stopped); a finished one stays."""
    if not access.is_manager(user):
        raise PermissionDenied(_("Only campaign managers export landing pages."))
    with transaction.atomic():
        updated = BundleExport.objects.filter(pk=export.pk).exclude(state=Status.DONE).update(
            state=Status.QUEUED, progress=0, error="", started_at=None, finished_at=None, updated_at=timezone.now(),
            sent_at=None, resent=0,
        )
        if updated:
            _enqueue_start(export.pk)
    export.refresh_from_db()
    return bool(updated)


def waiting_for_queue(export):
    """Whether a queued export's task has not reached the task queue yet (it did not answer)."""
    return export.state == Status.QUEUED and export.sent_at is None


def stalled(export, *, now=None):
    """Whether a queued or running export sent to the workers has not moved for ``STALLED_AFTER``: its
    worker stopped, or its tasks were lost."""
    now = now or timezone.now()
    return (
        export.state in (Status.QUEUED, Status.RUNNING) and not waiting_for_queue(export)
        and export.updated_at is not None and now - export.updated_at > STALLED_AFTER
    )


def delivery_note(export):
    """What the export's page says about getting it to the workers ("" when there is nothing to say)."""
    said = []
    if export.resent:
        said.append(ngettext(
            "No worker moved this export for %(minutes)d minutes; it was sent again (%(count)d time).",
            "No worker moved this export for %(minutes)d minutes; it was sent again (%(count)d times).",
            export.resent,
        ) % {"minutes": int(STALLED_AFTER.total_seconds() // 60), "count": export.resent})
    if waiting_for_queue(export):
        said.append(_(
            "Waiting for the task queue, which did not answer when this export was sent. It goes to the "
            "workers as soon as the queue is back (checked every few minutes); nothing needs to be done."
        ))
    return " ".join(said)


def fail(export_id, message):
    """The export stops: why is kept on the row, its work files go, no bundle file is left."""
    BundleExport.objects.filter(pk=export_id).exclude(state=Status.DONE).update(
        state=Status.FAILED, error=message, finished_at=timezone.now(), updated_at=timezone.now()
    )
    shutil.rmtree(work_folder(export_id), ignore_errors=True)


def _failure_message(error):
    if isinstance(error, ExportRefused):
        return "\n".join(str(problem) for problem in error.problems)
    if isinstance(error, OSError):
        return _("The bundle could not be written: %(error)s. Check that MEDIA_ROOT can be written to, then run it again.") % {
            "error": error.strerror or error
        }
    return _("The export stopped on an unexpected error: %(error)s") % {"error": f"{type(error).__name__}: {error}"}


def start(export_id):
    """Collect the campaign's copy once and keep it in the work folder; returns the market codes
    to render, one task each (none when the export is not to run, or failed here)."""
    export = BundleExport.objects.select_related("campaign").get(pk=export_id)
    if export.state not in (Status.QUEUED, Status.RUNNING):
        return []
    now = timezone.now()
    # A fresh run: a bundle recorded by an earlier run that stopped before moving it into place is made again.
    BundleExport.objects.filter(pk=export.pk).update(
        state=Status.RUNNING, started_at=now, updated_at=now, progress=0, error="", sha256="", file=""
    )
    try:
        shutil.rmtree(work_folder(export.pk), ignore_errors=True)
        bundle = collect(export.campaign, markets=export.markets or None, base_url=public_address(export.campaign, export.base_url))
        refuse_if_empty(bundle)
        _write_json(work_folder(export.pk) / "bundle.json", bundle.as_dict())
    except Exception as error:  # noqa: BLE001 - whatever it was, the export's page says it
        fail(export.pk, _failure_message(error))
        return []
    return sorted({page.market for page in bundle.pages})


def render_market(export_id, market):
    """Render one market's pages into the work folder (delivered twice, it writes the same file again).
    Returns True when every market's pages are there, so the bundle can be joined."""
    folder = work_folder(export_id)
    if not BundleExport.objects.filter(pk=export_id, state=Status.RUNNING).exists() or not (folder / "bundle.json").exists():
        return False
    try:
        bundle = Bundle.from_dict(_read_json(folder / "bundle.json"))
        rendered = render_pages(bundle, markets={market})
        _write_json(folder / "markets" / f"{market}.json", [part.as_dict() for part in rendered])
    except Exception as error:  # noqa: BLE001
        fail(export_id, _failure_message(error))
        return False
    total = len({page.market for page in bundle.pages})
    done = len(list((folder / "markets").glob("*.json")))
    BundleExport.objects.filter(pk=export_id, state=Status.RUNNING).update(
        progress=RENDERED_SHARE * done // max(total, 1), updated_at=timezone.now()
    )
    return done >= total


class _JoinedAlready(Exception):
    """Another delivery of the join finished the export first: this one stops, moving nothing."""


def join(export_id):
    """Check the whole bundle and write it, once: the zip is staged, the first join to claim the
    export publishes the copy and records the bundle's sha256 in one transaction, then moves the zip
    into place and marks the export done. A join delivered again after a kill between that commit and
    the move finds the bundle recorded, publishes nothing and moves the same bytes into place; one
    delivered after the export is done changes nothing."""
    folder = work_folder(export_id)
    export = BundleExport.objects.select_related("campaign", "requested_by").get(pk=export_id)
    if export.state != Status.RUNNING or not (folder / "bundle.json").exists():
        return export
    bundle = Bundle.from_dict(_read_json(folder / "bundle.json"))
    markets = sorted({page.market for page in bundle.pages})
    if any(not (folder / "markets" / f"{code}.json").exists() for code in markets):
        return export  # a market is still rendering; its task joins when it is done
    rendered = [RenderedPage.from_dict(part) for code in markets for part in _read_json(folder / "markets" / f"{code}.json")]
    name = bundle_name(export)
    target = Path(settings.MEDIA_ROOT) / name

    def publish_and_record(sha256):
        with transaction.atomic():
            claimed = BundleExport.objects.select_for_update().filter(pk=export_id, state=Status.RUNNING).first()
            if claimed is None:
                raise _JoinedAlready
            if claimed.sha256 == sha256:
                return  # an earlier delivery published this very bundle and stopped before moving it into place
            publish_pages(bundle, sha256, export.requested_by)
            BundleExport.objects.filter(pk=export_id).update(
                sha256=sha256, updated_at=timezone.now(),
                shipped=[{"market": page.market, "locale": page.locale} for page in bundle.pages],
                skipped=[{"market": entry.market, "locale": entry.locale, "reason": entry.reason} for entry in bundle.skipped],
            )

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        files = checked_files(bundle, rendered)
        sha256 = write_atomically(files, target, timestamp=zip_timestamp(bundle.generated_at), before_move=publish_and_record)
        now = timezone.now()
        BundleExport.objects.filter(pk=export_id, state=Status.RUNNING, sha256=sha256).update(
            state=Status.DONE, file=name, progress=100, finished_at=now, updated_at=now, error=""
        )
    except _JoinedAlready:
        pass
    except Exception as error:  # noqa: BLE001
        fail(export_id, _failure_message(error))
    else:
        shutil.rmtree(folder, ignore_errors=True)
    export.refresh_from_db()
    return export


def sweep(*, now=None):
    """What beat runs every few minutes: exports the task queue did not take are sent now; those sent
    that no worker moved for ``STALLED_AFTER`` (their tasks were lost) are sent again from the start,
    up to ``MAX_RESENDS`` times, then fail saying why. Returns (sent, sent again, failed) counts."""
    now = now or timezone.now()
    sent = sum(send(pk) for pk in BundleExport.objects.filter(state=Status.QUEUED, sent_at__isnull=True).values_list("pk", flat=True))
    resent = failed = 0
    lost = BundleExport.objects.filter(state__in=[Status.QUEUED, Status.RUNNING], updated_at__lt=now - STALLED_AFTER).exclude(
        state=Status.QUEUED, sent_at__isnull=True  # waiting for the task queue, sent above once it answers
    ).values_list("pk", "resent", "updated_at")
    minutes = int(STALLED_AFTER.total_seconds() // 60)
    for pk, times, updated_at in lost:
        if times >= MAX_RESENDS:
            fail(pk, ngettext(
                "No worker moved this export for %(minutes)d minutes, after it was sent again %(count)d time. "
                "Check that the workers and the task queue run, then select it and choose Run again.",
                "No worker moved this export for %(minutes)d minutes, after it was sent again %(count)d times. "
                "Check that the workers and the task queue run, then select it and choose Run again.",
                times,
            ) % {"minutes": minutes, "count": times})
            failed += 1
            continue
        # Back to queued and unsent, from the start; only if no worker moved it meanwhile.
        if BundleExport.objects.filter(pk=pk, state__in=[Status.QUEUED, Status.RUNNING], updated_at=updated_at).update(
            state=Status.QUEUED, progress=0, started_at=None, sent_at=None, resent=F("resent") + 1, updated_at=now
        ):
            resent += send(pk)
    return sent, resent, failed
