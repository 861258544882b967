"""schedule_campaigns [--today YYYY-MM-DD]: what beat runs hourly; opens the markets whose launch day came."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from localization import scheduling


class Command(BaseCommand):
    help = (
        "Open each campaign market whose launch day has come, create next year's campaign of a repeating one, "
        "plan the reminders and move them when an occasion's date moved; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD: act as if it were that day in every market (default: each market's own day).")

    def handle(self, *args, **options):
        try:
            today = scheduling.parse_day(options["today"])
        except scheduling.SchedulingError as error:
            raise CommandError(_("--today: %(error)s") % {"error": " ".join(error.messages)}) from None
        run = scheduling.schedule_due_campaigns(today=today)
        for campaign in run.created:
            self.stdout.write(_("Created %(campaign)s (%(slug)s), next year's %(previous)s.") % {
                "campaign": campaign.name, "slug": campaign.slug, "previous": campaign.previous_campaign.name})
        for opened in run.opened:
            self.stdout.write(str(opened))
        for moved in run.moved:
            self.stdout.write(str(moved))
        self.stdout.write(str(run))
        if run.problems:
            raise CommandError("\n".join(str(problem) for problem in run.problems))  # after doing the rest
