"""Background work a service starts: a Celery task sent by its registered name once the transaction commits.

Services sit below ``localization.tasks`` (which imports them), so they name the task rather than
import it; the task is still looked up in Celery's registry, so eager mode in tests runs it as in
production, and a misspelt name fails at once rather than on a worker.
"""
from celery import current_app
from django.db import transaction


def enqueue_on_commit(task_name, *args, **kwargs):
    """Send ``task_name`` with these arguments once the current transaction commits (at once outside one).

    robust: a broker that is down is logged and must not turn work already saved into an error page.
    """
    task = current_app.tasks[task_name]
    transaction.on_commit(lambda: task.delay(*args, **kwargs), robust=True)
