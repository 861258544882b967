"""How long the date rules take to date the whole occasion catalogue, for every market.

Run from the repository root: python bench/calendar_rules.py

Prints figures; asserts nothing. "Cold" runs start with empty caches in a fresh
process and years not yet computed; "warm" repeats them. Years after 2035 exercise the
PyEphem fallbacks of the Hindu rules; every run includes Qixi, computed from new moons.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calendars.catalogue.dating import span_in_market  # noqa: E402
from calendars.catalogue.occasions import OCCASIONS  # noqa: E402
from figures import figure  # noqa: E402


def date_everything(years):
    count = 0
    for year in years:
        for occasion in OCCASIONS:
            for market in occasion["markets"]:
                count += span_in_market(occasion["slug"], market, year) is not None
    return count


def measure(label, years):
    started = time.perf_counter()
    count = date_everything(years)
    elapsed = time.perf_counter() - started
    print(f"{label:<34} {count:>6} occurrences  {elapsed * 1000:>9.1f} ms  ({elapsed / count * 1e6:.0f} µs each)")
    figure(f"date rules: {label} ({count} occurrences)", f"{elapsed * 1000:.1f} ms")


if __name__ == "__main__":
    observances = sum(len(occasion["markets"]) for occasion in OCCASIONS)
    print(f"{len(OCCASIONS)} occasions, {observances} market observances")
    measure("1 year (2026), cold", [2026])
    measure("1 year (2026), warm", [2026])
    measure("10 years (2027-2036), cold", range(2027, 2037))
    measure("10 years (2040-2049), cold", range(2040, 2050))
    measure("10 years (2040-2049), warm", range(2040, 2050))
