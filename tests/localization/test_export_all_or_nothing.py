"""Exports all or nothing, with real processes killed (SIGKILL) at chosen points and real connections cut on the
real PostgreSQL: a bundle stands at its path only when its copy is published, a rerun finishes what a crash left
(the staged files removed), and a lost database connection exits 1 with a message and no file."""
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from localization import export
from localization.export import jobs
from localization.models import BundleExport, State
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import variant_of
from tests.localization.test_export_worker import ROOT, database_url, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

gifts = fixtures.gifts  # the fixture these tests use
SHIPPED = ("BR", "SA", "JP")

# Runs in a process of its own and SIGKILLs itself at the point named by argv[1]: once the staged zip is synced
# (before anything is committed), just before the staged zip is renamed into place, or just after. The stdlib's
# fsync and rename are wrapped to reach those points; our code runs unchanged.
KILLED_AT = r"""
import os, signal, sys
import django

django.setup()
point, what = sys.argv[1], sys.argv[2:]
real_fsync, real_replace = os.fsync, os.replace


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def fsync(descriptor):
    real_fsync(descriptor)
    if point == "staged":
        die()


def replace(source, target):
    if point == "before-rename" and str(source).endswith(".partial"):
        die()
    real_replace(source, target)
    if point == "after-rename" and str(source).endswith(".partial"):
        die()


os.fsync, os.replace = fsync, replace
if what[0] == "join":
    from localization.export import jobs

    jobs.join(int(what[1]))
else:
    from django.core.management import call_command

    call_command("export_bundle", *what)
"""


def environment(media):
    return {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "glocal.settings", "DJANGO_SECRET_KEY": "glocal-tests-only",
            "MEDIA_ROOT": str(media), "LANDING_BASE_URL": "https://landing.example"}


def killed_at(point, *what, media):
    finished = subprocess.run([sys.executable, "-c", KILLED_AT, point, *what], cwd=ROOT, env=environment(media), capture_output=True, text=True, timeout=120)
    assert finished.returncode == -9, finished.stderr[-3000:]  # it was killed where asked, not stopped by an error


def states(campaign):
    return {variant_of(campaign, code).state for code in SHIPPED}


def staged_beside(path):
    return sorted(path.parent.glob(f".{path.name}.*.partial"))


@pytest.mark.parametrize("point", ["staged", "before-rename", "after-rename"])
def test_a_command_killed_at_any_point_leaves_no_bundle_without_its_copy_published_and_a_rerun_finishes_it(gifts, settings, tmp_path, point):
    out = tmp_path / "out" / "gifts.zip"
    out.parent.mkdir()
    killed_at(point, "gifts", "--out", str(out), media=settings.MEDIA_ROOT)
    # A bundle stands at --out only when its copy is published.
    assert not out.exists() or states(gifts) == {State.PUBLISHED}
    # The commit comes after the zip is staged and synced, and before it is renamed into place.
    assert states(gifts) == ({State.APPROVED} if point == "staged" else {State.PUBLISHED})
    if point == "after-rename":
        assert out.exists() and staged_beside(out) == []
    else:
        assert not out.exists() and len(staged_beside(out)) == 1  # what the killed run left

    rerun = subprocess.run([sys.executable, "manage.py", "export_bundle", "gifts", "--out", str(out)], cwd=ROOT, env=environment(settings.MEDIA_ROOT),
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert states(gifts) == {State.PUBLISHED} and list(out.parent.iterdir()) == [out]  # the staged file is gone
    again = tmp_path / "again.zip"
    export.build_bundle(campaign=gifts, out=again)
    assert out.read_bytes() == again.read_bytes()  # the rerun wrote the bundle of the published copy


def test_a_join_killed_between_its_commit_and_the_move_is_finished_by_its_next_delivery(gifts, people, settings, tmp_path):
    # A queued export (made here, not requested, so no task runs it), started and rendered by hand; the join runs in
    # a worker process of its own, which is killed just before it moves the zip into place.
    requested = BundleExport.objects.create(campaign=gifts, requested_by=people["manager"], base_url=jobs.public_address(gifts, ""))
    for market in jobs.start(requested.pk):
        jobs.render_market(requested.pk, market)
    target = Path(settings.MEDIA_ROOT) / jobs.bundle_name(requested)
    killed_at("before-rename", "join", str(requested.pk), media=settings.MEDIA_ROOT)
    half = BundleExport.objects.get(pk=requested.pk)
    assert (half.state, half.file.name) == (BundleExport.Status.RUNNING, "") and half.sha256 and not target.exists()
    assert len(staged_beside(target)) == 1 and states(gifts) == {State.PUBLISHED}  # published by the killed join

    done = jobs.join(requested.pk)  # the join delivered again (acknowledged late)
    assert (done.state, done.progress, done.sha256) == (BundleExport.Status.DONE, 100, half.sha256)
    assert export.write.sha256_hex(target.read_bytes()) == half.sha256 and staged_beside(target) == []


def test_a_lost_database_connection_exits_1_saying_so_and_leaves_no_file(gifts, settings, tmp_path):
    out = tmp_path / "gifts.zip"
    brazil = variant_of(gifts, "BR")
    with psycopg.connect(database_url(), autocommit=True) as watcher, psycopg.connect(database_url()) as holder:
        # Another session holds Brazil's copy: the command stages the zip, then waits to publish it ...
        holder.execute("SELECT id FROM localization_copyvariant WHERE id = %s FOR UPDATE", [brazil.pk])
        command = subprocess.Popen([sys.executable, "manage.py", "export_bundle", "gifts", "--out", str(out)], cwd=ROOT,
                                   env=environment(settings.MEDIA_ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def waiting_backend():
            row = watcher.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).fetchone()
            return row[0] if row else None

        wait_for(waiting_backend, 60, "the command to wait for Brazil's copy")
        # ... and its connection is cut, as a database restart or a network fault would.
        watcher.execute("SELECT pg_terminate_backend(%s)", [waiting_backend()])
        stdout, stderr = command.communicate(timeout=60)
        holder.rollback()
    assert command.returncode == 1
    assert "The database stopped answering" in stderr and "nothing was written to" in stderr and str(out) in stderr
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []  # neither the bundle nor a staged file
    assert {variant_of(gifts, code).state for code in SHIPPED} == {State.APPROVED}
