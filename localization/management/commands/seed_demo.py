"""seed_demo: the market catalogue, demo users per role and one sample campaign. Re-running changes nothing."""
from django.core.management.base import BaseCommand

from calendars import occurrences
from calendars.loading import load_markets, load_occasions
from localization import demo, glossary


class Command(BaseCommand):
    help = "Load the market and occasion catalogue, demo users per role and one sample campaign; re-running changes nothing."

    def handle(self, *args, **options):
        markets = load_markets()
        self.stdout.write(f"Markets: {markets} created.")
        self.stdout.write(f"Occasions: {load_occasions()} created.")
        years = occurrences.upcoming_years(count=3)
        self.stdout.write(f"Occurrences {years[0]}-{years[-1]}: {occurrences.materialize(years)}.")
        self.stdout.write(f"Glossary: {glossary.load_starter_glossary()} terms created.")
        logins = demo.seed_people()
        campaign = demo.seed_sample_campaign()
        self.stdout.write(f"Sample campaign: {'created' if campaign else 'already there'}.")
        self.stdout.write("")
        if any(logins.values()):
            self.stdout.write(self.style.SUCCESS("Demo logins (embedded default only):"))
            for username, password in logins.items():
                if password:
                    self.stdout.write(f"  {username:<11} password: {password}")
        else:
            self.stdout.write(
                "Demo users exist without passwords (not the embedded default); "
                "give one with: python manage.py changepassword USERNAME"
            )
