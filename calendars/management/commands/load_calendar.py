"""load_calendar: the built-in markets and occasions, and their dates for the coming years."""
from django.core.management.base import BaseCommand, CommandError

from calendars import occurrences
from calendars.loading import load_markets, load_occasions


class Command(BaseCommand):
    help = "Load the built-in market and occasion catalogue and date the next years' occurrences; re-running changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10, help="How many years from this one to date (default 10).")

    def handle(self, *args, years, **options):
        if not 1 <= years <= 50:
            raise CommandError(f"--years {years} is out of range; give 1 to 50.")
        self.stdout.write(f"Markets: {load_markets()} created.")
        self.stdout.write(f"Occasions: {load_occasions()} created.")
        span = occurrences.upcoming_years(count=years)
        counts = occurrences.materialize(span)
        self.stdout.write(f"Occurrences {span[0]}-{span[-1]}: {counts}.")
