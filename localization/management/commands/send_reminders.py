"""send_reminders [--today YYYY-MM-DD]: what beat runs hourly; sends each due reminder once."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from localization import scheduling


class Command(BaseCommand):
    help = "Send every due reminder that was not sent yet, once; a milestone already met is skipped."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD: act as if it were that day in every market (default: each market's own day).")

    def handle(self, *args, **options):
        try:
            today = scheduling.parse_day(options["today"])
        except scheduling.SchedulingError as error:
            raise CommandError(_("--today: %(error)s") % {"error": " ".join(error.messages)}) from None
        try:
            run = scheduling.send_due_reminders(today=today)
        except scheduling.SendingStopped as stopped:
            self.report(stopped.run)
            raise CommandError(str(stopped)) from None
        self.report(run)
        if run.problems or run.failed:
            raise CommandError("\n".join(run.problems) or _("Some reminders were not sent; see above."))

    def report(self, run):
        for reminder in run.late:
            self.stdout.write(_("Late: %(milestone)s of %(campaign)s in %(market)s, due %(due)s, to %(email)s.") % {
                "milestone": reminder.get_milestone_display(), "campaign": reminder.campaign.name, "market": reminder.market.code,
                "due": reminder.due_on, "email": reminder.recipient.email})
        for reminder, error in run.failed:
            self.stderr.write(_("Not sent, tried again after its lease: %(reminder)s: %(error)s") % {"reminder": reminder, "error": error})
        if run.taken:
            self.stdout.write(ngettext(
                "Taken over by another sender once this run's lease ran out, and left to it: %(count)s reminder.",
                "Taken over by another sender once this run's lease ran out, and left to it: %(count)s reminders.",
                len(run.taken),
            ) % {"count": len(run.taken)})
        if run.held_elsewhere:
            self.stdout.write(ngettext(
                "Held by another sender: %(count)s reminder, until %(until)s at the latest (a sender still at work, "
                "or one that stopped without letting go); the first run after that sends it.",
                "Held by another sender: %(count)s reminders, until %(until)s at the latest (a sender still at work, "
                "or one that stopped without letting go); the first run after that sends them.",
                len(run.held_elsewhere),
            ) % {"count": len(run.held_elsewhere), "until": run.held_until.isoformat(timespec="seconds")})
        self.stdout.write(str(run))
