"""Sun and Moon positions from PyEphem, for the lunar calendars once their tables end.

Only what the Hijri, Hindu and Chinese rules need: new and full moons, the Sun's
longitude, the Moon's elongation (which fixes a tithi), and sunrise, sunset and
moonset at a place. Moments are naive datetimes in UTC; places carry their
standard-time offset so a moment can be turned into a local calendar date.
"""
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import ephem


@dataclass(frozen=True)
class Place:
    """Where a calendar is reckoned, and its standard time (no daylight saving)."""

    name: str
    latitude: str
    longitude: str
    utc_offset_hours: float

    def local_date(self, moment: datetime) -> date:
        return (moment + timedelta(hours=self.utc_offset_hours)).date()

    def midnight(self, day: date) -> datetime:
        """The UTC moment at which ``day`` begins here."""
        return datetime(day.year, day.month, day.day) - timedelta(hours=self.utc_offset_hours)

    def _observer(self, day: date) -> ephem.Observer:
        observer = ephem.Observer()
        observer.lat, observer.lon = self.latitude, self.longitude
        observer.date = ephem.Date(self.midnight(day))
        return observer

    def sunrise(self, day: date) -> datetime:
        return self._observer(day).next_rising(ephem.Sun()).datetime()

    def sunset(self, day: date) -> datetime:
        return self._observer(day).next_setting(ephem.Sun()).datetime()

    def moonset_nearest(self, moment: datetime) -> datetime:
        """The moonset closest to ``moment``, before or after it."""
        observer = self._observer(self.local_date(moment))
        observer.date = ephem.Date(moment)
        before = observer.previous_setting(ephem.Moon()).datetime()
        after = observer.next_setting(ephem.Moon()).datetime()
        return before if moment - before < after - moment else after


MECCA = Place("Mecca", "21.4225", "39.8262", 3)
NEW_DELHI = Place("New Delhi", "28.6139", "77.2090", 5.5)


def _ecliptic_longitude(body, moment: datetime) -> float:
    body.compute(moment, epoch=moment)
    return math.degrees(ephem.Ecliptic(body, epoch=moment).lon) % 360


def sun_longitude(moment: datetime) -> float:
    """The Sun's tropical ecliptic longitude, degrees of date (0 at the March equinox)."""
    return _ecliptic_longitude(ephem.Sun(), moment)


def lahiri_sun_longitude(moment: datetime) -> float:
    """The Sun's sidereal longitude with the Lahiri ayanamsa, as Indian almanacs reckon it.

    The ayanamsa is linear around its J2000 value (23.853 degrees, 50.29" a year),
    good to well under a minute of arc this century.
    """
    years = (moment - datetime(2000, 1, 1, 12)).days / 365.25
    return (sun_longitude(moment) - 23.853 - 0.013969 * years) % 360


def moon_elongation(moment: datetime) -> float:
    """Degrees the Moon is east of the Sun: 0 at new moon, 180 at full moon.

    Each 12 degrees is one tithi, the lunar day of the Hindu calendar.
    """
    return (_ecliptic_longitude(ephem.Moon(), moment) - sun_longitude(moment)) % 360


def december_solstice(year: int) -> datetime:
    return ephem.next_solstice(ephem.Date(datetime(year, 12, 1))).datetime()


def new_moons(start: date, end: date) -> list[datetime]:
    """New moon moments from 00:00 UTC on ``start`` to the end of ``end``."""
    found = []
    moment = ephem.Date(datetime(start.year, start.month, start.day))
    limit = datetime(end.year, end.month, end.day) + timedelta(days=1)
    while (moment := ephem.next_new_moon(moment)).datetime() < limit:
        found.append(moment.datetime())
        moment = ephem.Date(moment + 1)
    return found


def new_moon_near(moment: datetime) -> datetime:
    """The new moon closest to ``moment`` (within half a lunation)."""
    return ephem.next_new_moon(ephem.Date(moment - timedelta(days=14.7))).datetime()


def full_moon_before(moment: datetime) -> datetime:
    return ephem.previous_full_moon(ephem.Date(moment)).datetime()
