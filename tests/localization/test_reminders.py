"""Reminders go out once each, under their own Message-ID, in each reader's language, skipped once their
milestone is met; the owner's lists what is overdue."""
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from localization import review, scheduling
from localization.models import CampaignMarket, CopyVariant, Milestone, Reminder, UserPreference
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

OPENS = date(2027, 5, 13)  # 12 June 2027 - 30 days: Brazil's launch day for Dia dos Namorados


@pytest.fixture
def opened(people, calendar):  # noqa: F811
    """Valentine's 2027 opened in Brazil and Mexico (Mexico on its own day in February)."""
    campaign = make_campaign(people, calendar, ["BR", "MX"])
    scheduling.schedule_due_campaigns(today=date(2027, 1, 15))
    scheduling.schedule_due_campaigns(today=OPENS)
    return campaign


def headers(message):
    return {name: value for name, value in message.message().items()}


def sent_ids(mailoutbox):
    return [headers(message)["Message-ID"] for message in mailoutbox]


def test_each_reminder_is_sent_once_under_its_own_message_id(opened, mailoutbox):
    first = scheduling.send_due_reminders(today=OPENS)
    assert sorted((r.market.code, r.milestone, r.recipient.username) for r in first.sent) == [
        ("BR", "kickoff", "ana"), ("BR", "kickoff", "bruno")
    ]
    assert {(r.market.code, r.skipped_because) for r in first.skipped} == {("MX", "occasion_over")}  # 14 February is past
    assert not scheduling.send_due_reminders(today=OPENS).sent
    assert not scheduling.send_due_reminders(today=OPENS + timedelta(days=1)).sent
    expected = {reminder.message_id for reminder in Reminder.objects.filter(sent_at__isnull=False)}
    assert sorted(sent_ids(mailoutbox)) == sorted(expected) and len(expected) == 2  # each once
    kickoff = Reminder.objects.get(market__code="BR", milestone=Milestone.KICKOFF, recipient__username="ana")
    assert kickoff.message_id == f"<reminder.{kickoff.token}@127.0.0.1>"
    assert kickoff.sent_at is not None and not kickoff.late


def test_a_reminder_another_sender_holds_waits_for_its_lease(opened, mailoutbox, settings):
    held = Reminder.objects.get(market__code="BR", milestone=Milestone.KICKOFF, recipient__username="ana")
    Reminder.objects.filter(pk=held.pk).update(claimed_until=timezone.now() + timedelta(minutes=5))  # a sender died mid-send
    scheduling.send_due_reminders(today=OPENS)
    assert held.message_id not in sent_ids(mailoutbox)
    Reminder.objects.filter(pk=held.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))  # its lease ran out
    assert [r.pk for r in scheduling.send_due_reminders(today=OPENS).sent] == [held.pk]
    assert sent_ids(mailoutbox).count(held.message_id) == 1


def test_a_met_milestone_is_skipped(opened, people, mailoutbox):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=opened, market__code="BR")
    review.save_copy(variant=variant, user=people["copywriter"], expected_version=variant.version,
                     headline="O amor está nos detalhes", body="Presentes que chegam a tempo.")
    review.submit(variant=variant, user=people["copywriter"])
    review.approve(variant=variant, user=people["reviewer"])  # approved before copy and review were due
    run = scheduling.send_due_reminders(today=date(2027, 5, 30))
    skipped = {(r.market.code, r.milestone): r.skipped_because for r in run.skipped if r.market.code == "BR"}
    assert skipped == {("BR", "copy_due"): "met", ("BR", "review_due"): "met"}
    assert not [message for message in mailoutbox if "Review due" in message.subject and "Brazil" in message.subject]
    assert Reminder.objects.get(market__code="BR", milestone="review_due").skipped_at is not None


def test_the_owners_reminder_lists_what_is_overdue(opened, people, mailoutbox):
    scheduling.send_due_reminders(today=date(2027, 6, 5))  # Brazil's export is due; its copy was due on 22 May, never written
    (owners,) = [m for m in mailoutbox if m.to == ["dora@example.com"] and m.subject.startswith("Export due") and "Brazil" in m.subject]
    assert "Overdue in this campaign:" in owners.body
    assert "Brazil: Copy due on May 22, 2027; Review due on May 29, 2027 (Draft)" in owners.body
    assert "Mexico" not in owners.body  # its occasion is over: missed, no longer overdue


def test_the_email_speaks_each_readers_language_with_an_html_alternative_and_an_absolute_link(opened, people, mailoutbox, settings):
    settings.SITE_URL = "https://glocal.example.com"
    UserPreference.objects.create(user=people["reviewer"], language="zh-hans")
    scheduling.send_due_reminders(today=OPENS)
    (english,) = [m for m in mailoutbox if m.to == ["ana@example.com"] and "Brazil" in m.subject]
    (chinese,) = [m for m in mailoutbox if m.to == ["bruno@example.com"]]

    assert english.subject == "Valentine's 2027 opened in Brazil: Brazilian Valentine's Day (Dia dos Namorados) on June 12, 2027"
    assert "Its copy is due on May 22, 2027 and its review on May 29, 2027." in english.body
    variant = CopyVariant.objects.get(campaign=opened, market__code="BR")
    assert f"https://glocal.example.com/admin/localization/campaign/{opened.pk}/change/" in english.body
    (html, mimetype), = english.alternatives
    assert mimetype == "text/html" and '<html lang="en">' in html and "<bdi>Brazil</bdi>" in html
    assert headers(english)["Message-ID"].endswith("@glocal.example.com>")

    assert "巴西" in chinese.subject and "巴西情人节 (Dia dos Namorados)" in chinese.subject
    assert "2027年6月12日" in chinese.subject  # the date as a Chinese reader writes it
    (html, _mimetype), = chinese.alternatives
    assert '<html lang="zh-hans">' in html and "2027年5月29日" in html

    mailoutbox.clear()
    scheduling.send_due_reminders(today=date(2027, 5, 22))
    (copy_due,) = [m for m in mailoutbox if m.subject.startswith("Copy due")]
    assert f"/admin/localization/copyvariant/{variant.pk}/change/" in copy_due.body  # the copy to write, directly


def test_people_without_an_address_get_no_reminder_and_leaving_skips_theirs(opened, people, mailoutbox):
    people["reviewer"].is_active = False
    people["reviewer"].save()
    run = scheduling.send_due_reminders(today=OPENS)
    assert [(r.recipient.username, r.skipped_because) for r in run.skipped if r.market.code == "BR"] == [("bruno", "no_address")]


def test_a_market_removed_from_the_campaign_has_its_reminders_skipped(opened, mailoutbox):
    CampaignMarket.objects.filter(campaign=opened, market__code="BR").delete()
    run = scheduling.send_due_reminders(today=OPENS)
    assert {r.skipped_because for r in run.skipped if r.market.code == "BR"} == {"market_left"}
    assert not [m for m in mailoutbox if "Brazil" in m.subject]


def test_progress_shows_each_markets_next_milestone_and_what_is_overdue(opened):
    progress = {item.campaign_market.market.code: item for item in scheduling.campaign_progress(opened, today=date(2027, 5, 25))}
    assert progress["BR"].launch_on == OPENS
    assert progress["BR"].next_milestone == (Milestone.REVIEW_DUE, date(2027, 5, 29))
    assert progress["BR"].overdue == [(Milestone.COPY_DUE, date(2027, 5, 22))]
    assert progress["MX"].occurrence.starts_on == date(2027, 2, 14)
    assert (progress["MX"].overdue, progress["MX"].next_milestone) == ([], None)  # over: nothing is due any more


def test_a_users_reminders_are_listed_for_their_calendar(opened, people):
    mine = scheduling.reminders_for(people["reviewer"], first_day=date(2027, 5, 1), last_day=date(2027, 6, 30))
    assert [(r.milestone, r.due_on) for r in mine] == [("kickoff", OPENS), ("review_due", date(2027, 5, 29))]


def form_data(response):
    """What the browser would post back: every field of the admin page's form and inlines as rendered."""
    data = {}
    for form in [response.context["adminform"].form] + [f for inline in response.context["inline_admin_formsets"] for f in inline.formset]:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if isinstance(value, (list, tuple)):
                data[bound.html_name] = list(value)
            elif isinstance(value, datetime):  # a date and a time, posted as two fields
                data[f"{bound.html_name}_0"], data[f"{bound.html_name}_1"] = value.date().isoformat(), value.strftime("%H:%M:%S")
            else:
                data[bound.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
    return data


def test_a_person_chooses_the_language_of_their_reminders_on_their_user_page(client, people):
    client.force_login(people["admin"])
    url = f"/admin/auth/user/{people['reviewer'].pk}/change/"
    page = client.get(url)
    assert 'name="glocal_preference-0-language"' in page.content.decode()
    assert '<option value="zh-hans">Simplified Chinese</option>' in page.content.decode()
    data = form_data(page)
    data["glocal_preference-0-language"] = "zh-hans"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [f.errors for f in [response.context["adminform"].form]]
    assert UserPreference.objects.get(user=people["reviewer"]).language == "zh-hans"
