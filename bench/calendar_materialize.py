"""Prints how long it takes to date every occasion of every market into Occurrence rows:
one year, and ten years (database writes included). Target: one year under 1 second.
"""
import time

import database
from figures import figure

database.setup("glocal_bench_calendar")

from django.db import connection  # noqa: E402

from calendars import occurrences  # noqa: E402
from calendars.loading import load_markets, load_occasions  # noqa: E402
from calendars.models import Observance, Occurrence  # noqa: E402


def timed(what, years):
    Occurrence.objects.all().delete()
    started = time.perf_counter()
    counts = occurrences.materialize(years)
    seconds = time.perf_counter() - started
    print(f"{what}: {seconds * 1000:.0f} ms ({counts})")
    one_year = len(years) == 1
    figure(f"calendar dated into rows: {what}", f"{seconds * 1000:.0f} ms", "under 1,000 ms" if one_year else "—",
           seconds < 1 if one_year else None)
    return seconds


if __name__ == "__main__":
    load_markets()
    load_occasions()
    print(f"database: {connection.vendor}; {Observance.objects.count()} observances across "
          f"{Observance.objects.values('market').distinct().count()} markets")
    timed("one year (2027), all markets", [2027])
    timed("one year (2045, beyond python-holidays' Hindu tables), all markets", [2045])
    timed("ten years (2027-2036), all markets", range(2027, 2037))
    started = time.perf_counter()
    counts = occurrences.materialize(range(2027, 2037))
    print(f"ten years again, nothing to change: {(time.perf_counter() - started) * 1000:.0f} ms ({counts})")
    figure("calendar dated into rows: ten years again, nothing to change", f"{(time.perf_counter() - started) * 1000:.0f} ms")
