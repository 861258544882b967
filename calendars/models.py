"""WHERE and WHEN: markets, and the occasions they celebrate."""
import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .locales import canonical_tag, validate_currency, validate_locale
from .rules import validate_rule

# Bounds that make sense, the same on every database (SQLite keeps any integer; PostgreSQL's small
# integers stop at 32,767): a year of lead, a season of occasion, three months of delivery.
MAX_LEAD_DAYS = 365
MAX_DURATION_DAYS = 62
MAX_DELIVERY_DAYS = 90
MAX_SHIFT_DAYS = 365
FIRST_YEAR, LAST_YEAR = 1900, 2100


def validate_calendar_date(value):
    """A date of the calendar Glocal keeps: 1900 to 2100."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("%(date)s is outside the calendar Glocal keeps; give a date between 1900 and 2100."),
            code="date_out_of_range", params={"date": value.isoformat()},
        )


def breaks_a_line(char):
    """Whether the character is a control character or a line or paragraph separator: what ends a mail header
    or a calendar line. Joiners and marks that scripts need (U+200C, U+200D) are not."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def control_characters(text):
    """The characters of ``text`` that break a line (``breaks_a_line``), as U+ codes."""
    return sorted({f"U+{ord(char):04X}" for char in text or "" if breaks_a_line(char)})


def validate_one_line(value):
    """A name is one line of text: it reaches e-mail subjects, calendar entries and page titles."""
    found = control_characters(value)
    if found:
        raise ValidationError(
            _("Remove the line breaks and control characters (%(found)s): a name is one line, as e-mail subjects and calendars show it."),
            code="control_characters", params={"found": ", ".join(found)},
        )


def validate_override_rule(spec):
    """An observance's rule may be left empty (the occasion's rule applies)."""
    if spec:
        validate_rule(spec)


class Region(models.TextChoices):
    NORTH_AMERICA = "north-america", _("North America")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin-america", _("Latin America")
    MIDDLE_EAST = "middle-east", _("Middle East")
    SOUTH_ASIA = "south-asia", _("South Asia")
    SOUTHEAST_ASIA = "southeast-asia", _("Southeast Asia")
    EAST_ASIA = "east-asia", _("East Asia")


class CalendarEra(models.TextChoices):
    GREGORIAN = "gregorian", _("Gregorian (2027)")
    BUDDHIST = "buddhist", _("Thai Buddhist era (2570)")


def validate_time_zone(name):
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("Time zone '%(name)s' is not an IANA time zone; use a name such as America/Sao_Paulo."),
            code="unknown_time_zone",
            params={"name": name},
        )


def validate_locale_list(tags):
    if not isinstance(tags, list):
        raise ValidationError(_("Give the extra locales as a list of BCP 47 tags, such as [\"en-IN\"]."))
    for tag in tags:
        validate_locale(tag)


def validate_string_list(values):
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValidationError(_("Give a list of names, such as [\"Pix\", \"Boleto\"]."))


class Market(models.Model):
    """A country where the brand sells, with how its customers read, pay and receive."""

    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166, such as BR."))],
        help_text=_("ISO 3166-1 alpha-2 country code, such as BR."),
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_one_line])
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    primary_locale = models.CharField(
        _("primary locale"),
        max_length=20,
        validators=[validate_locale],
        help_text=_("BCP 47 tag of the language most customers shop in, such as pt-BR."),
    )
    extra_locales = models.JSONField(
        _("extra locales"),
        default=list,
        blank=True,
        validators=[validate_locale_list],
        help_text=_("Other BCP 47 tags customers shop in, such as en-IN."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency], help_text=_("ISO 4217 code, such as BRL.")
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone], help_text=_("IANA name, such as America/Sao_Paulo.")
    )
    payment_methods = models.JSONField(
        _("payment methods"),
        default=list,
        blank=True,
        validators=[validate_string_list],
        help_text=_("What customers there expect to pay with."),
    )
    delivery_days = models.PositiveSmallIntegerField(
        _("delivery days"), default=7, validators=[MinValueValidator(1), MaxValueValidator(MAX_DELIVERY_DAYS)],
        help_text=_("Usual days from order to door, 1 to 90.")
    )
    native_digits = models.BooleanField(
        _("native digits"), default=False, help_text=_("Show numbers in the locale's native digits (such as ١٢٣).")
    )
    show_minor_units = models.BooleanField(
        _("show minor units"), default=True, help_text=_("Show cents in prices; off where storefronts show none (Rp1.234.568).")
    )
    calendar_era = models.CharField(
        _("calendar era"), max_length=12, choices=CalendarEra.choices, default=CalendarEra.GREGORIAN
    )
    headline_limit = models.PositiveSmallIntegerField(
        _("headline limit"), default=70, help_text=_("Widest headline the storefront shows, in columns (a CJK character is 2).")
    )
    call_to_action_limit = models.PositiveSmallIntegerField(
        _("call-to-action limit"), default=25, help_text=_("Widest button text, in columns (a CJK character is 2).")
    )
    body_limit = models.PositiveIntegerField(
        # A database default too: rows written by older code (and older migrations' models) get it.
        _("body limit"), default=5000, db_default=5000, validators=[MinValueValidator(100), MaxValueValidator(50_000)],
        help_text=_("Longest body the landing page has room for, in columns (a CJK character is 2)."),
    )
    sensitive_topics = models.JSONField(
        _("sensitive topics"),
        default=list,
        blank=True,
        validators=[validate_string_list],
        help_text=_("Topics this market's reviewers watch, such as alcohol or revealing clothing."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("market")
        verbose_name_plural = _("markets")

    def __str__(self):
        return f"{self.code} · {self.name}"

    def clean(self):
        super().clean()
        # Store tags in one spelling (pt-BR), whatever case the user typed.
        errors = {}
        try:
            self.primary_locale = canonical_tag(self.primary_locale)
        except ValidationError as error:
            errors["primary_locale"] = error
        if isinstance(self.extra_locales, list):
            try:
                self.extra_locales = [canonical_tag(tag) for tag in self.extra_locales]
            except ValidationError as error:
                errors["extra_locales"] = error
        if errors:
            raise ValidationError(errors)

    @property
    def locales(self):
        """Every locale the market's copy is written in, primary first."""
        return [self.primary_locale, *[tag for tag in self.extra_locales if tag != self.primary_locale]]

    @property
    def local_name(self):
        """The market's name in its own primary language, falling back to English."""
        from .names import translated, translation_language

        return translated(self, "name", translation_language(self.primary_locale)) or self.name_en


class OccasionKind(models.TextChoices):
    RELIGIOUS = "religious", _("Religious")
    CULTURAL = "cultural", _("Cultural")
    COMMERCIAL = "commercial", _("Commercial")
    CIVIC = "civic", _("Civic")


class Occasion(models.Model):
    """Something a market celebrates or shops for: Dia dos Namorados, Ramadan, Singles' Day."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120, validators=[validate_one_line])
    notes = models.TextField(
        _("cultural notes"),
        blank=True,
        help_text=_("What marketers must respect in every market observing it; what holds in one market goes in that market's notes."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OccasionKind.choices)
    rule = models.JSONField(_("date rule"), validators=[validate_rule], help_text=_("How the date is computed, such as {\"kind\": \"fixed\", \"month\": 6, \"day\": 12}."))
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_DAYS)],
        help_text=_("1 to 62 days."),
    )
    lead_days = models.PositiveSmallIntegerField(
        _("lead days"), default=30, validators=[MaxValueValidator(MAX_LEAD_DAYS)], help_text=_("Campaigns open this many days ahead (0 to 365).")
    )
    markets = models.ManyToManyField(
        Market, through="Observance", related_name="occasions", blank=True, verbose_name=_("markets")
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")

    def __str__(self):
        return self.name or self.slug

    def clean(self):
        super().clean()
        if self.pk and isinstance(self.rule, dict) and self.rule.get("kind") == "relative":
            from .occurrences import check_rules_resolve

            try:
                check_rules_resolve(occasion=self)
            except ValidationError as error:
                raise ValidationError({"rule": error.messages}) from None


class Observance(models.Model):
    """One market observing an occasion, with what differs there (date rule, name, notes)."""

    occasion = models.ForeignKey(Occasion, on_delete=models.CASCADE, related_name="observances", verbose_name=_("occasion"))
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="observances", verbose_name=_("market"))
    rule = models.JSONField(
        _("date rule in this market"),
        default=dict,
        blank=True,
        validators=[validate_override_rule],
        help_text=_("Leave empty to use the occasion's rule."),
    )
    shift_days = models.SmallIntegerField(
        _("shift in days"), default=0, validators=[MinValueValidator(-MAX_SHIFT_DAYS), MaxValueValidator(MAX_SHIFT_DAYS)],
        help_text=_("Days added to the rule's date here, such as 1 where the moon is sighted a day later (within a year either way)."),
    )
    name = models.CharField(
        _("local name"), max_length=120, blank=True, validators=[validate_one_line], help_text=_("Leave empty to use the occasion's name (White Friday for Black Friday).")
    )
    notes = models.TextField(
        _("cultural notes in this market"),
        blank=True,
        help_text=_("What marketers must respect in this market, besides the occasion's notes."),
    )

    class Meta:
        ordering = ["occasion__slug", "market__code"]
        verbose_name = _("observance")
        verbose_name_plural = _("observances")
        constraints = [
            models.UniqueConstraint(fields=["occasion", "market"], name="one_observance_per_occasion_and_market"),
        ]

    def __str__(self):
        return f"{self.occasion.slug} in {self.market.code}"

    def clean(self):
        super().clean()
        rule = self.rule or (self.occasion.rule if self.occasion_id else {})
        if self.occasion_id and self.market_id and isinstance(rule, dict) and rule.get("kind") == "relative":
            from .occurrences import check_rules_resolve

            try:
                check_rules_resolve(observance=self)
            except ValidationError as error:
                raise ValidationError({"rule": error.messages}) from None


class Occurrence(models.Model):
    """One occasion in one market in one year, dated, so scheduling is one indexed query.

    Filled from the rules by calendars.occurrences.materialize; a confirmed occurrence
    (someone saw the moon, or the trade body announced the date) is never overwritten.
    """

    occasion = models.ForeignKey(Occasion, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("occasion"))
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("market"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    nth = models.PositiveSmallIntegerField(
        _("occurrence in the year"), default=0, help_text=_("0, or 1 for a second start in one year (a Hijri date can fall twice).")
    )
    starts_on = models.DateField(_("starts on"), validators=[validate_calendar_date])
    ends_on = models.DateField(_("ends on"), validators=[validate_calendar_date])
    estimated = models.BooleanField(_("estimated"), default=False, help_text=_("Depends on moon sighting or our own astronomy."))
    source = models.CharField(_("source"), max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("confirmed by")
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "market__code", "occasion__slug"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(fields=["occasion", "market", "year", "nth"], name="one_occurrence_per_occasion_market_year"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="occurrence_ends_after_it_starts"),
        ]
        indexes = [
            models.Index(fields=["starts_on"], name="occurrence_starts_on"),
            models.Index(fields=["market", "starts_on"], name="occurrence_market_starts_on"),
        ]

    def __str__(self):
        return f"{self.occasion.slug} {self.market.code} {self.starts_on:%Y-%m-%d}"

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An occurrence cannot end before it starts.")})
