"""Prints how long the copy-variant admin list takes, and how many queries it runs, at 100,000 variants.

Runs on PostgreSQL (a fresh database `glocal_bench`) when TEST_POSTGRES_URL answers, else on a
SQLite file under var/. Usage: make bench, or .venv/bin/python bench/changelist.py [ROWS]
"""
import os
import statistics
import sys
import time

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000

import database  # noqa: E402  (sets Django up on a fresh database)
from figures import figure  # noqa: E402

database.setup("glocal_bench")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from calendars.models import Market  # noqa: E402
from localization.models import Campaign, CopyVariant  # noqa: E402


def fill(rows):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    from django.contrib.auth import get_user_model

    copywriter = get_user_model().objects.get(username="copywriter")
    markets = list(Market.objects.all())
    campaigns_needed = -(-rows // len(markets))
    started = time.perf_counter()
    Campaign.objects.bulk_create(
        [Campaign(slug=f"bench-{n}", name=f"Bench campaign {n}", headline="Source", owner=copywriter) for n in range(campaigns_needed)],
        batch_size=2000,
    )
    campaigns = list(Campaign.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    batch, made = [], 0
    for campaign_id in campaigns:
        for market in markets:
            if made == rows:
                break
            batch.append(CopyVariant(campaign_id=campaign_id, market=market, locale=market.primary_locale, headline="Copy",
                                     copywriter=copywriter, last_edited_by=copywriter))
            made += 1
        if len(batch) >= 5000:
            CopyVariant.objects.bulk_create(batch)
            batch = []
    CopyVariant.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def measure(username, query="", repeats=5):
    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    url = "/admin/localization/copyvariant/" + query
    client.get(url)  # warm up
    timings = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), len(queries)


if __name__ == "__main__":
    settings.DEBUG = False
    print(f"database: {connection.vendor}; filling {ROWS:,} copy variants ...", flush=True)
    print(f"  filled in {fill(ROWS):.1f} s; variants in the table: {CopyVariant.objects.count():,}")
    for username, query, what in [
        ("manager", "", "manager, all markets, first page"),
        ("copywriter", "", "copywriter, their 6 markets"),
        ("manager", "?state__exact=draft&market__id__exact=1", "manager, filtered by state and market"),
        ("manager", "?q=Bench+campaign+77", "manager, searching a campaign"),
    ]:
        seconds, queries = measure(username, query)
        print(f"changelist ({what}): {seconds * 1000:.0f} ms median of 5, {queries} SQL queries")
        figure(f"copy-variant list at {ROWS:,} variants: {what}", f"{seconds * 1000:.0f} ms, {queries} queries")
