"""export_bundle: writes the bundle, and on bad input exits non-zero saying what to use, leaving no file."""
import fcntl
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from localization import campaigns
from localization.models import SourceRevision
from tests.localization import test_export_fixtures as fixtures

pytestmark = pytest.mark.django_db

gifts = fixtures.gifts  # the fixtures these tests use


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("export_bundle", *args, stdout=out)
    return out.getvalue()


def refused(*args):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert error.value.returncode == 1  # manage.py exits with it
    return str(error.value)


def test_the_command_writes_the_bundle_and_says_what_it_shipped(gifts, tmp_path):
    out = tmp_path / "gifts.zip"
    said = run("gifts", "--out", str(out), "--market", "BR", "--market", "MX", "--base-url", "https://shop.example/gifts")
    assert "Wrote" in said and "pt-br/" in said and "skipped MX (es-MX): in review" in said
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        page = archive.read("pt-br/index.html").decode()
    assert [entry["market"] for entry in manifest["markets"]] == ["BR"]
    assert '<link rel="canonical" href="https://shop.example/gifts/pt-br/">' in page
    assert list(tmp_path.iterdir()) == [out]


def test_an_unknown_campaign_is_refused(gifts, tmp_path):
    message = refused("no-such-campaign", "--out", str(tmp_path / "x.zip"))
    assert "No campaign 'no-such-campaign'" in message and "gifts" in message
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_market_or_one_the_campaign_does_not_run_in_is_refused(gifts, tmp_path):
    message = refused("gifts", "--out", str(tmp_path / "x.zip"), "--market", "XX", "--market", "DE")
    assert "XX is not a known market; use an ISO 3166 code such as BR" in message
    assert "The campaign does not run in DE; it runs in BR, JP, MX, SA." in message
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_cannot_be_written_is_refused(gifts, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    message = refused("gifts", "--out", str(blocker / "x.zip"))
    assert f"Cannot write {blocker / 'x.zip'}" in message and "existing folder" in message
    assert refused("gifts", "--out", str(tmp_path / "missing" / "x.zip"))
    assert list(tmp_path.iterdir()) == [blocker]


def test_a_campaign_with_nothing_approved_is_refused(gifts, people, tmp_path):
    campaigns.change_source(campaign=gifts, user=people["manager"], kind=SourceRevision.Kind.MEANING, body="New body {price}.")
    message = refused("gifts", "--out", str(tmp_path / "x.zip"))
    assert "Nothing of campaign gifts is approved" in message and "MX (es-MX): stale" in message
    assert list(tmp_path.iterdir()) == []


def test_a_market_with_nothing_approved_is_refused(gifts, tmp_path):
    message = refused("gifts", "--out", str(tmp_path / "x.zip"), "--market", "MX")
    assert "MX (es-MX): in review" in message
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_user_is_refused(gifts, tmp_path):
    assert "No user 'nobody'" in refused("gifts", "--out", str(tmp_path / "x.zip"), "--user", "nobody")


def test_a_call_to_action_that_leads_nowhere_is_refused_naming_the_market(gifts, tmp_path):
    gifts.campaign_markets.filter(market__code="JP").update(shop_url="")
    message = refused("gifts", "--out", str(tmp_path / "x.zip"))
    assert "JP (ja-JP): The page's call to action leads nowhere: set the shop page (https://...) of JP" in message
    assert "BR (pt-BR)" not in message  # the markets with a shop page are not named
    assert list(tmp_path.iterdir()) == []


def test_without_a_public_address_the_export_is_refused_saying_how_to_give_it(gifts, tmp_path, settings):
    settings.LANDING_BASE_URL = ""
    message = refused("gifts", "--out", str(tmp_path / "x.zip"))
    assert "Say where the pages will be served, such as https://landing.brand.com/gifts/" in message
    assert "--base-url" in message and list(tmp_path.iterdir()) == []
    assert "Wrote" in run("gifts", "--out", str(tmp_path / "x.zip"), "--base-url", "https://landing.brand.com/gifts/")
    message = refused("gifts", "--out", str(tmp_path / "y.zip"), "--base-url", "landing.brand.com/gifts")
    assert "'landing.brand.com/gifts' is not a web address" in message


def test_the_command_removes_what_a_killed_run_left_beside_out_but_not_what_another_run_is_writing(gifts, tmp_path):
    out = tmp_path / "gifts.zip"
    killed = tmp_path / ".gifts.zip.k1ll.partial"  # a run killed while writing left it; no process holds it
    killed.write_bytes(b"PK\x03\x04 half a zip")
    writing = tmp_path / ".gifts.zip.w0rk.partial"  # another run is writing it now: it holds its lock
    other = tmp_path / ".other.zip.k1ll.partial"  # beside another bundle: not this run's business
    other.write_bytes(b"")
    with open(writing, "wb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert "Wrote" in run("gifts", "--out", str(out))
        assert sorted(tmp_path.iterdir()) == sorted([out, writing, other])
    assert "Wrote" in run("gifts", "--out", str(out))  # its writer gone, the next run removes it
    assert sorted(tmp_path.iterdir()) == sorted([out, other])
