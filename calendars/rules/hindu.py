"""Hindu lunisolar festivals: Diwali, Dhanteras and Holi as India marks them.

python-holidays carries India's dates (timeanddate) for 2001-2035. For other years
they are computed with PyEphem from the tithis (12-degree steps of the Moon's
elongation) at New Delhi, with the Sun's sidereal (Lahiri) position naming the
months:

- Diwali (Lakshmi Puja) is on the Amavasya ending the lunar month Ashvin (Kartika
  in the north's reckoning): the new moon with the Sun in sidereal Libra. The puja is
  done at dusk, so it is the first day whose dusk (2 h 24 min from sunset) reaches
  the Amavasya tithi; if neither dusk does, the night before the new moon. Same day
  as the table in 35 of 35 years (2001-2035).
- Holi is the day after Holika Dahan, the bonfire on the evening of Phalguna Purnima,
  the full moon before the new moon that opens Chaitra (Sun in sidereal Pisces). The
  bonfire needs Purnima at dusk (2 h 24 min after sunset) free of Bhadra, its first
  half; when Bhadra covers that dusk, it moves to the next evening if Purnima lasts
  10 hours past that day's sunrise (the almanacs' "three watches", calibrated),
  otherwise it stays. Same day as the table in 35 of 35 years.
- Dhanteras is two days before Diwali. Usually right; in some years (2020: Dhanteras
  13 November, Diwali 14 November) the Trayodashi tithi makes it one day.

Computed dates and every Dhanteras are estimated: regions and almanacs can differ
by a day (Diwali 2024 was 31 October in the national list, 1 November in some
calendars).
"""
from datetime import date, timedelta
from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from holidays.calendars import _HinduLunisolar

from .astronomy import NEW_DELHI, full_moon_before, lahiri_sun_longitude, moon_elongation, new_moons
from .base import DateRule, Param, Span

LIBRARY = _HinduLunisolar()
LIBRARY_SOURCE = "python-holidays (India)"
COMPUTED_SOURCE = "computed from new and full moons (PyEphem)"
DUSK = timedelta(hours=2, minutes=24)  # pradosh kaal: five ghatis after sunset
AMAVASYA_FROM = 348  # the 30th tithi: the last 12 degrees before the new moon
BHADRA_ENDS = 174  # Bhadra (Vishti) is the first half of Purnima, 168 to 174 degrees
LONG_PURNIMA = timedelta(hours=10)


def _sidereal_sign(moment) -> int:
    """0 = Aries ... 6 = Libra ... 11 = Pisces."""
    return int(lahiri_sun_longitude(moment) // 30)


@lru_cache(maxsize=256)
def computed_diwali(year: int) -> date:
    new_moon = next(moon for moon in new_moons(date(year, 10, 1), date(year, 12, 15)) if _sidereal_sign(moon) == 6)
    eve = NEW_DELHI.local_date(new_moon) - timedelta(days=1)
    for day in (eve, eve + timedelta(days=1), eve + timedelta(days=2)):
        sunset = NEW_DELHI.sunset(day)
        if moon_elongation(sunset) >= AMAVASYA_FROM or moon_elongation(sunset + DUSK) >= AMAVASYA_FROM:
            return day
    return eve  # Amavasya missed both dusks: it held the whole night before the new moon


@lru_cache(maxsize=256)
def computed_holi(year: int) -> date:
    chaitra_opens = next(moon for moon in new_moons(date(year, 2, 10), date(year, 4, 30)) if _sidereal_sign(moon) == 11)
    purnima_ends = full_moon_before(chaitra_opens)
    last_day = NEW_DELHI.local_date(purnima_ends)
    if NEW_DELHI.sunset(last_day) < purnima_ends:  # Purnima still running at the last day's dusk
        bonfire = last_day
    else:
        eve = last_day - timedelta(days=1)
        bhadra_over_by_dusk = moon_elongation(NEW_DELHI.sunset(eve) + DUSK) >= BHADRA_ENDS
        long_purnima = purnima_ends - NEW_DELHI.sunrise(last_day) >= LONG_PURNIMA
        bonfire = last_day if not bhadra_over_by_dusk and long_purnima else eve
    return bonfire + timedelta(days=1)


def _diwali(year):
    found, _estimated = LIBRARY.diwali_india_date(year)
    return (found, False, LIBRARY_SOURCE) if found else (computed_diwali(year), True, COMPUTED_SOURCE)


def _dhanteras(year):
    diwali, _estimated, source = _diwali(year)
    return diwali - timedelta(days=2), True, f"{source}, Diwali -2 days"


def _holi(year):
    found, _estimated = LIBRARY.holi_date(year)
    return (found, False, LIBRARY_SOURCE) if found else (computed_holi(year), True, COMPUTED_SOURCE)


FESTIVALS = {"diwali": _diwali, "dhanteras": _dhanteras, "holi": _holi}


class HinduFestival(DateRule):
    """One of the Hindu festivals this registry knows how to date."""

    kind = "hindu"
    params = {"festival": Param(str, choices=tuple(FESTIVALS), label=_("Hindu festival"))}

    def own_spans(self, year, resolve=None):
        day, estimated, source = FESTIVALS[self.festival](year)
        return [Span(day, day, estimated=estimated, source=source)]
