"""occasion_dates --market BR --year 2027 [--format csv]: the dated occurrences of a market."""
import csv

from django.core.management.base import BaseCommand, CommandError

from calendars import occurrences


class Command(BaseCommand):
    help = "Print every occurrence of a market's occasions in a year (csv columns: date,end_date,occasion,market,estimated)."

    def add_arguments(self, parser):
        parser.add_argument("--market", required=True, help="ISO 3166 code of the market, such as BR.")
        parser.add_argument("--year", required=True, type=int, help=f"{occurrences.FIRST_YEAR}-{occurrences.LAST_YEAR}.")
        parser.add_argument("--format", choices=["text", "csv"], default="text")

    def handle(self, *args, market, year, format, **options):
        try:
            found = occurrences.occurrences_for(market=occurrences.market_by_code(market), year=year)
        except occurrences.CalendarError as error:
            raise CommandError(" ".join(error.messages)) from None
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["date", "end_date", "occasion", "market", "estimated"])
            for row in found:
                writer.writerow([row.starts_on.isoformat(), row.ends_on.isoformat(), row.occasion.slug, row.market.code,
                                 "true" if row.estimated else "false"])
            return
        for row in found:
            days = "" if row.ends_on == row.starts_on else f" – {row.ends_on.isoformat()}"
            estimated = "  (estimated)" if row.estimated else ""
            self.stdout.write(f"{row.starts_on.isoformat()}{days:<13}  {row.occasion.slug:<20} {row.occasion.name}{estimated}")
