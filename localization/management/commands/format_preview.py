"""format_preview --market BR --amount 1234.5 [--date 2027-06-12]: a price and a date as the market's pages show them."""
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.occurrences import CalendarError, market_by_code
from localization.formatting import format_date, format_price
from localization.rendering import market_format

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Command(BaseCommand):
    help = "Print a price and a date as a market's landing pages show them, as two lines: price: ... and date: ..."

    def add_arguments(self, parser):
        parser.add_argument("--market", required=True, help="ISO 3166 code of the market, such as BR.")
        parser.add_argument("--amount", required=True, help="A price in the market's currency, such as 1234.5.")
        parser.add_argument("--date", help="YYYY-MM-DD; today in the market's time zone when left out.")

    def handle(self, *args, **options):
        amount = parse_amount(options["amount"])
        # Now, not a date: format_date moves it to the market's time zone, so today is the market's today.
        day = parse_date(options["date"]) if options["date"] is not None else timezone.now()
        try:
            fmt = market_format(market_by_code(options["market"]))
            price = format_price(amount, fmt)
        except CalendarError as error:
            raise CommandError(" ".join(error.messages)) from None
        except InvalidOperation:
            raise CommandError(_("Amount '%(amount)s' is too large to show as a price.") % {"amount": options["amount"]}) from None
        except ValueError as error:  # the market's own settings (locale, currency, time zone) are wrong
            raise CommandError(str(error)) from None
        self.stdout.write(f"price: {price}")
        self.stdout.write(f"date: {format_date(day, fmt)}")


def parse_amount(text):
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        raise CommandError(_("Amount '%(amount)s' is not a number; write it like 1234.5.") % {"amount": text}) from None
    if not amount.is_finite():
        raise CommandError(_("Amount '%(amount)s' is not a finite number; write it like 1234.5.") % {"amount": text})
    if amount < 0:
        raise CommandError(_("Amount '%(amount)s' is negative; a price is zero or more.") % {"amount": text})
    return amount.copy_abs()  # -0 is 0


def parse_date(text):
    cleaned = text.strip()
    if _ISO_DATE.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:  # 2027-13-01, 2027-02-30
            pass
    raise CommandError(_("Date '%(date)s' is not a date; write it as YYYY-MM-DD.") % {"date": text})
