"""A real Celery worker on the real Redis and PostgreSQL sends the review e-mails."""
import email
import email.header
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from glocal.celery import app
from localization import review
from tests.conftest import REDIS_URL

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


@pytest.fixture
def worker(tmp_path):
    """A worker of our own on a queue of our own, stopped afterwards; this process sends to it."""
    queue = app.conf.task_default_queue  # this run's own (tests/conftest.py)
    mail_dir = tmp_path / "mail"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "glocal", "worker", "--pool", "solo", "--queues", queue,
             "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    app.conf.task_always_eager = False
    try:
        wait_for(lambda: "ready" in log.read_text() or process.poll() is not None, 60, "the worker to start")
        assert process.poll() is None, log.read_text()
        yield mail_dir, log
    finally:
        app.conf.task_always_eager = True
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_submitting_copy_mails_the_reviewer_through_the_worker(worker, br_variant, people):
    mail_dir, log = worker
    review.submit(variant=br_variant, user=people["copywriter"])  # autocommit: on_commit sends now

    def mailed():
        return mail_dir.exists() and any(mail_dir.iterdir())

    wait_for(mailed, 60, f"the worker's e-mail (worker log: {log.read_text()[-2000:]})")
    (raw,) = [path.read_text() for path in mail_dir.iterdir()]
    message = email.message_from_string(raw.split("\n-------", 1)[0])
    assert message["To"] == "bruno@example.com"
    assert str(email.header.make_header(email.header.decode_header(message["Subject"]))) == "Copy to review: Valentine's · BR (pt-BR)"
    assert "succeeded" in log.read_text()
