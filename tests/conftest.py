"""Fixtures in the domain's words: markets, people per role, a campaign with its variants."""
import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation

from calendars.loading import load_markets
from calendars.models import Market
from localization import access, campaigns, review
from localization.models import CopyVariant, MarketAssignment, Role

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def pytest_configure(config):
    from django.conf import settings

    from glocal.celery import app

    # Tests make many users: a fast hasher. Tasks run in-process (Celery's test mode), except in
    # test_celery_worker.py, which turns that off and starts a real worker on Redis.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Bundles need a public address; outside tests there is no example default (each export names one).
    settings.LANDING_BASE_URL = "https://landing.example"
    # The broker of the worker tests: the real Redis, on a queue of this run's own.
    app.conf.update(task_always_eager=True, broker_url=REDIS_URL, task_default_queue=f"glocal-test-{os.getpid()}")


def service_missing(reason):
    """Skip on a developer's machine; under CI a missing service is a failure, never a skip."""
    if IN_CI:
        pytest.fail(f"CI=true, and {reason}", pytrace=False)
    pytest.skip(reason)


def answers(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _english_unless_a_test_switches():
    """A request in Chinese leaves the thread in Chinese; the next test starts in English again."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _services(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        service_missing(
            f"the suite runs on {connection.vendor}, not PostgreSQL: start PostgreSQL at {POSTGRES_URL} "
            "(or set TEST_POSTGRES_URL) and run `make test`"
        )
    if request.node.get_closest_marker("redis") and not answers(REDIS_URL, 6379):
        service_missing(f"Redis does not answer at {REDIS_URL}: start it or set TEST_REDIS_URL")
    if request.node.get_closest_marker("browser") and not (shutil.which("chromium") and shutil.which("chromedriver")):
        service_missing("Debian's chromium and chromium-driver are not installed: run `make test` as root, or apt-get install them")


User = get_user_model()


@pytest.fixture
def markets(db):
    load_markets()
    return {market.code: market for market in Market.objects.all()}


def make_person(username, *group_names, writes=(), reviews=(), **extra):
    """A staff user in the given role groups, assigned to write or review markets."""
    user = User.objects.create_user(username=username, email=f"{username}@example.com", password="pw", is_staff=True, **extra)
    access.ensure_role_groups()
    user.groups.add(*Group.objects.filter(name__in=group_names))
    for market in writes:
        MarketAssignment.objects.create(user=user, market=market, role=Role.COPYWRITER)
    for market in reviews:
        MarketAssignment.objects.create(user=user, market=market, role=Role.REVIEWER)
    return user


@pytest.fixture
def people(markets):
    """A copywriter and a reviewer for Brazil, a reviewer for Mexico, a manager and an administrator."""
    access.ensure_role_groups()
    br, mx = markets["BR"], markets["MX"]
    return {
        "copywriter": make_person("ana", access.COPYWRITERS, writes=[br, mx]),
        "reviewer": make_person("bruno", access.REVIEWERS, reviews=[br]),
        "mx_reviewer": make_person("carla", access.REVIEWERS, reviews=[mx]),
        "manager": make_person("dora", access.MANAGERS),
        "admin": make_person("root", is_superuser=True),
    }


@pytest.fixture
def campaign(people, markets):
    return campaigns.create_campaign(
        user=people["manager"],
        markets=[markets["BR"], markets["MX"]],
        slug="valentines",
        name="Valentine's",
        headline="Love is in the details",
        body="Find the gift that says it best.",
    )


@pytest.fixture
def br_variant(campaign, people):
    """Brazil's copy, written by the copywriter, still a draft."""
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="BR")
    review.save_copy(
        variant=variant,
        user=people["copywriter"],
        expected_version=variant.version,
        headline="O amor está nos detalhes",
        body="Encontre o presente perfeito.",
    )
    return variant


@pytest.fixture
def in_review(br_variant, people):
    review.submit(variant=br_variant, user=people["copywriter"])
    return br_variant
