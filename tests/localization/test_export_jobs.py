"""Exports on the workers: a task per market and a join, progress on the row, a failed or killed export
leaving no partial file and finishing on retry with the bytes the command writes."""
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from localization import export
from localization.export import jobs
from localization.models import BundleExport, State
from localization.tasks import render_bundle_market
from tests.localization.test_export_fixtures import variant_of
from tests.localization import test_export_fixtures as fixtures

pytestmark = pytest.mark.django_db

gifts, media = fixtures.gifts, fixtures.media  # the fixtures these tests use


def command_bytes(campaign, tmp_path):
    out = tmp_path / "by-the-command.zip"
    export.build_bundle(campaign=campaign, out=out)
    return out.read_bytes()


def leftovers(folder):
    return sorted(path.name for path in Path(folder).rglob("*") if path.name.endswith(".partial"))


def test_an_export_fans_out_per_market_and_joins(gifts, people, media, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        requested = jobs.request_export(campaign=gifts, user=people["manager"])
    done = BundleExport.objects.get(pk=requested.pk)
    assert (done.state, done.progress, done.error) == (BundleExport.Status.DONE, 100, "")
    data = Path(done.file.path).read_bytes()
    assert export.write.sha256_hex(data) == done.sha256
    assert {variant_of(gifts, code).state for code in ("BR", "SA", "JP")} == {State.PUBLISHED}
    assert done.sha256 in variant_of(gifts, "BR").reviews.order_by("-id").first().note
    assert variant_of(gifts, "BR").reviews.order_by("-id").first().actor == people["manager"]
    assert data == command_bytes(gifts, tmp_path)  # the workers and the command write the same bytes
    assert not jobs.work_folder(done.pk).exists() and leftovers(media) == []


def test_an_export_whose_worker_was_killed_completes_on_retry_and_matches(gifts, people, media, tmp_path, django_capture_on_commit_callbacks):
    requested = jobs.request_export(campaign=gifts, user=people["manager"])  # queued; no worker has taken it yet
    markets = jobs.start(requested.pk)
    assert markets == ["BR", "JP", "SA"]
    assert jobs.render_market(requested.pk, "BR") is False  # Japan and Saudi Arabia still to come
    # The worker is killed while rendering Japan and while writing the zip: what a kill leaves behind.
    parts = jobs.work_folder(requested.pk) / "markets"
    (parts / ".JP.json.x1y2.partial").write_text('[{"market": "JP", "files": {"ja-jp/index.html": "<!DOCTYPE ht')
    target = Path(media) / jobs.bundle_name(requested)
    (target.parent / f".{target.name}.k1ll.partial").write_bytes(b"PK\x03\x04 half a zip")
    running = BundleExport.objects.get(pk=requested.pk)
    assert (running.state, running.progress, running.file.name) == (BundleExport.Status.RUNNING, 30, "")
    assert not target.exists()  # nothing at the bundle's path: no partial file to download

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.retry(export=running, user=people["manager"])
    done = BundleExport.objects.get(pk=requested.pk)
    assert (done.state, done.progress) == (BundleExport.Status.DONE, 100)
    assert Path(done.file.path) == target
    assert target.read_bytes() == command_bytes(gifts, tmp_path)
    assert leftovers(media) == []


def test_a_task_delivered_again_after_the_join_changes_nothing(gifts, people, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        requested = jobs.request_export(campaign=gifts, user=people["manager"])
    done = BundleExport.objects.get(pk=requested.pk)
    reviews = variant_of(gifts, "BR").reviews.count()
    render_bundle_market.delay(done.pk, "SA")  # redelivered after its worker acknowledged late
    assert jobs.join(done.pk).sha256 == done.sha256
    assert variant_of(gifts, "BR").reviews.count() == reviews


def test_a_failed_export_says_why_leaves_no_file_and_completes_on_retry(gifts, people, media, tmp_path, django_capture_on_commit_callbacks):
    requested = jobs.request_export(campaign=gifts, user=people["manager"])
    target = Path(media) / jobs.bundle_name(requested)
    target.mkdir(parents=True)  # something else sits where the bundle must go
    with django_capture_on_commit_callbacks(execute=True):
        jobs.retry(export=requested, user=people["manager"])
    failed = BundleExport.objects.get(pk=requested.pk)
    assert failed.state == BundleExport.Status.FAILED
    assert "could not be written" in failed.error and "MEDIA_ROOT" in failed.error
    assert (failed.file.name, failed.sha256) == ("", "")
    assert leftovers(media) == [] and not jobs.work_folder(failed.pk).exists()
    assert {variant_of(gifts, code).state for code in ("BR", "SA", "JP")} == {State.APPROVED}  # nothing published

    target.rmdir()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.retry(export=failed, user=people["manager"])
    done = BundleExport.objects.get(pk=requested.pk)
    assert done.state == BundleExport.Status.DONE and done.error == ""
    assert target.read_bytes() == command_bytes(gifts, tmp_path)


def test_an_export_with_nothing_approved_fails_saying_why(gifts, people, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        requested = jobs.request_export(campaign=gifts, user=people["manager"], markets=["MX"])
    failed = BundleExport.objects.get(pk=requested.pk)
    assert failed.state == BundleExport.Status.FAILED and "MX (es-MX): in review" in failed.error


def test_only_campaign_managers_export(gifts, people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        jobs.request_export(campaign=gifts, user=people["copywriter"])
    with pytest.raises(export.ExportRefused):
        jobs.request_export(campaign=gifts, user=people["manager"], markets=["DE"])


def test_the_campaign_list_exports_and_the_export_page_shows_progress_and_the_download(
    gifts, people, media, client, django_capture_on_commit_callbacks
):
    client.force_login(people["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:localization_campaign_changelist"),
            {"action": "export_landing_pages", "_selected_action": [gifts.pk]},
            follow=True,
        )
    assert "1 export is queued." in response.content.decode()
    done = BundleExport.objects.get(campaign=gifts)
    page = client.get(reverse("admin:localization_bundleexport_change", args=[done.pk]))
    html = page.content.decode()
    assert '<progress value="100" max="100">' in html and "Refresh" not in page.headers
    download = reverse("admin:localization_bundleexport_download", args=[done.pk])
    assert download in html
    response = client.get(download)
    assert b"".join(response.streaming_content) == Path(done.file.path).read_bytes()


def test_a_running_export_page_refreshes_itself(gifts, people, media, client):
    requested = jobs.request_export(campaign=gifts, user=people["manager"])
    jobs.start(requested.pk)
    client.force_login(people["manager"])
    page = client.get(reverse("admin:localization_bundleexport_change", args=[requested.pk]))
    assert page.headers["Refresh"] == "3"
    assert '<progress value="0" max="100">' in page.content.decode()


def test_copywriters_see_no_exports(gifts, people, client):
    client.force_login(people["copywriter"])
    assert client.get(reverse("admin:localization_bundleexport_changelist")).status_code == 403
    response = client.get(reverse("admin:localization_campaign_changelist"))
    assert "export_landing_pages" not in response.content.decode()


def test_a_stalled_export_says_its_worker_stopped_and_runs_again(gifts, people, media, client, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    requested = jobs.request_export(campaign=gifts, user=people["manager"])
    jobs.start(requested.pk)  # ... and the worker that took it is gone
    BundleExport.objects.filter(pk=requested.pk).update(updated_at=timezone.now() - timedelta(minutes=11))
    client.force_login(people["manager"])
    page = client.get(reverse("admin:localization_bundleexport_change", args=[requested.pk])).content.decode()
    assert "its worker stopped" in page and "Run again" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:localization_bundleexport_changelist"), {"action": "run_again", "_selected_action": [requested.pk]})
    assert BundleExport.objects.get(pk=requested.pk).state == BundleExport.Status.DONE


def test_the_export_form_takes_some_markets_and_refuses_others(gifts, people, media, client, django_capture_on_commit_callbacks):
    client.force_login(people["manager"])
    add = reverse("admin:localization_bundleexport_add")
    assert client.get(add).status_code == 200
    refused = client.post(add, {"campaign": gifts.pk, "market_codes": "BR DE", "base_url": ""})
    assert "The campaign does not run in DE; it runs in BR, JP, MX, SA." in refused.content.decode()
    assert not BundleExport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add, {"campaign": gifts.pk, "market_codes": "br, sa", "base_url": "https://shop.example/gifts/"})
    done = BundleExport.objects.get()
    assert (done.markets, done.state, done.requested_by) == (["BR", "SA"], BundleExport.Status.DONE, people["manager"])
    with zipfile.ZipFile(done.file.path) as archive:
        assert sorted(name.split("/")[0] for name in archive.namelist() if name.endswith("index.html")) == ["ar-sa", "pt-br"]
        assert 'href="https://shop.example/gifts/pt-br/"' in archive.read("pt-br/index.html").decode()


def test_the_export_page_lists_what_shipped_and_what_was_skipped_and_why_in_the_readers_language(
    gifts, people, media, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        requested = jobs.request_export(campaign=gifts, user=people["manager"])
    done = BundleExport.objects.get(pk=requested.pk)
    assert done.shipped == [{"market": "BR", "locale": "pt-BR"}, {"market": "JP", "locale": "ja-JP"}, {"market": "SA", "locale": "ar-SA"}]
    assert done.skipped == [{"market": "MX", "locale": "es-MX", "reason": "in_review"}]
    client.force_login(people["manager"])
    url = reverse("admin:localization_bundleexport_change", args=[done.pk])
    page = client.get(url).content.decode()
    assert "BR (pt-BR), JP (ja-JP), SA (ar-SA)" in page
    assert "<li>MX (es-MX): in review</li>" in page
    assert "Done, 1 market locale skipped" in page and "every market of the campaign" in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    page = client.get(url).content.decode()
    assert "<li>MX (es-MX): 审核中</li>" in page and "已完成，跳过 1 个市场语言区域" in page and "未导出" in page


def test_the_export_form_asks_where_the_pages_will_be_served(gifts, people, media, client, settings):
    settings.LANDING_BASE_URL = ""
    client.force_login(people["manager"])
    refused = client.post(reverse("admin:localization_bundleexport_add"), {"campaign": gifts.pk, "market_codes": "", "base_url": ""})
    assert "Say where the pages will be served" in refused.content.decode()
    assert not BundleExport.objects.exists()
    # The campaign list's Export action says the same, and queues nothing.
    listed = client.post(
        reverse("admin:localization_campaign_changelist"), {"action": "export_landing_pages", "_selected_action": [gifts.pk]}, follow=True
    )
    assert "Say where the pages will be served" in listed.content.decode()
    assert not BundleExport.objects.exists()


def test_the_sweeper_sends_an_export_the_task_queue_did_not_take(gifts, people, media, client):
    requested = jobs.request_export(campaign=gifts, user=people["manager"])  # its transaction never commits here: as if the queue was down
    assert BundleExport.objects.get(pk=requested.pk).sent_at is None
    client.force_login(people["manager"])
    url = reverse("admin:localization_bundleexport_change", args=[requested.pk])
    assert "Waiting for the task queue, which did not answer" in client.get(url).content.decode()
    assert jobs.sweep() == (1, 0, 0)  # what beat runs every few minutes; tasks run in-process here
    done = BundleExport.objects.get(pk=requested.pk)
    assert (done.state, done.resent) == (BundleExport.Status.DONE, 0) and done.sent_at is not None
    assert "Waiting for the task queue" not in client.get(url).content.decode()
    assert jobs.sweep() == (0, 0, 0)  # nothing left to send


def test_the_sweeper_sends_again_an_export_no_worker_moved_and_says_so(gifts, people, media, client):
    from datetime import timedelta

    from django.utils import timezone

    requested = jobs.request_export(campaign=gifts, user=people["manager"])
    jobs.start(requested.pk)  # sent, and taken by a worker, whose other tasks were lost (a Redis restart)
    BundleExport.objects.filter(pk=requested.pk).update(sent_at=timezone.now(), progress=39)
    assert jobs.sweep() == (0, 0, 0)  # not ten minutes yet
    BundleExport.objects.filter(pk=requested.pk).update(updated_at=timezone.now() - jobs.STALLED_AFTER - timedelta(seconds=1))
    assert jobs.sweep() == (0, 1, 0)
    done = BundleExport.objects.get(pk=requested.pk)
    assert (done.state, done.progress, done.resent) == (BundleExport.Status.DONE, 100, 1)
    client.force_login(people["manager"])
    page = client.get(reverse("admin:localization_bundleexport_change", args=[done.pk])).content.decode()
    assert "No worker moved this export for 10 minutes; it was sent again (1 time)." in page


def test_the_sweeper_fails_an_export_sent_again_too_often_saying_why(gifts, people, media, client):
    from datetime import timedelta

    from django.utils import timezone

    requested = jobs.request_export(campaign=gifts, user=people["manager"])
    jobs.start(requested.pk)  # sent again and again, and each time its tasks were lost
    BundleExport.objects.filter(pk=requested.pk).update(
        sent_at=timezone.now(), resent=jobs.MAX_RESENDS, updated_at=timezone.now() - jobs.STALLED_AFTER - timedelta(seconds=1)
    )
    assert jobs.sweep() == (0, 0, 1)
    failed = BundleExport.objects.get(pk=requested.pk)
    assert failed.state == BundleExport.Status.FAILED and not failed.file
    assert {variant_of(gifts, code).state for code in ("BR", "SA", "JP")} == {State.APPROVED}
    client.force_login(people["manager"])
    page = client.get(reverse("admin:localization_bundleexport_change", args=[failed.pk])).content.decode()
    assert "No worker moved this export for 10 minutes, after it was sent again 3 times." in page and "choose Run again" in page


def test_beat_runs_the_sweeper(settings):
    from glocal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["sweep-exports"]
    assert entry["task"] in app.tasks and entry["schedule"] * 2 <= jobs.STALLED_AFTER.total_seconds()
