"""Prints how long the scheduler and the reminder sender take, and how many queries they run.

One scheduling run over 100 markets, 60 occasions and 100,000 existing campaigns (past years opened,
this year's waiting), first with nothing due, then opening 200 campaigns in 30 markets each; then
sending the reminders those openings made due (some 12,000, locmem e-mail backend). Targets: a run
with nothing due under 1 s with a query count that does not grow with the campaigns; at least
1,000 reminders a second at a constant number of queries each.

Runs on PostgreSQL (a fresh database `glocal_bench_scheduling`) when TEST_POSTGRES_URL answers, else
on a SQLite file under var/. Usage: make bench, or .venv/bin/python bench/scheduling.py [CAMPAIGNS]
"""
import statistics
import sys
import time
from datetime import date, timedelta

EXISTING = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
MARKETS, OCCASIONS, MARKETS_PER_CAMPAIGN = 100, 60, 3
OPENING, OPENING_MARKETS = 200, 30
TODAY = date(2027, 3, 2)  # the launch day of occasion 15 (1 April 2027)

import database  # noqa: E402  (sets Django up on a fresh database)
from figures import figure  # noqa: E402

database.setup("glocal_bench_scheduling")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402

from calendars.models import Market, Observance, Occasion, Occurrence  # noqa: E402
from localization import scheduling  # noqa: E402
from localization.models import Campaign, CampaignMarket, CopyVariant, MarketAssignment, Reminder, Role  # noqa: E402

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def market_codes():
    return [f"{LETTERS[n // 26]}{LETTERS[n % 26]}" for n in range(MARKETS)]


def fill_calendar():
    """100 markets (each its own time zone of a handful), 60 occasions every market keeps, dated 2018-2028."""
    zones = ["America/Sao_Paulo", "Europe/Berlin", "Asia/Tokyo", "America/New_York", "Asia/Kolkata", "Asia/Riyadh"]
    Market.objects.bulk_create([
        Market(code=code, name=f"Market {code}", region="europe", primary_locale="en", currency="EUR", time_zone=zones[n % len(zones)])
        for n, code in enumerate(market_codes())
    ])
    Occasion.objects.bulk_create([
        Occasion(slug=f"occasion-{n}", name=f"Occasion {n}", kind="commercial", rule={"kind": "fixed", "month": 1, "day": 1})
        for n in range(OCCASIONS)
    ])
    markets, occasions = list(Market.objects.all()), list(Occasion.objects.order_by("pk"))
    Observance.objects.bulk_create([Observance(occasion=o, market=m) for o in occasions for m in markets], batch_size=5000)
    dated = []
    for year in range(2018, 2029):
        for index, occasion in enumerate(occasions):
            starts_on = date(year, 1, 1) + timedelta(days=index * 6)  # spread over the year
            dated += [Occurrence(occasion=occasion, market=m, year=year, starts_on=starts_on, ends_on=starts_on) for m in markets]
    Occurrence.objects.bulk_create(dated, batch_size=5000)
    return markets, occasions


def fill_campaigns(markets, occasions, count, first=0):
    """``count`` campaigns of 2018-2027 in three markets each: markets whose launch day has passed are opened."""
    owner, _created = get_user_model().objects.get_or_create(username="owner", defaults={"email": "owner@example.com", "is_staff": True})
    starts = {(o.occasion_id, o.market_id, o.year): o for o in Occurrence.objects.all()}
    made, count = first, first + count
    while made < count:
        size = min(5000, count - made)
        batch = Campaign.objects.bulk_create([
            Campaign(slug=f"bench-{made + n}", name=f"Bench {made + n}", owner=owner, occasion=occasions[(made + n) % OCCASIONS],
                     year=2018 + (made + n) % 10, headline="Source")
            for n in range(size)
        ])
        offers = []
        for campaign in batch:
            for k in range(MARKETS_PER_CAMPAIGN):
                market = markets[(campaign.pk * 3 + k * 37) % MARKETS]
                occurrence = starts[(campaign.occasion_id, market.pk, campaign.year)]
                offer = CampaignMarket(campaign=campaign, market=market)
                if occurrence.starts_on - timedelta(days=30) <= TODAY:
                    offer.opened_on, offer.occurrence, offer.occasion_starts_on = occurrence.starts_on - timedelta(days=30), occurrence, occurrence.starts_on
                offers.append(offer)
        CampaignMarket.objects.bulk_create(offers, batch_size=5000)
        made += size


def fill_opening(markets, occasions):
    """200 campaigns in 30 markets each whose launch day is TODAY, with a copywriter and a reviewer per market."""
    User = get_user_model()
    people = User.objects.bulk_create([User(username=f"{role}-{m.code}", email=f"{role}-{m.code}@example.com", is_staff=True)
                                       for m in markets[:OPENING_MARKETS] for role in ("writer", "reviewer")])
    people = {person.username: person for person in people}
    MarketAssignment.objects.bulk_create(
        [MarketAssignment(user=people[f"writer-{m.code}"], market=m, role=Role.COPYWRITER) for m in markets[:OPENING_MARKETS]]
        + [MarketAssignment(user=people[f"reviewer-{m.code}"], market=m, role=Role.REVIEWER) for m in markets[:OPENING_MARKETS]]
    )
    occasion = occasions[15]  # 1 April 2027
    owner = User.objects.get(username="owner")
    batch = Campaign.objects.bulk_create([Campaign(slug=f"opening-{n}", name=f"Opening {n}", owner=owner, occasion=occasion,
                                                   year=2027, headline="Source") for n in range(OPENING)])
    CampaignMarket.objects.bulk_create([CampaignMarket(campaign=c, market=m) for c in batch for m in markets[:OPENING_MARKETS]])
    # As campaigns.create_campaign leaves them: a draft per market, for its only copywriter.
    CopyVariant.objects.bulk_create([CopyVariant(campaign=c, market=m, locale="en", copywriter=people[f"writer-{m.code}"])
                                     for c in batch for m in markets[:OPENING_MARKETS]], batch_size=5000)


def timed(call):
    """(result, seconds, queries): queries counted as they run, not logged, so the count costs no time."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = call()
        seconds = time.perf_counter() - started
    return result, seconds, len(queries)


def quiet_run(repeats=5):
    timings, counts = [], set()
    for _ in range(repeats):
        run, seconds, queries = timed(lambda: scheduling.schedule_due_campaigns(today=TODAY))
        assert not run.opened, run
        timings.append(seconds)
        counts.add(queries)
    return statistics.median(timings), counts


def analyze():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    settings.DEBUG = False
    print(f"database: {connection.vendor}", flush=True)
    started = time.perf_counter()
    markets, occasions = fill_calendar()
    fill_campaigns(markets, occasions, EXISTING // 10)
    analyze()
    print(f"  {MARKETS} markets, {OCCASIONS} occasions, {Occurrence.objects.count():,} occurrences, "
          f"{Campaign.objects.count():,} campaigns in {CampaignMarket.objects.count():,} markets "
          f"({time.perf_counter() - started:.0f} s to fill)", flush=True)
    seconds, counts = quiet_run()
    print(f"scheduling run, nothing due, {Campaign.objects.count():,} campaigns: {seconds * 1000:.0f} ms, queries {sorted(counts)}")
    figure(f"scheduling run, nothing due, {Campaign.objects.count():,} campaigns", f"{seconds * 1000:.0f} ms, {sorted(counts)} queries")
    counts_at_a_tenth = counts

    fill_campaigns(markets, occasions, EXISTING - EXISTING // 10, first=EXISTING // 10)
    analyze()
    print(f"  now {Campaign.objects.count():,} campaigns in {CampaignMarket.objects.count():,} markets "
          f"({time.perf_counter() - started:.0f} s to fill)", flush=True)
    seconds, counts = quiet_run()
    print(f"scheduling run, nothing due, {Campaign.objects.count():,} campaigns: {seconds * 1000:.0f} ms, queries {sorted(counts)} "
          "(target under 1 s, the same queries as with a tenth of them)")
    figure(f"scheduling run, nothing due, {Campaign.objects.count():,} campaigns", f"{seconds * 1000:.0f} ms, {sorted(counts)} queries",
           "under 1,000 ms, the queries of a tenth", seconds < 1 and counts == counts_at_a_tenth)

    fill_opening(markets, occasions)
    analyze()
    run, seconds, queries = timed(lambda: scheduling.schedule_due_campaigns(today=TODAY))
    print(f"scheduling run opening {OPENING} campaigns x {OPENING_MARKETS} markets: {seconds:.2f} s, {queries} queries "
          f"({len(run.opened):,} markets opened, {run.reminders_planned:,} reminders planned; "
          f"{queries / OPENING:.1f} queries per campaign opened)")
    figure(f"scheduling run opening {OPENING} campaigns x {OPENING_MARKETS} markets", f"{seconds:.2f} s, {queries / OPENING:.1f} queries per campaign")
    run, seconds, queries = timed(lambda: scheduling.schedule_due_campaigns(today=TODAY))
    print(f"the same run again, nothing left to do: {seconds * 1000:.0f} ms, {queries} queries")

    due = Reminder.objects.filter(due_on__lte=TODAY, sent_at__isnull=True).count()
    mail.outbox = []
    run, seconds, queries = timed(lambda: scheduling.send_due_reminders(today=TODAY))
    assert len(run.sent) == due == len(mail.outbox), (len(run.sent), due, len(mail.outbox))
    print(f"sending {due:,} due reminders (locmem): {seconds:.2f} s, {due / seconds:,.0f} reminders/s (target 1,000), "
          f"{queries / due:.2f} queries per reminder")
    figure(f"sending {due:,} due reminders (locmem)", f"{due / seconds:,.0f} reminders/s, {queries / due:.2f} queries each", "at least 1,000/s",
           due / seconds >= 1000)
    run, seconds, queries = timed(lambda: scheduling.send_due_reminders(today=TODAY))
    print(f"sending again, nothing due: {seconds * 1000:.0f} ms, {queries} queries, {len(run.sent)} sent")
