"""seed_demo loads markets, people per role and a sample campaign; running it again changes nothing."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from calendars.models import Market
from localization.models import CopyVariant, MarketAssignment, Review, State

ROOT = Path(__file__).resolve().parents[2]


def snapshot():
    return (
        Market.objects.count(),
        get_user_model().objects.count(),
        MarketAssignment.objects.count(),
        sorted(CopyVariant.objects.values_list("market__code", "state", "version")),
        Review.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    codes = set(Market.objects.values_list("code", flat=True))
    assert {"BR", "MX", "US", "GB", "DE", "FR", "SA", "AE", "IN", "ID", "JP", "CN"} <= codes
    states = {code: state for code, state, _version in first[3]}
    assert states["BR"] == State.APPROVED and states["MX"] == State.IN_REVIEW
    assert states["DE"] == State.CHANGES_REQUESTED and states["IN"] == State.DRAFT
    groups = {user.username: {g.name for g in user.groups.all()} for user in get_user_model().objects.all()}
    assert groups == {"copywriter": {"Copywriter"}, "reviewer": {"Cultural reviewer"}, "manager": {"Campaign manager"}, "admin": set()}
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_demo_passwords_exist_only_on_the_embedded_default(settings, capsys):
    settings.EMBEDDED = False
    call_command("seed_demo")
    assert not get_user_model().objects.get(username="reviewer").has_usable_password()
    assert "glocal-reviewer" not in capsys.readouterr().out


def test_make_run_path_on_a_fresh_sqlite_file(tmp_path):
    """What `make run` does before serving: migrate and seed a new SQLite file, twice."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'glocal.sqlite3'}", "CELERY_BROKER_URL": "memory://"}
    for _ in range(2):
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        seeded = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    assert "Sample campaign: already there." in seeded.stdout
    for username in ("copywriter", "reviewer", "manager", "admin"):
        assert f"{username}" in seeded.stdout and f"glocal-{username}" in seeded.stdout
