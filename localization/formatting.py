"""Prices, dates and percentages written the way each market reads them, from Babel (CLDR).

Every string here comes from CLDR patterns and symbols. Where real storefronts differ
from the CLDR default (no cents on rupiah prices, Arabic-Indic digits, the Buddhist year),
a field of ``MarketFormat`` says so; there are no hand-written format strings per locale.
"""

import copy
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import get_date_format, tokenize_pattern, untokenize_pattern
from babel.numbers import NumberPattern, format_currency, get_currency_precision, get_currency_symbol
from babel.numbers import format_percent as babel_format_percent

from calendars.locales import parse_locale, validate_currency

GREGORIAN = "gregorian"
BUDDHIST = "buddhist"
ERAS = (GREGORIAN, BUDDHIST)

# The Thai solar calendar counts years from the Buddha's death: 2027 CE is 2570 BE.
BUDDHIST_ERA_OFFSET = 543

# The placeholders copy may contain; the export fills them with this module's strings.
PLACEHOLDERS = frozenset(
    {"price", "old_price", "discount", "occasion", "occasion_date", "last_order_date", "campaign_end"}
)
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}\s]+)\}")

# The digits of CLDR's numeric numbering systems (numberingSystems.xml). Babel knows each
# locale's native system and its separators but not the digits themselves. Each of these
# systems is ten consecutive code points starting at its zero.
_NATIVE_ZEROS = {
    "arab": 0x0660,
    "arabext": 0x06F0,
    "beng": 0x09E6,
    "deva": 0x0966,
    "gujr": 0x0AE6,
    "guru": 0x0A66,
    "khmr": 0x17E0,
    "knda": 0x0CE6,
    "laoo": 0x0ED0,
    "mlym": 0x0D66,
    "mymr": 0x1040,
    "orya": 0x0B66,
    "tamldec": 0x0BE6,
    "telu": 0x0C66,
    "thai": 0x0E50,
    "tibt": 0x0F20,
}


@dataclass(frozen=True)
class MarketFormat:
    """How one market writes numbers and dates: a locale plus the market's own habits.

    ``locale`` is a BCP 47 tag (``pt-BR``); ``currency`` an ISO 4217 code. The flags
    record where storefronts in the market depart from the CLDR default.
    """

    locale: str
    currency: str
    native_digits: bool = False
    show_minor_units: bool = True
    era: str = GREGORIAN
    time_zone: str = "UTC"

    def __post_init__(self):
        parse_locale(self.locale)
        validate_currency(self.currency)
        if self.era not in ERAS:
            raise ValueError(f"Era '{self.era}' is not supported; use 'gregorian' or 'buddhist'.")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"Time zone '{self.time_zone}' is not an IANA time zone; use a name such as America/Sao_Paulo."
            ) from None


def format_price(amount, fmt: MarketFormat) -> str:
    """``Decimal("1234.5")`` in pt-BR/BRL -> ``R$\\xa01.234,50``.

    Rounds half up (shoppers and tax rules expect 0.5 to go up; Babel's default is
    half-even), to the currency's CLDR minor units, or to whole units when the market
    shows none.
    """
    locale = parse_locale(fmt.locale)
    minor_digits = get_currency_precision(fmt.currency) if fmt.show_minor_units else 0
    rounded = _decimal(amount).quantize(Decimal(1).scaleb(-minor_digits), rounding=ROUND_HALF_UP)
    numbering_system = _numbering_system(locale, fmt.native_digits)
    symbol = get_currency_symbol(fmt.currency, locale)
    text = format_currency(
        rounded,
        fmt.currency,
        format=_currency_pattern(locale, minor_digits, _spaced(symbol[-1]), _spaced(symbol[0])),
        locale=locale,
        currency_digits=False,
        numbering_system=_symbols_system(locale, numbering_system),
    )
    return _in_digits(text, numbering_system)


def format_percent(fraction, fmt: MarketFormat) -> str:
    """``Decimal("0.25")`` -> ``25%`` (``25\\xa0%`` in de-DE, ``%25`` in tr-TR).

    Takes a fraction, as CLDR does: a discount stored as 25 (percent) is passed as 0.25.
    Rounds half up to the locale's pattern.
    """
    locale = parse_locale(fmt.locale)
    pattern = locale.percent_formats[None]  # CLDR keeps its one percent pattern under no name
    # A percent pattern's fraction digits count in percent, two places right of the fraction's.
    step = Decimal(1).scaleb(-(pattern.frac_prec[1] + 2))
    rounded = _decimal(fraction).quantize(step, rounding=ROUND_HALF_UP)
    numbering_system = _numbering_system(locale, fmt.native_digits)
    symbols_system = _symbols_system(locale, numbering_system)
    text = babel_format_percent(rounded, locale=locale, numbering_system=symbols_system)
    # The '%' of a CLDR pattern stands for the locale's percent sign (٪ in Arabic);
    # Babel leaves it as it is, so it is put in here.
    text = text.replace("%", locale.number_symbols[symbols_system].get("percentSign", "%"))
    return _in_digits(text, numbering_system)


def format_date(value: date, fmt: MarketFormat) -> str:
    """The locale's long date: ``12 de junho de 2027`` (pt-BR), ``2027年6月12日`` (ja-JP).

    A datetime is first moved to the market's time zone, so a campaign that ends at
    02:00 UTC on 12 June ends on 11 June in São Paulo. With the Buddhist era the year
    is the Gregorian one plus 543, written into the locale's own pattern.
    """
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        value = aware.astimezone(ZoneInfo(fmt.time_zone)).date()
    locale = parse_locale(fmt.locale)
    pattern = get_date_format("long", locale=locale).pattern
    if fmt.era == BUDDHIST:
        pattern = _with_buddhist_year(pattern, value.year + BUDDHIST_ERA_OFFSET)
    text = babel_format_date(value, format=pattern, locale=locale)
    return _in_digits(text, _numbering_system(locale, fmt.native_digits))


def render_placeholders(text: str, values: dict) -> str:
    """Fills ``{price}``, ``{occasion_date}`` ... with ``values``; never raises.

    Unknown names, names without a value and broken placeholders (``{price``) stay as
    they are, so the checks can point at them rather than the page losing text.
    """
    if not isinstance(text, str):
        return ""
    values = values or {}

    def fill(match):
        name = match.group(1)
        if name in PLACEHOLDERS and values.get(name) is not None:
            return str(values[name])
        return match.group(0)

    return PLACEHOLDER_PATTERN.sub(fill, text)


def _decimal(amount) -> Decimal:
    # str() first, so a float 19.99 is 19.99 and not its binary approximation.
    try:
        return amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation:
        raise ValueError(f"Amount {amount!r} is not a number; pass a Decimal such as Decimal('19.99').") from None


def _spaced(symbol_edge: str) -> bool:
    """UTS #35 currency spacing: a symbol that ends (or starts) in a letter, such as Rp or
    CHF, is kept from the digits by a no-break space; $ or € is not. Babel leaves this out."""
    return unicodedata.category(symbol_edge)[0] not in "SZ"


@lru_cache(maxsize=256)
def _currency_pattern(
    locale: Locale, minor_digits: int, space_before_number: bool, space_after_number: bool
) -> NumberPattern:
    """The locale's standard currency pattern, showing exactly ``minor_digits`` decimals,
    with CLDR's currency spacing where the symbol touches the number."""
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (minor_digits, minor_digits)
    if space_before_number:
        pattern.prefix = tuple(part + "\u00a0" if part.endswith("¤") else part for part in pattern.prefix)
    if space_after_number:
        pattern.suffix = tuple("\u00a0" + part if part.startswith("¤") else part for part in pattern.suffix)
    return pattern


def _numbering_system(locale: Locale, native_digits: bool) -> str:
    if not native_digits:
        return "latn"
    return locale.other_numbering_systems.get("native", "latn")


def _symbols_system(locale: Locale, numbering_system: str) -> str:
    """The numbering system whose separators to use: CLDR has none of its own for some
    native systems (Devanagari in hi), and those borrow the Latin ones, as ICU does."""
    symbols = locale.number_symbols.get(numbering_system)
    return numbering_system if symbols and "decimal" in symbols else "latn"


@lru_cache(maxsize=32)
def _digit_table(numbering_system: str) -> dict | None:
    zero = _NATIVE_ZEROS.get(numbering_system)
    if zero is None:
        return None
    return str.maketrans("0123456789", "".join(chr(zero + digit) for digit in range(10)))


def _in_digits(text: str, numbering_system: str) -> str:
    table = _digit_table(numbering_system)
    return text.translate(table) if table else text


def _with_buddhist_year(pattern: str, buddhist_year: int) -> str:
    """The locale's pattern with its year fields written as the Buddhist year.

    The era field goes, with the space beside it: the Gregorian era name (ค.ศ.) would
    contradict the year, and CLDR's own Buddhist long pattern for Thai has no era.
    """
    tokens = []
    drop_space = False
    for kind, value in tokenize_pattern(pattern):
        if kind == "field" and value[0] == "G":
            if tokens and tokens[-1][0] == "chars" and tokens[-1][1].isspace():
                tokens.pop()
            else:
                drop_space = True
            continue
        if drop_space and kind == "chars" and value.isspace():
            drop_space = False
            continue
        drop_space = False
        if kind == "field" and value[0] in "yYu":
            width = value[1]
            year = f"{buddhist_year % 100:02d}" if width == 2 else str(buddhist_year).zfill(width)
            tokens.append(("chars", year))
        else:
            tokens.append((kind, value))
    return untokenize_pattern(tokens)
