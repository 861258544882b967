"""WHAT is said: campaigns, their copy per market, and every review decision."""
import uuid
from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator, MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator, URLValidator,
)
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from calendars.locales import canonical_tag, validate_locale
from calendars.models import MAX_LEAD_DAYS, Market, Occasion, Region, validate_calendar_date, validate_one_line

from .timing import Milestone, timing_problems

COPY_FIELDS = (
    "headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description",
    # What the landing page's blocks show (regional playbooks order them), one item per line:
    # translated per market and reviewed with the rest of the copy.
    "specifications", "certifications", "usage_scenes",
    # Each product image's text alternative, one line per image: written and reviewed like the copy.
    "image_alt",
)
# The most each copy field may hold. The body's page limit (5,000 by default, per market) is a
# check finding; past this size copy is refused outright, as no page could hold it.
MAX_BODY_CHARACTERS = 50_000
# Each block field (specifications, certifications, usage scenes): a page's list, not an essay.
MAX_BLOCK_CHARACTERS = 4_000


class Copy(models.Model):
    """The fields of landing-page copy, shared by a campaign's source and its variants."""

    headline = models.CharField(_("headline"), max_length=200, blank=True)
    subheadline = models.CharField(_("subheadline"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True, max_length=MAX_BODY_CHARACTERS, validators=[MaxLengthValidator(MAX_BODY_CHARACTERS)])
    call_to_action = models.CharField(_("call to action"), max_length=80, blank=True)
    seo_title = models.CharField(_("SEO title"), max_length=200, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=500, blank=True)
    specifications = models.TextField(
        _("specifications"), blank=True, max_length=MAX_BLOCK_CHARACTERS, validators=[MaxLengthValidator(MAX_BLOCK_CHARACTERS)],
        help_text=_("One per line, a name and its value: Material: sterling silver."),
    )
    certifications = models.TextField(
        _("certifications"), blank=True, max_length=MAX_BLOCK_CHARACTERS, validators=[MaxLengthValidator(MAX_BLOCK_CHARACTERS)],
        help_text=_("One per line, such as Nickel-free (EN 1811)."),
    )
    usage_scenes = models.TextField(
        _("usage scenes"), blank=True, max_length=MAX_BLOCK_CHARACTERS, validators=[MaxLengthValidator(MAX_BLOCK_CHARACTERS)],
        help_text=_("Moments the product is made for, one per line."),
    )
    image_alt = models.TextField(
        _("image descriptions"), blank=True, max_length=MAX_BLOCK_CHARACTERS, validators=[MaxLengthValidator(MAX_BLOCK_CHARACTERS)],
        help_text=_("What each product image shows, for people who cannot see it: one line per image, in the images' order."),
    )

    class Meta:
        abstract = True

    def copy_fields(self):
        return {name: getattr(self, name) for name in COPY_FIELDS}


MAX_COPY_CHARACTERS = {name: Copy._meta.get_field(name).max_length for name in COPY_FIELDS}


# The same bound and words on every database (without it PostgreSQL's small integers say 32,767, SQLite nothing).
AT_MOST_A_YEAR_OF_LEAD = MaxValueValidator(
    MAX_LEAD_DAYS, _("Lead days of %(show_value)s would open the campaign more than a year ahead; give at most %(limit_value)s, such as 30."),
)
HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write a colour as # and six hexadecimal digits, such as #8a1538."))


def contrast_ratio(first, second):
    """WCAG 2's contrast ratio of two #rrggbb colours, from 1 (none) to 21 (black on white)."""
    def luminance(colour):
        channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
        red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# WCAG 2 AA for text: what the landing pages' accent must keep against the page and its own text.
MIN_CONTRAST = 4.5
PAPER = "#ffffff"


class Brand(models.Model):
    """The brand the landing pages speak for: its name, its logo and the colours of its buttons and accents."""

    name = models.CharField(_("name"), max_length=120, unique=True, validators=[validate_one_line])
    logo = models.FileField(
        _("logo"), upload_to="brands/", validators=[FileExtensionValidator(["svg", "png"])],
        help_text=_("SVG or PNG. An SVG is cleaned of scripts and outside links when it is saved."),
    )
    accent = models.CharField(
        _("accent colour"), max_length=7, default="#8a1538", validators=[HEX_COLOUR],
        help_text=_("Buttons, prices and the discount; it must be readable on white, such as #8a1538."),
    )
    accent_ink = models.CharField(
        _("text on the accent"), max_length=7, default="#ffffff", validators=[HEX_COLOUR],
        help_text=_("The colour of a button's words, readable on the accent colour."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not (HEX_COLOUR.regex.match(self.accent or "") and HEX_COLOUR.regex.match(self.accent_ink or "")):
            return
        errors = {}
        if contrast_ratio(self.accent, PAPER) < MIN_CONTRAST:
            errors["accent"] = _("%(colour)s on white has a contrast of %(ratio).1f:1; pages need at least 4.5:1. Choose a darker colour.") % {
                "colour": self.accent, "ratio": contrast_ratio(self.accent, PAPER)}
        if contrast_ratio(self.accent_ink, self.accent) < MIN_CONTRAST:
            errors["accent_ink"] = _("%(ink)s on %(colour)s has a contrast of %(ratio).1f:1; buttons need at least 4.5:1.") % {
                "ink": self.accent_ink, "colour": self.accent, "ratio": contrast_ratio(self.accent_ink, self.accent)}
        if errors:
            raise ValidationError(errors)


class Campaign(Copy):
    """One global message (the source copy, the brief) to be adapted for each market."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    occasion = models.ForeignKey(
        Occasion, on_delete=models.PROTECT, null=True, blank=True, related_name="campaigns", verbose_name=_("occasion")
    )
    source_locale = models.CharField(
        _("source locale"), max_length=20, default="en", validators=[validate_locale], help_text=_("BCP 47 tag of the source copy, such as en.")
    )
    source_version = models.PositiveIntegerField(
        _("source version"), default=1, editable=False, help_text=_("Goes up with each change of meaning of the source copy.")
    )
    markets = models.ManyToManyField(Market, through="CampaignMarket", related_name="campaigns", verbose_name=_("markets"))
    discount_percent = models.DecimalField(
        _("discount %"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    lead_days = models.PositiveSmallIntegerField(
        _("lead days"), default=30, validators=[AT_MOST_A_YEAR_OF_LEAD], help_text=_("Days before the occasion the campaign opens."),
    )
    ends_on = models.DateField(
        _("offer ends on (default)"), null=True, blank=True, validators=[validate_calendar_date],
        help_text=_("Only for markets with no date of their own: each market's offer runs from its launch day to the "
                    "last day of its occasion there, or the dates set in its market row."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, null=True, blank=True, related_name="campaigns", verbose_name=_("brand"),
        help_text=_("Whose name, logo and colours the landing pages carry; needed to export them."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    year = models.PositiveSmallIntegerField(
        _("year of the occasion"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year whose occasion this campaign is for, such as 2027. Left empty, the next one; "
                    "set when the first market opens."),
    )
    repeats_yearly = models.BooleanField(
        _("repeats yearly"), default=False,
        help_text=_("Next year's campaign is created when its first market's launch window opens, with this year's approved "
                    "copy carried over as drafts."),
    )
    previous_campaign = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="next_campaign",
        verbose_name=_("previous year's campaign"),
    )
    milestone_days = models.JSONField(
        _("milestones"), default=dict, blank=True,
        help_text=_("Days before the occasion, where this campaign differs from the defaults, such as "
                    "{\"copy_due\": 25, \"review_due\": 18}. Milestones: copy_due, review_due, export_due, go_live."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        indexes = [
            # The scheduler looks for repeating campaigns of a year that have no successor yet.
            models.Index(fields=["year"], condition=models.Q(repeats_yearly=True), name="campaign_repeating_by_year"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        try:
            self.source_locale = canonical_tag(self.source_locale)
        except ValidationError as error:
            raise ValidationError({"source_locale": error}) from None
        errors = timing_problems(lead_days=self.lead_days, milestone_days=self.milestone_days)
        if self.repeats_yearly and not self.occasion_id:
            # Said on the occasion: that is the field a manager clears.
            errors.setdefault("occasion", []).append(
                _("A campaign repeats with its occasion: choose the occasion, or leave 'repeats yearly' off.")
            )
        if errors:
            raise ValidationError(errors)


class CampaignMarket(models.Model):
    """A market the campaign runs in, with its offer in that market's currency."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="campaign_markets", verbose_name=_("campaign"))
    market = models.ForeignKey(Market, on_delete=models.PROTECT, related_name="campaign_markets", verbose_name=_("market"))
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    old_price = models.DecimalField(_("old price"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    occasion = models.ForeignKey(
        Occasion, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("occasion in this market"),
        help_text=_("The occasion this market celebrates instead, such as Dia dos Namorados for Valentine's Day in Brazil."),
    )
    # A CharField with a URL validator: a URLField's form field would guess a scheme for what people type.
    shop_url = models.CharField(
        _("shop page"), max_length=500, blank=True, validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("Where the landing page's Buy now leads in this market (https://...)."),
    )
    offer_starts_on = models.DateField(
        _("offer starts on"), null=True, blank=True, validators=[validate_calendar_date],
        help_text=_("Leave empty for the market's launch day (its occasion's start minus the lead days)."),
    )
    offer_ends_on = models.DateField(
        _("offer ends on"), null=True, blank=True, validators=[validate_calendar_date],
        help_text=_("Leave empty for the last day of the occasion in this market."),
    )
    prior_price = models.DecimalField(
        _("lowest price in the 30 days before"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Where the offer is a reduction in an EU market: the lowest price of the 30 days before it, "
                    "which the page must show (Directive 98/6/EC, Art. 6a)."),
    )
    lead_days = models.PositiveSmallIntegerField(
        _("lead days in this market"), null=True, blank=True, validators=[AT_MOST_A_YEAR_OF_LEAD],
        help_text=_("Days before the occasion this market opens; leave empty for the campaign's."),
    )
    opened_on = models.DateField(
        _("opened on"), null=True, blank=True, editable=False,
        help_text=_("The day the scheduler opened this market's work, in the market's time zone."),
    )
    opened_late = models.BooleanField(
        _("opened late"), default=False, editable=False, help_text=_("Opened after its launch day (the scheduler was not running).")
    )
    occurrence = models.ForeignKey(
        "calendars.Occurrence", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("occurrence"), help_text=_("The dated occasion this market was opened for."),
    )
    occasion_starts_on = models.DateField(
        _("occasion starts on"), null=True, blank=True, editable=False,
        help_text=_("The occasion's start the reminders are planned for; when the occurrence moves, they move with it."),
    )

    class Meta:
        ordering = ["market__code"]
        verbose_name = _("campaign market")
        verbose_name_plural = _("campaign markets")
        constraints = [models.UniqueConstraint(fields=["campaign", "market"], name="one_offer_per_campaign_and_market")]
        indexes = [
            # The scheduler reads the markets not yet opened, and the opened ones whose occasion is still ahead.
            models.Index(fields=["market"], condition=models.Q(opened_on__isnull=True), name="campaign_market_unopened"),
            models.Index(fields=["occasion_starts_on"], name="campaign_market_occasion_start"),
            models.Index(fields=["lead_days"], condition=models.Q(lead_days__isnull=False), name="campaign_market_own_lead_days"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.market.code}"

    def clean(self):
        super().clean()
        if self.offer_starts_on and self.offer_ends_on and self.offer_ends_on < self.offer_starts_on:
            raise ValidationError({"offer_ends_on": _("The offer would end before it starts; give an end on or after %(day)s.")
                                   % {"day": self.offer_starts_on.isoformat()}})
        if self.lead_days is None:
            return
        try:
            campaign = self.campaign  # an inline's campaign may not be saved yet
        except Campaign.DoesNotExist:
            return
        # Only the lead days are this row's; the campaign's milestones are judged on the campaign.
        problems = timing_problems(lead_days=self.lead_days, milestone_days=campaign.milestone_days).get("lead_days")
        if problems:
            raise ValidationError({"lead_days": problems})

    @property
    def occasion_in_market_id(self):
        """This market's own occasion, else the campaign's."""
        return self.occasion_id or self.campaign.occasion_id

    @property
    def effective_lead_days(self):
        """This market's lead days, else the campaign's."""
        return self.lead_days if self.lead_days is not None else self.campaign.lead_days

    def offer_window(self, occurrence):
        """(first day, last day) of the offer in this market, for its ``occurrence`` of the occasion (None
        where it keeps none): the dates set in its row; else from its launch day to the occasion's last
        day there; an end the market cannot take from its occasion is the campaign's default end. An
        offer ends when this market's occasion does, not when another market's does."""
        starts_on, ends_on = self.offer_starts_on, self.offer_ends_on
        if occurrence is not None:
            starts_on = starts_on or occurrence.starts_on - timedelta(days=self.effective_lead_days)
            ends_on = ends_on or occurrence.ends_on
        return starts_on, ends_on or self.campaign.ends_on


class CampaignImage(models.Model):
    """A product image of the campaign's landing pages; each market's copy describes it (image descriptions)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="images", verbose_name=_("campaign"))
    image = models.ImageField(
        _("image"), upload_to="campaigns/", width_field="width", height_field="height",
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])], help_text=_("PNG, JPEG or WebP."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=1, help_text=_("1 for the first image the pages show."))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self):
        return f"{self.campaign} · {self.position}"


class SourceRevision(models.Model):
    """A kept version of a campaign's source copy, so reviewers can see what changed."""

    class Kind(models.TextChoices):
        MEANING = "meaning", _("Meaning change (approved copy must be reviewed again)")
        CORRECTION = "correction", _("Correction: typo or punctuation (approvals stand)")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="source_revisions", verbose_name=_("campaign"))
    source_version = models.PositiveIntegerField(_("source version"))
    kind = models.CharField(_("kind of change"), max_length=12, choices=Kind.choices)
    copy = models.JSONField(_("source copy"))
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("edited by"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("source revision")
        verbose_name_plural = _("source revisions")

    def __str__(self):
        return f"{self.campaign} v{self.source_version} ({self.get_kind_display()})"


class Role(models.TextChoices):
    COPYWRITER = "copywriter", _("Copywriter")
    REVIEWER = "reviewer", _("Cultural reviewer")


class MarketAssignment(models.Model):
    """Who writes or reviews the copy of which market."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_assignments", verbose_name=_("user"))
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("market"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        ordering = ["market__code", "role", "user__username"]
        verbose_name = _("market assignment")
        verbose_name_plural = _("market assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "market", "role"], name="one_assignment_per_user_market_and_role"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.market.code}"


class AssignmentChange(models.Model):
    """One assignment or removal of a person's role in a market, kept for good: who did it, to whom, which
    market and role, when. Written by ``access.assign`` and ``access.unassign`` (and for a removal that
    follows a deleted person or market), never edited. Its links hold no database constraint, and the names
    are kept beside them, so the record outlives the person, the market and whoever made the change."""

    class Action(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        REMOVED = "removed", _("Removed")

    action = models.CharField(_("change"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="assignment_changes",
        verbose_name=_("person"),
    )
    username = models.CharField(_("person"), max_length=150)
    market = models.ForeignKey(
        Market, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="assignment_changes", verbose_name=_("market"),
    )
    market_code = models.CharField(_("market"), max_length=2)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    changed_by_name = models.CharField(_("by"), max_length=150, blank=True, help_text=_("Empty when Glocal's own setup did it."))
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("assignment change")
        verbose_name_plural = _("assignment changes")

    def __str__(self):
        return f"{self.get_action_display()}: {self.username} · {self.get_role_display()} · {self.market_code}"

    @classmethod
    def record(cls, assignment, action, by):
        return cls.objects.create(
            action=action, user_id=assignment.user_id, username=assignment.user.get_username(), market_id=assignment.market_id,
            market_code=assignment.market.code, role=assignment.role, changed_by=by, changed_by_name=by.get_username() if by else "",
        )


@receiver(post_save, sender=MarketAssignment, dispatch_uid="assignment-kept")
def _keep_assignment(sender, instance, created, raw=False, **kwargs):
    """Every assignment is kept, however it was made; ``access.assign`` says who made it."""
    if created and not raw:
        AssignmentChange.record(instance, AssignmentChange.Action.ASSIGNED, getattr(instance, "changed_by", None))


@receiver(post_delete, sender=MarketAssignment, dispatch_uid="removal-kept")
def _keep_removal(sender, instance, **kwargs):
    """Every removal is kept, a person's or a market's deletion included; ``access.unassign`` says who."""
    AssignmentChange.record(instance, AssignmentChange.Action.REMOVED, getattr(instance, "changed_by", None))


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    STALE = "stale", _("Stale")


class CopyVariant(Copy):
    """One campaign's copy for one market locale, with its own author, reviewer and state."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="variants", verbose_name=_("campaign"))
    market = models.ForeignKey(Market, on_delete=models.PROTECT, related_name="variants", verbose_name=_("market"))
    locale = models.CharField(_("locale"), max_length=20, validators=[validate_locale], help_text=_("BCP 47 tag, such as pt-BR."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    copywriter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("copywriter"), help_text=_("Who is assigned to write this copy."),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewer"), help_text=_("Who took the last review decision."), editable=False,
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("last edited by"), editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("last changed by"), editable=False,
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    source_version = models.PositiveIntegerField(
        _("source version"), default=1, editable=False, help_text=_("The version of the source copy this copy was written against.")
    )
    findings = models.JSONField(
        _("check findings"), default=list, blank=True, editable=False,
        help_text=_("What the checks found at the last save or glossary change: code, severity, field, subject."),
    )
    carried_over_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("carried over from"), help_text=_("Last year's copy this draft started from."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("copy variant")
        verbose_name_plural = _("copy variants")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "market", "locale"], name="one_variant_per_campaign_market_locale"),
        ]
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="variant_recent_first"),
            models.Index(fields=["market", "state"], name="variant_market_state"),
            models.Index(fields=["state"], name="variant_state"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.market.code} ({self.locale})"

    def clean(self):
        super().clean()
        if self.locale:
            try:
                self.locale = canonical_tag(self.locale)  # pt-br and pt-BR are one variant
            except ValidationError as error:
                raise ValidationError({"locale": error}) from None
        if self.market_id and self.locale and self.locale not in self.market.locales:
            raise ValidationError(
                {"locale": _("%(market)s's customers read %(locales)s; write the copy in one of them, or add the locale to the market.")
                 % {"market": self.market.code, "locales": ", ".join(self.market.locales)}}
            )
        if self.campaign_id and self.market_id and not self.campaign.campaign_markets.filter(market_id=self.market_id).exists():
            raise ValidationError(
                {"market": _("The campaign does not run in %(market)s; add the market to the campaign first.") % {"market": self.market.code}}
            )


class Review(models.Model):
    """One step in a variant's history, kept for good: who did what, when, to which version."""

    class Action(models.TextChoices):
        EDIT = "edit", _("Edited")
        SUBMIT = "submit", _("Submitted for review")
        APPROVE = "approve", _("Approved")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        PUBLISH = "publish", _("Published")
        MARK_STALE = "mark_stale", _("Source changed: marked stale")
        GLOSSARY_STALE = "glossary_stale", _("Glossary changed: marked stale")

    variant = models.ForeignKey(CopyVariant, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("variant"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by"))
    note = models.TextField(_("note"), blank=True)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    variant_version = models.PositiveIntegerField(_("copy version"))
    source_version = models.PositiveIntegerField(_("source version"))
    copy = models.JSONField(_("copy at that moment"))
    acknowledged = models.JSONField(
        _("warnings acknowledged"), default=list, blank=True, help_text=_("The check warnings the reviewer read and accepted.")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["variant", "-created_at"], name="review_variant_history")]

    def __str__(self):
        return f"{self.get_action_display()} · {self.variant_id} v{self.variant_version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A review is kept as it was decided; it cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A review is kept as it was decided; it cannot be deleted."))


class GlossaryTerm(models.Model):
    """A term a locale's copy must use, may use with care, or must not use, and why."""

    class Kind(models.TextChoices):
        PREFERRED = "preferred", _("Preferred: when the source has the term, write the suggestion")
        CAUTION = "caution", _("Caution: allowed, the reviewer must acknowledge the note")
        FORBIDDEN = "forbidden", _("Forbidden: blocks approval")

    locale = models.CharField(
        _("locale"), max_length=20, validators=[validate_locale],
        help_text=_("BCP 47 tag of the copy it applies to: pt-BR, or a language alone (de) for every market speaking it."),
    )
    market = models.ForeignKey(
        Market, on_delete=models.CASCADE, null=True, blank=True, related_name="glossary_terms", verbose_name=_("market"),
        help_text=_("Leave empty for every market of the locale."),
    )
    term = models.CharField(
        _("term"), max_length=200, help_text=_("For a preferred term, the word in the source; otherwise the word in the copy.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    suggestion = models.CharField(_("suggested wording"), max_length=200, blank=True)
    note = models.TextField(_("why"), help_text=_("The cultural reason, shown to copywriters and reviewers."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["locale", "term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.UniqueConstraint(fields=["locale", "market", "term", "kind"], name="one_glossary_entry_per_term"),
            # NULLs are distinct in the constraint above, so locale-wide terms need their own.
            models.UniqueConstraint(
                fields=["locale", "term", "kind"], condition=models.Q(market__isnull=True), name="one_locale_wide_glossary_entry_per_term"
            ),
        ]
        indexes = [models.Index(fields=["-updated_at"], name="glossary_recent_first")]

    def __str__(self):
        return f"{self.term} ({self.locale}, {self.get_kind_display().split(':')[0].lower()})"

    def clean(self):
        super().clean()
        self.term = (self.term or "").strip()
        with_nul = {name: _("Remove the NUL character (U+0000): no page can show it.") for name in ("term", "suggestion", "note")
                    if "\x00" in (getattr(self, name) or "")}
        if with_nul:  # refused on every database alike; PostgreSQL cannot store it
            raise ValidationError(with_nul)
        try:
            self.locale = canonical_tag(self.locale)
        except ValidationError as error:
            raise ValidationError({"locale": error}) from None
        if self.kind == self.Kind.PREFERRED and not self.suggestion.strip():
            raise ValidationError({"suggestion": _("A preferred term needs the wording the copy should use.")})


# Scheduling and reminders ---------------------------------------------------------------------


class Reminder(models.Model):
    """One e-mail to one person about one milestone of a campaign in a market, sent once.

    The unique constraint keeps it single however often the scheduler plans it; a sender
    claims it with a lease before sending, so two senders never both send it.
    """

    class Skipped(models.TextChoices):
        MET = "met", _("The milestone was already met")
        OCCASION_OVER = "occasion_over", _("The occasion was over")
        MARKET_LEFT = "market_left", _("The campaign no longer runs in the market")
        NO_ADDRESS = "no_address", _("The recipient has no e-mail address or no longer works here")
        MOVED_BACK = "moved_back", _("The date moved back to where it was")

    # No index of their own: the unique constraint (campaign first) and the recipient's index serve; every index
    # is written again when a reminder is marked sent, thousands a minute.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("campaign"), db_index=False
    )
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("market"), db_index=False)
    milestone = models.CharField(_("milestone"), max_length=20, choices=Milestone.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="glocal_reminders", verbose_name=_("recipient"),
        db_index=False,
    )
    due_on = models.DateField(_("due on"), help_text=_("The day in the market's time zone."))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    late = models.BooleanField(_("late"), default=False, editable=False, help_text=_("Sent after the day it was due."))
    skipped_at = models.DateTimeField(_("skipped"), null=True, blank=True, editable=False)
    skipped_because = models.CharField(_("skipped because"), max_length=20, choices=Skipped.choices, blank=True, editable=False)
    claimed_until = models.DateTimeField(
        _("claimed until"), null=True, blank=True, editable=False,
        help_text=_("A sender is working on it; another may take it over only after this (the sender died)."),
    )
    claimed_by = models.UUIDField(_("claimed by"), null=True, blank=True, editable=False, help_text=_("The sender's run that holds it."))
    token = models.UUIDField(
        _("token"), default=uuid.uuid4, editable=False, help_text=_("Random, so its Message-ID is like no other reminder's.")
    )
    moved_from = models.DateField(
        _("moved from"), null=True, blank=True, editable=False, help_text=_("For a date change: the occasion's start before it moved.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["due_on", "campaign_id", "market_id", "milestone", "recipient_id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "market", "milestone", "recipient"],
                condition=~models.Q(milestone="date_changed"),
                name="one_reminder_per_milestone_and_recipient",
            ),
            # A date may move more than once; each person has one notice waiting at most.
            models.UniqueConstraint(
                fields=["campaign", "market", "milestone", "recipient"],
                condition=models.Q(milestone="date_changed", sent_at__isnull=True, skipped_at__isnull=True),
                name="one_waiting_date_change_notice",
            ),
        ]
        indexes = [
            # The sender takes the waiting ones in this order, a batch at a time: the index hands them over in order.
            models.Index(
                fields=["due_on", "id"], condition=models.Q(sent_at__isnull=True, skipped_at__isnull=True), name="reminder_waiting_in_order"
            ),
            models.Index(fields=["recipient", "due_on"], name="reminder_recipient_by_day"),
        ]

    def __str__(self):
        return f"{self.get_milestone_display()} · {self.campaign} · {self.market.code} · {self.recipient}"

    @property
    def message_id(self):
        """The same for every attempt, so a resend after a crash is recognizably the same message."""
        host = urlparse(settings.SITE_URL).hostname or "glocal.localhost"
        return f"<reminder.{self.token}@{host}>"


class UserPreference(models.Model):
    """How a person wants Glocal to speak to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="glocal_preference", verbose_name=_("user")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("The language of the reminders Glocal e-mails you; empty for the site's default."),
    )
    # Only a digest is kept: the address itself is shown once, when it is made, so a copy of the
    # database opens nobody's calendar. A new address replaces the digest, and the old one stops working.
    calendar_token_digest = models.CharField(
        _("calendar address (digest)"), max_length=64, unique=True, null=True, blank=True, editable=False,
        help_text=_("SHA-256 of the secret in the address of your milestone calendar."),
    )
    calendar_address_made_at = models.DateTimeField(
        _("calendar address made"), null=True, blank=True, editable=False,
        help_text=_("When the address of your milestone calendar was made; empty when you have none."),
    )

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return str(self.user)


# Landing pages ----------------------------------------------------------------------------------


class PageLabel(models.Model):
    """A fixed phrase of the landing page ("Buy now", "Cash on delivery available"), translated once
    for every language the markets read (modeltranslation), never written into a campaign's copy."""

    key = models.SlugField(_("key"), max_length=60, unique=True, help_text=_("How the templates name it, such as buy_now."))
    text = models.CharField(
        _("text"), max_length=200,
        help_text=_("May hold the page's values in braces, such as Order by {last_order_date}."),
    )
    note = models.CharField(_("where it shows"), max_length=200, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("page label")
        verbose_name_plural = _("page labels")

    def __str__(self):
        return self.key


class PageBlock(models.TextChoices):
    """The blocks of a landing page a regional playbook orders, below the headline and the body."""

    OFFER = "offer", _("Price and promotion")
    SPECIFICATIONS = "specifications", _("Specifications")
    CERTIFICATIONS = "certifications", _("Certifications")
    USAGE_SCENES = "usage_scenes", _("Usage scenes")
    DELIVERY = "delivery", _("Delivery promise")
    PAYMENT = "payment", _("Payment methods")


def validate_page_blocks(blocks):
    if not isinstance(blocks, list) or not all(isinstance(block, str) for block in blocks):
        raise ValidationError(_("Give the blocks as a list of names, such as [\"offer\", \"delivery\"]."))
    unknown = [block for block in blocks if block not in PageBlock.values]
    if unknown:
        raise ValidationError(
            _("Unknown page blocks: %(unknown)s; use %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(PageBlock.values)}
        )
    if len(set(blocks)) != len(blocks):
        raise ValidationError(_("Name each page block once."))


class RegionalPlaybook(models.Model):
    """How a region's shoppers read a landing page: which blocks come first and which stand out
    (specifications first in Europe, the price and promotion in Southeast Asia)."""

    region = models.CharField(_("region"), max_length=20, choices=Region.choices, unique=True)
    blocks = models.JSONField(
        _("blocks in order"), default=list, validators=[validate_page_blocks],
        help_text=_("The page's blocks in reading order; blocks left out follow in the usual order."),
    )
    emphasized = models.JSONField(
        _("emphasized blocks"), default=list, blank=True, validators=[validate_page_blocks],
        help_text=_("Blocks shown larger, with an accent."),
    )
    why = models.TextField(_("why"), blank=True, help_text=_("What shoppers of the region look for first."))

    class Meta:
        ordering = ["region"]
        verbose_name = _("regional playbook")
        verbose_name_plural = _("regional playbooks")

    def __str__(self):
        return self.get_region_display()

    def ordered_blocks(self):
        """Every block, the playbook's first, then the rest in the usual order."""
        return [*self.blocks, *[block for block in PageBlock.values if block not in self.blocks]]


class SellerDetails(models.Model):
    """The brand's legal details as a market's law wants them on a commercial page (catalogue/legal.py
    says which): for one market, else for its region, else for every market; the most specific row wins."""

    market = models.ForeignKey(
        Market, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("market"),
        help_text=_("Leave empty for a whole region, or for every market."),
    )
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, blank=True,
        help_text=_("For every market of the region that has no row of its own; leave empty with no market for every market."),
    )
    legal_name = models.CharField(_("seller (legal name)"), max_length=200, help_text=_("Such as Shenzhen Lumen Trading Co., Ltd."))
    represented_by = models.CharField(_("represented by"), max_length=200, blank=True,
                                      help_text=_("The managing director or the person responsible (Germany, Austria, Japan)."))
    address = models.TextField(_("address"), blank=True, max_length=500)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    register = models.CharField(_("commercial register"), max_length=200, blank=True,
                                help_text=_("Court and number, such as Amtsgericht München HRB 123456, where there is one."))
    vat_id = models.CharField(_("VAT ID"), max_length=50, blank=True)
    company_id = models.CharField(_("company registration number"), max_length=50, blank=True,
                                  help_text=_("The CNPJ in Brazil, such as 12.345.678/0001-90."))
    commercial_registration = models.CharField(_("commercial registration number"), max_length=50, blank=True,
                                               help_text=_("Saudi Arabia's CR number."))
    shipping = models.TextField(_("shipping costs"), blank=True, max_length=1000)
    returns = models.TextField(_("returns and exchanges"), blank=True, max_length=2000)

    class Meta:
        ordering = ["market__code", "region"]
        verbose_name = _("seller details")
        verbose_name_plural = _("seller details")
        constraints = [
            models.CheckConstraint(condition=models.Q(market__isnull=True) | models.Q(region=""), name="seller_details_market_or_region"),
            models.UniqueConstraint(fields=["market"], condition=models.Q(market__isnull=False), name="one_seller_details_per_market"),
            # One row per region, and one for every market (no market, no region).
            models.UniqueConstraint(fields=["region"], condition=models.Q(market__isnull=True), name="one_seller_details_per_region"),
        ]

    def __str__(self):
        where = self.market.code if self.market_id else (self.get_region_display() if self.region else _("every market"))
        return f"{self.legal_name} · {where}"

    def clean(self):
        super().clean()
        if self.market_id and self.region:
            raise ValidationError({"region": _("Give a market or a region, not both.")})


class BundleExport(models.Model):
    """A requested export of a campaign's landing pages, run by the workers, with its progress and result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="exports", verbose_name=_("campaign"))
    markets = models.JSONField(
        _("markets"), default=list, blank=True, help_text=_("Market codes to export, such as [\"BR\"]; empty for every market.")
    )
    state = models.CharField(_("state"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress %"), default=0, validators=[MaxValueValidator(100)])
    file = models.FileField(_("bundle"), upload_to="exports/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(
        _("last progress"), auto_now=True, help_text=_("When a worker last moved the export on; long ago while running: it stopped.")
    )
    sent_at = models.DateTimeField(
        _("sent to the workers"), null=True, blank=True,
        help_text=_("When its task last went to the task queue; empty while the queue has not taken it (it did not answer)."),
    )
    resent = models.PositiveSmallIntegerField(
        _("sent again"), default=0, help_text=_("How many times the sweeper sent it to the workers again because none moved it on."),
    )
    error = models.TextField(_("why it failed"), blank=True)
    shipped = models.JSONField(
        _("shipped"), default=list, blank=True, editable=False,
        help_text=_("The market locales the bundle holds, as [{\"market\": \"BR\", \"locale\": \"pt-BR\"}]."),
    )
    skipped = models.JSONField(
        _("left out"), default=list, blank=True, editable=False,
        help_text=_("The market locales left out, each with the reason (its copy's state, or what is missing)."),
    )
    base_url = models.CharField(
        _("served at"), max_length=500, blank=True, validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("Where the pages will be served (https://...); may be left empty only where LANDING_BASE_URL is set."),
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("bundle export")
        verbose_name_plural = _("bundle exports")
        indexes = [models.Index(fields=["campaign", "-requested_at"], name="export_campaign_recent_first")]

    def __str__(self):
        return f"{self.campaign} · {self.requested_at:%Y-%m-%d %H:%M}" if self.requested_at else str(self.campaign)
