"""Bundle exports on the workers: a task per market renders its pages, a join task checks and writes.

start -> render_market (one task per market, in parallel) -> join, each step idempotent (the
tasks in localization/tasks.py hand each step's result to the next):
a market's pages are kept as one file in the export's work folder (written whole or not at all),
progress is counted from those files, and the join claims the export in the same transaction that
publishes the copy and moves the zip into place. A worker killed at any point leaves the export
running with no partial bundle; the task delivered again (or ``retry``) finishes it, with the same
bytes the command would write.
"""
import json
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..background import enqueue_on_commit
from ..models import BundleExport
from .bundle import ExportRefused, market_codes, public_address, refuse_if_empty, write_bundle
from .collect import Bundle, collect
from .render import RenderedPage, render_pages

Status = BundleExport.Status
EXPORTS_FOLDER = "exports"
RENDERED_SHARE = 90  # the progress bar's share of rendering; checking and writing take the rest
# A running export no worker has moved on for this long has lost its worker (killed, or the broker lost it).
STALLED_AFTER = timedelta(minutes=10)


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
    # A broker that is down leaves the export queued (its page says so, and Run again sends it
    # again) rather than turning the request into an error page.
    enqueue_on_commit("localization.tasks.start_bundle_export", export_id)


def retry(*, export, user):
    """Run an export again from the start (after a failure, or a worker that stopped); a finished one stays."""
    if not access.is_manager(user):
        raise PermissionDenied(_("Only campaign managers export landing pages."))
    with transaction.atomic():
        updated = BundleExport.objects.filter(pk=export.pk).exclude(state=Status.DONE).update(
            state=Status.QUEUED, progress=0, error="", started_at=None, finished_at=None, updated_at=timezone.now()
        )
        if updated:
            _enqueue_start(export.pk)
    export.refresh_from_db()
    return bool(updated)


def stalled(export, *, now=None):
    """Whether a queued or running export has not moved for ``STALLED_AFTER``: its worker stopped."""
    now = now or timezone.now()
    return export.state in (Status.QUEUED, Status.RUNNING) and export.updated_at is not None and now - export.updated_at > STALLED_AFTER


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
    BundleExport.objects.filter(pk=export.pk).update(state=Status.RUNNING, started_at=now, updated_at=now, progress=0, error="")
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


def join(export_id):
    """Check the whole bundle and write it, once: the first join to claim the export does it, in the
    transaction that publishes the copy; later ones (a second delivery) find it done."""
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
    try:
        with transaction.atomic():
            claimed = BundleExport.objects.filter(pk=export_id, state=Status.RUNNING).update(state=Status.DONE, updated_at=timezone.now())
            if not claimed:
                return export
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in target.parent.glob(f".{target.name}.*.partial"):
                leftover.unlink(missing_ok=True)  # what a worker killed while writing left behind
            result = write_bundle(bundle, rendered, out=target, user=export.requested_by)
            now = timezone.now()
            BundleExport.objects.filter(pk=export_id).update(
                file=name, sha256=result.sha256, progress=100, finished_at=now, updated_at=now, error="",
                shipped=[{"market": page.market, "locale": page.locale} for page in bundle.pages],
                skipped=[{"market": entry.market, "locale": entry.locale, "reason": entry.reason} for entry in bundle.skipped],
            )
    except Exception as error:  # noqa: BLE001
        fail(export_id, _failure_message(error))
    else:
        shutil.rmtree(folder, ignore_errors=True)
    export.refresh_from_db()
    return export
