"""Names that reach mail headers: a line break or control character is refused in every name (campaign,
brand, market, occasion, person), and a name damaged past validation still lets mail go, on one subject line."""
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from calendars.models import Occasion
from localization import scheduling
from localization.models import Brand, Campaign
from tests.localization.test_board import TODAY, submitted, valentines  # noqa: F401 (fixture)
from tests.localization.test_scheduling import calendar  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

BROKEN = "Valentine's\r\nBcc: everyone@example.com"


@pytest.mark.parametrize("name", [BROKEN, "Tab\there", "Line\u2028separator", "Null\x00byte", "Bell\x07"])
def test_a_campaign_name_with_a_control_character_is_refused(campaign, name):
    campaign.name = name
    with pytest.raises(ValidationError) as refused:
        campaign.full_clean()
    [message] = refused.value.message_dict["name"]
    assert message.startswith("Remove the line breaks and control characters (U+")
    assert "a name is one line" in message


def test_scripts_joiners_stay_allowed(campaign):
    campaign.name = "दिवाली ऑफ़र \u200d क्ष"  # Hindi with a zero-width joiner: a script's need, not a control
    campaign.full_clean()


def test_market_occasion_and_brand_names_are_one_line(markets, calendar):  # noqa: F811
    brazil = markets["BR"]
    brazil.name_pt = "Brasil\nBcc: x@example.com"
    with pytest.raises(ValidationError) as refused:
        brazil.full_clean()
    assert "U+000A" in refused.value.message_dict["name_pt"][0]
    occasion = Occasion.objects.get(slug="valentines-day")
    occasion.name = "Valentine's\rDay"
    with pytest.raises(ValidationError) as refused:
        occasion.full_clean()
    assert "U+000D" in refused.value.message_dict["name"][0]
    with pytest.raises(ValidationError):
        Brand(name="Lumen\nGifts").full_clean(exclude=["logo", "accent_colour"])


def test_the_campaign_form_refuses_a_line_break_and_keeps_what_was_saved(client, campaign, people):
    client.force_login(people["manager"])
    response = client.post(reverse("admin:localization_campaign_change", args=[campaign.pk]), {
        "name": BROKEN, "slug": campaign.slug, "owner": people["manager"].pk, "source_locale": "en",
        "headline": campaign.headline, "body": campaign.body, "lead_days": 30,
        "campaign_markets-TOTAL_FORMS": 0, "campaign_markets-INITIAL_FORMS": 0,
        "images-TOTAL_FORMS": 0, "images-INITIAL_FORMS": 0, "source_revisions-TOTAL_FORMS": 0, "source_revisions-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200
    assert "Remove the line breaks and control characters (U+000A, U+000D)" in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).name == "Valentine's"


def test_a_persons_names_are_one_line_in_the_admin(client, people):
    person = people["copywriter"]
    client.force_login(people["admin"])
    response = client.post(reverse("admin:auth_user_change", args=[person.pk]), {
        "username": person.username, "first_name": "Ana\r\nBcc: x@example.com", "last_name": "", "email": person.email,
        "is_active": "on", "is_staff": "on", "date_joined_0": "2027-01-01", "date_joined_1": "00:00:00",
        "glocal_preference-TOTAL_FORMS": 0, "glocal_preference-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200
    assert "Remove the line breaks and control characters" in response.content.decode()
    person.refresh_from_db()
    assert person.first_name == ""


def damage_name(campaign):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE localization_campaign SET name = %s WHERE id = %s", [BROKEN, campaign.pk])


def test_a_damaged_campaign_name_still_lets_review_notices_go_on_one_line(
    valentines, people, settings, django_capture_on_commit_callbacks,  # noqa: F811
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    damage_name(valentines)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submitted(Campaign.objects.get(pk=valentines.pk), "BR", people["copywriter"])
    [notice] = [message for message in mail.outbox if "to review" in message.subject]
    assert "\n" not in notice.subject and "\r" not in notice.subject
    assert "Valentine's Bcc: everyone@example.com" in notice.subject
    assert notice.bcc == [] and "everyone@example.com" not in notice.recipients()
    header = notice.message().as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in header


def test_a_damaged_campaign_name_still_lets_reminders_go(valentines, people, capsys):  # noqa: F811
    damage_name(valentines)
    mail.outbox.clear()
    call_command("send_reminders", "--today", TODAY.isoformat())  # exits 0: no SystemExit
    assert mail.outbox, "the reminders of the damaged campaign went"
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "everyone@example.com" not in message.recipients()
    run = scheduling.send_due_reminders(today=date(2027, 6, 10))
    assert run.failed == []

