"""Two people save one variant at the same moment on the real PostgreSQL: one wins, the other is told."""
import threading

import pytest
from django.db import connection

from localization import access, review
from localization.models import CopyVariant
from tests.conftest import make_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_saves_of_one_version_never_overwrite_each_other(br_variant, people, markets):
    colleague = make_person("fabio", access.COPYWRITERS, writes=[markets["BR"]])
    opened = br_variant.version
    start = threading.Barrier(2)
    outcomes = {}

    def save(user, headline):
        try:
            variant = CopyVariant.objects.select_related("campaign", "market").get(pk=br_variant.pk)
            start.wait()
            review.save_copy(variant=variant, user=user, expected_version=opened, headline=headline)
            outcomes[user.username] = "saved"
        except review.ConcurrentEdit as refused:
            outcomes[user.username] = " ".join(refused.messages)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(people["copywriter"], "Versão da Ana")),
        threading.Thread(target=save, args=(colleague, "Versão do Fábio")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()).count("saved") == 1, outcomes
    (winner,) = [name for name, outcome in outcomes.items() if outcome == "saved"]
    (loser_message,) = [outcome for outcome in outcomes.values() if outcome != "saved"]
    assert f"changed by {winner}" in loser_message and "not saved" in loser_message
    variant = CopyVariant.objects.get(pk=br_variant.pk)
    assert variant.version == opened + 1
    assert variant.headline == {"ana": "Versão da Ana", "fabio": "Versão do Fábio"}[winner]
    assert variant.reviews.filter(action="edit").count() == 2  # the fixture's edit and the winner's
