"""The scheduler opens each market's campaign on its launch day (the occasion there, minus the lead days), once;
never where the occasion is not kept; late after an outage; next year's campaign with last year's copy."""
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import CommandError, call_command

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Market, Occasion, Occurrence
from localization import calendar_bands, campaigns, review, scheduling
from localization.models import Campaign, CampaignMarket, CopyVariant, Milestone, Reminder, Review, State

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MARKETS_UNDER_TEST = ["BR", "MX", "SA", "US", "JP", "DE", "AE", "ID", "IN"]


@pytest.fixture
def calendar(markets):
    """The catalogue's occasions, dated for 2027 and 2028 in the markets these tests use."""
    load_occasions()
    occurrences.materialize([2027, 2028], markets=[markets[code] for code in MARKETS_UNDER_TEST])
    return markets


def occasion(slug):
    return Occasion.objects.get(slug=slug)


def dated(market_code, slug, year):
    return Occurrence.objects.get(market__code=market_code, occasion__slug=slug, year=year, nth=0)


def make_campaign(people, calendar, codes, *, slug="valentines-2027", name="Valentine's 2027", occasion_slug="valentines-day",
                  year=2027, **fields):
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=[calendar[code] for code in codes], slug=slug, name=name,
        occasion=occasion(occasion_slug), year=year, headline="Love is in the details", body="Find the gift that says it best.",
        **fields,
    )
    if "BR" in codes and occasion_slug == "valentines-day":  # Brazil's day for couples is 12 June
        campaign.campaign_markets.filter(market__code="BR").update(occasion=occasion("dia-dos-namorados"))
    return campaign


@pytest.fixture
def valentines(people, calendar):
    return make_campaign(people, calendar, ["BR", "MX", "SA", "US", "JP"])


def opened(campaign):
    return {offer.market.code: offer for offer in campaign.campaign_markets.select_related("market") if offer.opened_on}


def reminders(campaign, code):
    return {
        (reminder.milestone, reminder.recipient.username): reminder.due_on
        for reminder in Reminder.objects.filter(campaign=campaign, market__code=code).select_related("recipient")
    }


def snapshot():
    return (
        sorted(CampaignMarket.objects.values_list("pk", "opened_on", "opened_late", "occurrence_id", "occasion_starts_on")),
        sorted(Reminder.objects.values_list("campaign_id", "market_id", "milestone", "recipient_id", "due_on")),
        sorted(CopyVariant.objects.values_list("campaign_id", "market_id", "locale", "state", "version")),
        Campaign.objects.count(),
    )


# Opening each market on its own launch day --------------------------------------------------------


def test_brazil_opens_on_13_may_2027_for_dia_dos_namorados_and_saudi_arabia_the_us_and_japan_do_not(valentines, people):
    assert not scheduling.schedule_due_campaigns(today=date(2027, 5, 12)).opened
    run = scheduling.schedule_due_campaigns(today=date(2027, 5, 13))

    assert [(item.campaign_market.market.code, item.late) for item in run.opened] == [("BR", False)]
    brazil = opened(valentines)["BR"]
    assert (brazil.opened_on, brazil.occasion_starts_on, brazil.opened_late) == (date(2027, 5, 13), date(2027, 6, 12), False)
    assert brazil.occurrence == dated("BR", "dia-dos-namorados", 2027)
    variant = CopyVariant.objects.get(campaign=valentines, market__code="BR")
    assert (variant.state, variant.locale, variant.copywriter) == (State.DRAFT, "pt-BR", people["copywriter"])
    assert reminders(valentines, "BR") == {
        ("kickoff", "ana"): date(2027, 5, 13), ("kickoff", "bruno"): date(2027, 5, 13),
        ("copy_due", "ana"): date(2027, 5, 22),  # T-21
        ("review_due", "bruno"): date(2027, 5, 29),  # T-14
        ("export_due", "dora"): date(2027, 6, 5),  # T-7, to the campaign's owner
        ("go_live", "dora"): date(2027, 6, 12),
    }
    assert set(opened(valentines)) == {"BR"}  # the US and Japan kept Valentine's in February; Saudi Arabia does not keep it


def test_valentines_opens_the_us_and_japan_on_15_january_and_never_saudi_arabia(valentines):
    day = date(2027, 1, 1)
    while day <= date(2027, 6, 30):
        scheduling.schedule_due_campaigns(today=day)
        if day == date(2027, 1, 14):
            assert not opened(valentines)
        if day == date(2027, 1, 15):
            assert set(opened(valentines)) == {"US", "JP", "MX"}
        day += timedelta(days=1)
    offers = opened(valentines)
    assert set(offers) == {"US", "JP", "MX", "BR"}
    assert {code: offer.opened_on for code, offer in offers.items()} == {
        "US": date(2027, 1, 15), "JP": date(2027, 1, 15), "MX": date(2027, 1, 15), "BR": date(2027, 5, 13)
    }
    assert not Reminder.objects.filter(market__code="SA").exists()
    assert not CampaignMarket.objects.get(campaign=valentines, market__code="SA").opened_on


def test_ramadan_opens_saudi_arabia_the_emirates_and_indonesia_30_days_before_1_ramadan(people, calendar):
    ramadan = make_campaign(people, calendar, ["SA", "AE", "ID"], slug="ramadan-2027", name="Ramadan 2027", occasion_slug="ramadan")
    launch = {code: dated(code, "ramadan", 2027).starts_on - timedelta(days=30) for code in ["SA", "AE", "ID"]}
    assert all(date(2027, 1, 1) < day < date(2027, 2, 1) for day in launch.values())  # 1 Ramadan 1448 falls in February 2027
    scheduling.schedule_due_campaigns(today=min(launch.values()) - timedelta(days=1))
    assert not opened(ramadan)
    for day in sorted(set(launch.values())):
        scheduling.schedule_due_campaigns(today=day)
        assert {code: offer.opened_on for code, offer in opened(ramadan).items()} == {
            code: launch_on for code, launch_on in launch.items() if launch_on <= day
        }
    assert not any(offer.opened_late for offer in opened(ramadan).values())


def test_diwali_opens_india(people, calendar):
    diwali = make_campaign(people, calendar, ["IN", "BR"], slug="diwali-2027", name="Diwali 2027", occasion_slug="diwali")
    launch_on = dated("IN", "diwali", 2027).starts_on - timedelta(days=30)
    scheduling.schedule_due_campaigns(today=launch_on)
    assert set(opened(diwali)) == {"IN"}  # Brazil does not keep Diwali
    assert opened(diwali)["IN"].occasion_starts_on == dated("IN", "diwali", 2027).starts_on


def test_each_market_opens_when_its_own_day_begins(valentines):
    # 16:00 UTC on 14 January is already 15 January in Tokyo, still the 14th in New York.
    run = scheduling.schedule_due_campaigns(now=datetime(2027, 1, 14, 16, 0, tzinfo=timezone.utc))
    assert {item.campaign_market.market.code for item in run.opened} == {"JP"}
    run = scheduling.schedule_due_campaigns(now=datetime(2027, 1, 15, 5, 30, tzinfo=timezone.utc))  # 00:30 in New York
    assert {item.campaign_market.market.code for item in run.opened} == {"US"}
    run = scheduling.schedule_due_campaigns(now=datetime(2027, 1, 15, 6, 30, tzinfo=timezone.utc))  # 00:30 in Mexico City
    assert {item.campaign_market.market.code for item in run.opened} == {"MX"}


def test_a_campaign_markets_own_lead_days_win(valentines):
    CampaignMarket.objects.filter(campaign=valentines, market__code="BR").update(lead_days=45)
    scheduling.schedule_due_campaigns(today=date(2027, 4, 27))
    assert "BR" not in opened(valentines)
    scheduling.schedule_due_campaigns(today=date(2027, 4, 28))  # 12 June - 45 days
    assert opened(valentines)["BR"].opened_on == date(2027, 4, 28)
    assert reminders(valentines, "BR")[("kickoff", "ana")] == date(2027, 4, 28)
    assert reminders(valentines, "BR")[("copy_due", "ana")] == date(2027, 5, 22)  # the milestones stay counted from T


def test_the_month_view_shows_the_same_launch_windows(valentines):
    CampaignMarket.objects.filter(campaign=valentines, market__code="BR").update(lead_days=45)
    (brazil,) = calendar_bands.launch_windows(Market.objects.get(code="BR"), date(2027, 4, 1), date(2027, 6, 30))
    assert (brazil.label, brazil.starts_on, brazil.ends_on) == ("Valentine's 2027", date(2027, 4, 28), date(2027, 6, 12))
    assert not calendar_bands.launch_windows(Market.objects.get(code="SA"), date(2027, 1, 1), date(2027, 12, 31))
    # A campaign is for its year's occasion: Valentine's 2027 has no window before February 2028.
    assert not calendar_bands.launch_windows(Market.objects.get(code="US"), date(2028, 1, 1), date(2028, 2, 28))


def test_running_again_or_for_a_day_already_run_changes_nothing(valentines):
    scheduling.schedule_due_campaigns(today=date(2027, 1, 15))
    scheduling.schedule_due_campaigns(today=date(2027, 5, 13))
    before = snapshot()
    again = scheduling.schedule_due_campaigns(today=date(2027, 5, 13))
    assert not again.opened and not again.created and not again.moved
    scheduling.schedule_due_campaigns(today=date(2027, 1, 15))
    scheduling.schedule_due_campaigns(today=date(2027, 5, 20))
    assert snapshot() == before


def test_a_launch_day_missed_while_the_scheduler_was_down_opens_on_the_next_run_marked_late(valentines, people, mailoutbox):
    run = scheduling.schedule_due_campaigns(today=date(2027, 1, 18))  # down from the 15th to the 17th
    assert {item.campaign_market.market.code: item.late for item in run.opened} == {"US": True, "JP": True, "MX": True}
    mexico = opened(valentines)["MX"]
    assert (mexico.opened_on, mexico.opened_late) == (date(2027, 1, 18), True)
    assert "late: its launch day was 2027-01-15" in str(run.opened[0])

    sent = scheduling.send_due_reminders(today=date(2027, 1, 18))
    kickoffs = [reminder for reminder in sent.sent if reminder.milestone == Milestone.KICKOFF]
    assert kickoffs and all(reminder.late for reminder in kickoffs)
    assert Reminder.objects.filter(milestone=Milestone.KICKOFF, market__code="MX", late=True).count() == 2  # ana and carla
    assert any(message.subject.startswith("Late: ") for message in mailoutbox)


def test_a_campaign_without_a_year_is_for_its_next_occasion_and_keeps_that_year(people, calendar):
    campaign = make_campaign(people, calendar, ["US"], slug="valentines", name="Valentine's", year=None)
    scheduling.schedule_due_campaigns(today=date(2027, 2, 1))
    campaign.refresh_from_db()
    assert campaign.year == 2027 and opened(campaign)["US"].occasion_starts_on == date(2027, 2, 14)
    assert not scheduling.schedule_due_campaigns(today=date(2028, 1, 20)).opened  # 2028 is another campaign's


def test_a_market_with_a_broken_time_zone_is_named_and_the_others_still_open(valentines):
    Market.objects.filter(code="JP").update(time_zone="Asia/Atlantis")
    run = scheduling.schedule_due_campaigns(now=datetime(2027, 1, 15, 12, 0, tzinfo=timezone.utc))
    assert run.problems == [
        "Market JP has the time zone 'Asia/Atlantis', which is not an IANA time zone; correct it on the market's page, "
        "with a name such as America/Sao_Paulo."
    ]
    assert {item.campaign_market.market.code for item in run.opened} == {"US", "MX"}


# Milestones: defaults, overrides and refusals --------------------------------------------------------


def test_milestones_overridden_per_campaign(people, calendar):
    campaign = make_campaign(people, calendar, ["BR"], milestone_days={"copy_due": 25, "export_due": 10})
    scheduling.schedule_due_campaigns(today=date(2027, 5, 13))
    assert reminders(campaign, "BR")[("copy_due", "ana")] == date(2027, 5, 18)  # 12 June - 25
    assert reminders(campaign, "BR")[("review_due", "bruno")] == date(2027, 5, 29)  # the default, T-14
    assert reminders(campaign, "BR")[("export_due", "dora")] == date(2027, 6, 2)


def refusal(**fields):
    campaign = Campaign(slug="x", name="X", **fields)
    with pytest.raises(ValidationError) as refused:
        campaign.full_clean()
    return refused.value.message_dict


@pytest.mark.parametrize(
    "milestone_days, says",
    [
        ({"go_live": -2}, "Go-live 2 days after the occasion starts would be too late; give 0 (the day it starts) or more days before it."),
        ({"export_due": -1}, "Export due 1 day after the occasion would come after go-live; give 0 or more days before the occasion."),
        ({"review_due": 25}, "Review due (25 days before the occasion) would come before Copy due (21 days before)"),
        ({"export_due": 2, "go_live": 3}, "Go-live (3 days before the occasion) would come before Export due (2 days before)"),
        ({"kickoff": 40}, "Kickoff is the launch day: change the lead days to move it."),
        ({"launch": 3}, "'launch' is not a milestone; use copy_due, review_due, export_due, go_live."),
        ({"copy_due": "21"}, "Copy due: give a whole number of days before the occasion, such as 21, not '21'."),
        ([21, 14], 'Give the milestones as days before the occasion, such as {"copy_due": 25, "review_due": 18}.'),
    ],
)
def test_a_milestone_out_of_place_is_refused_saying_what_to_fix(db, milestone_days, says):
    (message,) = refusal(milestone_days=milestone_days)["milestone_days"]
    assert message.startswith(says)


def test_negative_lead_days_are_refused_saying_what_to_give(db):
    assert "Lead days of -5 would open the campaign after its occasion; give 0 or more days, such as 30." in refusal(lead_days=-5)["lead_days"]


def test_a_campaign_repeats_only_with_an_occasion(db):
    assert refusal(repeats_yearly=True)["occasion"] == [
        "A campaign repeats with its occasion: choose the occasion, or leave 'repeats yearly' off."
    ]


def test_broken_default_milestones_in_settings_are_refused_at_use(settings):
    settings.GLOCAL_MILESTONE_DAYS = {"copy_due": 21, "review_due": 14, "export_due": 7, "go_live": -1}
    with pytest.raises(ImproperlyConfigured, match="GLOCAL_MILESTONE_DAYS: Go-live 1 day after the occasion starts"):
        scheduling.default_milestone_days()


def test_a_campaign_whose_stored_milestones_are_wrong_is_named_and_stays_closed(valentines, people, calendar):
    other = make_campaign(people, calendar, ["BR"], slug="namorados", name="Namorados")
    Campaign.objects.filter(pk=valentines.pk).update(milestone_days={"copy_due": -1})  # written past the form's checks
    run = scheduling.schedule_due_campaigns(today=date(2027, 5, 13))
    assert run.problems == [
        "The milestones of Valentine's 2027 are wrong: Copy due 1 day after the occasion would come after go-live; "
        "give 0 or more days before the occasion."
    ]
    assert not opened(valentines) and set(opened(other)) == {"BR"}
    with pytest.raises(CommandError, match="The milestones of Valentine's 2027 are wrong"):
        call_command("schedule_campaigns", "--today", "2027-05-13", stdout=StringIO())


def test_a_short_lead_puts_early_milestones_on_the_launch_day(people, calendar):
    campaign = make_campaign(people, calendar, ["BR"], lead_days=10)
    scheduling.schedule_due_campaigns(today=date(2027, 6, 2))
    planned = reminders(campaign, "BR")
    assert planned[("kickoff", "ana")] == planned[("copy_due", "ana")] == planned[("review_due", "bruno")] == date(2027, 6, 2)


# Next year's campaign ------------------------------------------------------------------------------


def approve(variant, people, **copy):
    review.save_copy(variant=variant, user=people["copywriter"], expected_version=variant.version, **copy)
    review.submit(variant=variant, user=people["copywriter"])
    reviewer = people["reviewer"] if variant.market.code == "BR" else people["mx_reviewer"]
    review.approve(variant=variant, user=reviewer)


def test_a_repeating_campaign_opens_next_year_with_last_years_approved_copy_as_drafts(people, calendar):
    campaign = make_campaign(people, calendar, ["BR", "MX", "SA"], repeats_yearly=True, discount_percent=15,
                             ends_on=date(2027, 6, 12), milestone_days={"copy_due": 25})
    CampaignMarket.objects.filter(campaign=campaign, market__code="MX").update(price=899, lead_days=35)
    scheduling.schedule_due_campaigns(today=date(2027, 1, 10))
    variants = {v.market.code: v for v in campaign.variants.select_related("campaign", "market")}
    approve(variants["MX"], people, headline="El amor está en los detalles", body="Regalos para San Valentín, este año también.")
    approve(variants["BR"], people, headline="O amor está nos detalhes", body="Presentes que chegam a tempo.")
    review.save_copy(variant=variants["BR"], user=people["copywriter"], expected_version=variants["BR"].version,
                     headline="Rascunho depois da aprovação")  # last year's approved copy is what carries over, not this

    assert not scheduling.schedule_due_campaigns(today=date(2027, 12, 9)).created
    run = scheduling.schedule_due_campaigns(today=date(2028, 1, 10))  # 14 February 2028 - 35 days: Mexico's window opens

    (following,) = run.created
    assert (following.name, following.slug, following.year, following.previous_campaign) == (
        "Valentine's 2028", "valentines-2028", 2028, campaign
    )
    assert (following.owner, following.lead_days, following.discount_percent, following.ends_on, following.milestone_days) == (
        people["manager"], 30, 15, date(2028, 6, 12), {"copy_due": 25}
    )
    assert following.repeats_yearly and following.headline == "Love is in the details"
    offers = {offer.market.code: offer for offer in following.campaign_markets.select_related("market", "occasion")}
    assert set(offers) == {"BR", "MX", "SA"}
    assert (offers["MX"].price, offers["MX"].lead_days, offers["BR"].occasion.slug) == (899, 35, "dia-dos-namorados")
    assert set(opened(following)) == {"MX"}  # its first market opens in the same run

    mexico = CopyVariant.objects.get(campaign=following, market__code="MX")
    assert (mexico.state, mexico.headline, mexico.carried_over_from) == (State.DRAFT, "El amor está en los detalles", variants["MX"])
    assert mexico.body == "Regalos para San Valentín, este año también."  # the copywriter checks it still holds
    history = mexico.reviews.get()
    assert (history.action, history.actor, history.note) == (
        Review.Action.EDIT, None, "Carried over from Valentine's 2027: check dates, prices and names."
    )
    brazil = CopyVariant.objects.get(campaign=following, market__code="BR")
    assert brazil.headline == "O amor está nos detalhes"  # approved, not the later draft
    assert CopyVariant.objects.get(campaign=following, market__code="SA").carried_over_from is None  # never approved: empty
    assert scheduling.difference_to_last_year(mexico) == []
    review.save_copy(variant=mexico, user=people["copywriter"], expected_version=mexico.version,
                     body="Regalos para San Valentín, en su día.")
    assert scheduling.difference_to_last_year(mexico) == [
        ("body", "Regalos para San Valentín, este año también.", "Regalos para San Valentín, en su día.")
    ]

    before = snapshot()
    assert not scheduling.schedule_due_campaigns(today=date(2028, 1, 10)).created
    assert scheduling.repeat_campaign(campaign=campaign) == following
    assert snapshot() == before


def test_the_demo_valentines_campaign_repeats_yearly(db):
    call_command("seed_demo", stdout=StringIO())
    campaign = Campaign.objects.get(slug="valentines-2027")
    assert campaign.repeats_yearly and campaign.year == 2027


# Dates confirmed elsewhere move the reminders ------------------------------------------------------


def test_a_confirmed_date_moves_the_unsent_reminders_and_tells_each_person_once(people, calendar, mailoutbox):
    eid = make_campaign(people, calendar, ["SA"], slug="eid-2027", name="Eid al-Fitr 2027", occasion_slug="eid-al-fitr")
    reviewer = people["reviewer"]
    from localization.models import MarketAssignment, Role

    MarketAssignment.objects.create(user=people["copywriter"], market=calendar["SA"], role=Role.COPYWRITER)
    MarketAssignment.objects.create(user=reviewer, market=calendar["SA"], role=Role.REVIEWER)
    occurrence = dated("SA", "eid-al-fitr", 2027)
    estimated_start = occurrence.starts_on
    launch_on = estimated_start - timedelta(days=30)
    scheduling.schedule_due_campaigns(today=launch_on)
    scheduling.send_due_reminders(today=launch_on)  # the kickoffs go out
    planned = reminders(eid, "SA")

    occurrences.confirm(occurrence=occurrence, user=people["admin"], starts_on=estimated_start + timedelta(days=1))  # the moon, a day later
    run = scheduling.schedule_due_campaigns(today=launch_on + timedelta(days=2))
    (moved,) = run.moved
    assert (moved.moved_from, moved.moved_to, moved.people_told) == (estimated_start, estimated_start + timedelta(days=1), 3)
    now = reminders(eid, "SA")
    for (milestone, username), due_on in planned.items():
        if milestone == "kickoff":
            assert now[(milestone, username)] == due_on  # sent already: it stays as it went out
        else:
            assert now[(milestone, username)] == due_on + timedelta(days=1)
    assert opened(eid)["SA"].occasion_starts_on == estimated_start + timedelta(days=1)

    assert not scheduling.schedule_due_campaigns(today=launch_on + timedelta(days=2)).moved  # followed once
    mailoutbox.clear()
    scheduling.send_due_reminders(today=launch_on + timedelta(days=2))
    notices = [message for message in mailoutbox if message.subject.startswith("Date changed:")]
    assert sorted(message.to[0] for message in notices) == ["ana@example.com", "bruno@example.com", "dora@example.com"]
    assert "moved from" in notices[0].body
    scheduling.send_due_reminders(today=launch_on + timedelta(days=2))
    assert len([m for m in mailoutbox if m.subject.startswith("Date changed:")]) == 3


# Commands --------------------------------------------------------------------------------------------


def test_schedule_campaigns_prints_what_it_opened(valentines):
    out = StringIO()
    call_command("schedule_campaigns", "--today", "2027-05-13", stdout=out)
    assert "Opened Valentine's 2027 in BR for 2027-06-12 (launch day 2027-05-13)." in out.getvalue()
    assert "Markets opened: 1 (late: 0); campaigns created: 0; reminders planned: 6; dates moved: 0; problems: 0." in out.getvalue()
    out = StringIO()
    call_command("send_reminders", "--today", "2027-05-13", stdout=out)
    assert "Reminders sent: 2 (late: 0); skipped: 0; failed: 0; problems: 0." in out.getvalue()  # the kickoffs
    out = StringIO()
    call_command("send_reminders", "--today", "2027-05-23", stdout=out)
    assert out.getvalue() == (
        "Late: Copy due of Valentine's 2027 in BR, due 2027-05-22, to ana@example.com.\n"
        "Reminders sent: 1 (late: 1); skipped: 0; failed: 0; problems: 0.\n"
    )


def test_a_date_that_is_no_date_is_refused_saying_how_to_write_it(db):
    for command in ("schedule_campaigns", "send_reminders"):
        with pytest.raises(CommandError, match=r"--today: '2027-13-40' is not a date; write it as YYYY-MM-DD, such as 2027-05-13."):
            call_command(command, "--today", "2027-13-40")


def test_the_command_exits_1_on_a_bad_date(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}", "DJANGO_SECRET_KEY": "x"}
    result = subprocess.run([sys.executable, "manage.py", "schedule_campaigns", "--today", "2027-13-40"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "'2027-13-40' is not a date; write it as YYYY-MM-DD" in result.stderr
