"""Collect: a campaign's shippable copy and everything its pages show, as plain values.

All the export's database reads happen here, in a fixed number of queries per campaign
whatever the number of markets; render, check and write work on these values alone. The
values are JSON-friendly (strings, numbers, lists, dicts), so a worker can hand them to
another (``Bundle.as_dict`` / ``Bundle.from_dict``).
"""
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, partial
from types import SimpleNamespace
from typing import NamedTuple

from babel.dates import format_timedelta
from babel.numbers import get_currency_precision
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from calendars.locales import parse_locale, text_direction
from calendars.models import Observance, Occasion, Occurrence
from calendars.names import translated, translation_language

from .. import brands, formatting, quality, rendering
from ..catalogue.legal import SELLER_FIELDS, own_page_of
from ..catalogue.page_labels import PAYMENT_METHOD_LABELS
from ..formatting import PLACEHOLDERS, MarketFormat, format_date, format_percent, format_price
from ..models import COPY_FIELDS, Brand, CampaignImage, CampaignMarket, PageBlock, PageLabel, RegionalPlaybook, Review, SellerDetails, State

SHIPPABLE = (State.APPROVED, State.PUBLISHED)

# Where the pages are served when nothing else is said; the bundle's URLs (canonical, hreflang,
# sitemap) are absolute, as search engines require.
# A reviewer's preview, which no one serves, links here where no public address is configured.
PREVIEW_BASE_URL = "https://preview.invalid/"


@dataclass
class Page:
    """One market locale's landing page: the approved copy and the market's values, as shown."""

    market: str
    region: str
    locale: str
    folder: str
    direction: str
    url: str
    variant_id: int
    state: str
    version: int  # the row's version when collected: publishing checks nothing changed since
    approved_version: int | None
    approved_by: str
    approved_at: str
    copy: dict
    values: dict  # placeholder -> the text the page shows, None where the market has none
    missing: dict  # placeholder -> why the market has no value
    raw_values: dict  # placeholder -> the value before formatting: "199.90", "2027-06-05", "15.00"
    format: dict  # the MarketFormat's fields
    price: str | None  # the amount as shown, rounded as shown: "199.90", "4980"
    old_price: str | None
    currency: str
    offer_ends_on: str | None
    occasion_starts_on: str | None
    last_order_date: str | None
    occasion_local_name: str | None
    occasion_english_name: str
    delivery_days: int
    delivery_time: str
    payment_methods: list
    cash_on_delivery: bool
    labels: dict
    labels_language: str  # "" when the labels are in the page's language, else the language they are in
    labels_missing: list
    blocks: list
    emphasized: list
    shop_url: str
    length_limits: dict
    sensitive_topics: list
    approved: bool = True
    # The seller's details the page shows (catalogue/legal.py SELLER_FIELDS, only those given), and the
    # legal page of its own the market's law wants ("impressum", "tokushoho"; "" for none).
    legal: dict = field(default_factory=dict)
    legal_page: str = ""
    prior_price: str | None = None  # the lowest price of the 30 days before a reduction, as shown: "44.99"
    prior_price_shown: str | None = None  # formatted: "44,99 €"

    @property
    def market_format(self):
        return _market_format(**self.format)


@dataclass
class Skipped:
    """A market locale left out of the bundle, and why (a code: its state, or what is missing)."""

    market: str
    locale: str
    reason: str


@dataclass
class Bundle:
    """What one export ships: the campaign, its pages and what was left out."""

    campaign: str
    campaign_name: str
    source_locale: str
    source: dict
    base_url: str
    generated_at: str
    pages: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    # The brand the pages carry ({name, logo, logo_asset, logo_size, accent, accent_ink}; None when the
    # campaign has none), and the product images ([{storage, asset, width, height}], in their order):
    # files kept in storage, shipped under assets/.
    brand: dict | None = None
    images: list = field(default_factory=list)

    @property
    def x_default(self):
        """The page for readers no alternate fits: the first in the source's language, else the first."""
        language = parse_locale(self.source_locale).language
        for page in self.pages:
            if parse_locale(page.locale).language == language:
                return page
        return self.pages[0] if self.pages else None

    def pages_of(self, market):
        return [page for page in self.pages if page.market == market]

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        page_fields = {f.name for f in fields(Page)}
        return cls(
            **{name: value for name, value in data.items() if name not in ("pages", "skipped")},
            pages=[Page(**{k: v for k, v in page.items() if k in page_fields}) for page in data["pages"]],
            skipped=[Skipped(**entry) for entry in data["skipped"]],
        )


def folder_of(locale):
    """``pt-BR`` -> ``pt-br``: the page's folder in the bundle."""
    return locale.lower()


def iso_instant(moment):
    """A stored time as the bundle writes it: UTC, to the second, ``2027-05-01T10:00:00Z``."""
    return moment.astimezone(dt_timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_base_url(campaign):
    """The campaign's public address under settings.LANDING_BASE_URL; None where that is not set."""
    root = (settings.LANDING_BASE_URL or "").rstrip("/")
    return f"{root}/{campaign.slug}/" if root else None


def shown_amount(amount, fmt):
    """The amount as the page shows it, rounded the way ``format_price`` rounds: the JSON-LD's price."""
    minor_digits = get_currency_precision(fmt.currency) if fmt.show_minor_units else 0
    return str(Decimal(str(amount)).quantize(Decimal(1).scaleb(-minor_digits), rounding=ROUND_HALF_UP))


# The same prices and dates recur across a bundle's campaigns and locales: Babel writes each once.
_price = shown_price = lru_cache(maxsize=4096)(format_price)
_date = lru_cache(maxsize=4096)(format_date)
_percent = lru_cache(maxsize=1024)(format_percent)


# Languages written without spaces between words (and so between a number and its unit).
UNSPACED_LANGUAGES = frozenset({"ja", "zh"})


@lru_cache(maxsize=1024)
def delivery_time(days, fmt):
    """``5 days`` / ``5 dias`` / ``5日``: CLDR's words and plurals for the market's usual delivery time."""
    locale = parse_locale(fmt.locale)
    text = format_timedelta(timedelta(days=days), granularity="day", threshold=days + 1, locale=locale)
    if locale.language in UNSPACED_LANGUAGES:
        text = text.replace(" ", "").replace("\xa0", "")  # CLDR writes "3 日"; Japanese writes 3日
    # Babel writes Latin digits; a market that shows its native ones gets them here too.
    return formatting._in_digits(text, formatting._numbering_system(locale, fmt.native_digits))


class Approval(NamedTuple):
    """A variant's latest approval, as the bundle reports it."""

    variant_id: int
    variant_version: int
    approved_by: str | None
    created_at: datetime
    copy: dict


@lru_cache(maxsize=1024)
def _market_format(locale, currency, native_digits, show_minor_units, era, time_zone):
    return MarketFormat(
        locale=locale, currency=currency, native_digits=native_digits, show_minor_units=show_minor_units, era=era, time_zone=time_zone
    )


# What the export reads of each variant and its market: the fields page_for and skip_reason use.
VARIANT_FIELDS = ("id", *COPY_FIELDS, "locale", "state", "version", "source_version", "market_id")
MARKET_FIELDS = (
    "code", "region", "currency", "time_zone", "payment_methods", "delivery_days", "native_digits", "show_minor_units",
    "calendar_era", "headline_limit", "call_to_action_limit", "body_limit", "sensitive_topics",
)


def variant_rows(campaign):
    """The campaign's variants with their markets, as plain rows with the models' attribute names
    (``variant.market.currency``), ordered by market and locale: a bundle reads fifty at a time, and
    building model instances (translated market names and all) costs more than the query."""
    rows = []
    market_columns = [f"market__{name}" for name in MARKET_FIELDS]
    for row in campaign.variants.values(*VARIANT_FIELDS, *market_columns).order_by("market__code", "locale"):
        market = SimpleNamespace(pk=row["market_id"], **{name: row.pop(column) for name, column in zip(MARKET_FIELDS, market_columns)})
        rows.append(SimpleNamespace(pk=row.pop("id"), market=market, campaign=campaign, **row))
    return rows


def translated_columns(field):
    """The columns of a translated field in every language (modeltranslation's ``name_en``,
    ``name_pt`` ...), to read as plain rows: ``translated`` reads a row's attributes as it reads a
    model's."""
    return [build_localized_fieldname(field, language) for language in AVAILABLE_LANGUAGES]


def page_format(market, locale):
    """The market's format for the locale (``rendering.market_format``), built once per market and locale."""
    return _market_format(locale, market.currency, market.native_digits, market.show_minor_units, market.calendar_era, market.time_zone)


class CampaignData:
    """The campaign's rows read once: offers, occasions, observances, occurrences, approvals,
    labels and playbooks, each in one query."""

    def __init__(self, campaign, *, variants, today):
        self.campaign = campaign
        self.offers = {}
        for row in CampaignMarket.objects.filter(campaign=campaign).order_by().values(
            "market_id", "price", "old_price", "prior_price", "occasion_id", "shop_url", "lead_days", "offer_starts_on", "offer_ends_on",
            market_code=F("market__code"), market_locale=F("market__primary_locale"),
        ):
            offer = SimpleNamespace(campaign=campaign, **row)
            # The model's rules (its own occasion, else the campaign's; its offer window), asked of the row.
            offer.occasion_in_market_id = CampaignMarket.occasion_in_market_id.fget(offer)
            offer.effective_lead_days = CampaignMarket.effective_lead_days.fget(offer)
            offer.offer_window = partial(CampaignMarket.offer_window, offer)
            self.offers[offer.market_id] = offer
        occasion_ids = {offer.occasion_in_market_id for offer in self.offers.values()} - {None}
        # Only their names in every language (modeltranslation adds each name_<language>), not the
        # cultural notes in every language beside them. The occasions' observances and occurrences
        # in every market that keeps them, not only the campaign's: a row or two more, and a query
        # without a parameter per market.
        # Read as plain rows (``translated`` reads them as it reads models), unordered where a dict
        # holds them: an observance's default order joins its occasion and market.
        names = translated_columns("name")
        self.occasions = {
            row["id"]: SimpleNamespace(**row) for row in Occasion.objects.filter(pk__in=occasion_ids).order_by().values("id", *names)
        }
        self.observances = {
            (row["occasion_id"], row["market_id"]): SimpleNamespace(**row)
            for row in Observance.objects.filter(occasion_id__in=occasion_ids).order_by().values("occasion_id", "market_id", *names)
        }
        self.occurrences = {}
        for occasion_id, market_id, starts_on, ends_on in (
            Occurrence.objects.filter(occasion_id__in=occasion_ids, ends_on__gte=today)
            .order_by("starts_on", "pk")
            .values_list("occasion_id", "market_id", "starts_on", "ends_on")
        ):
            self.occurrences.setdefault((occasion_id, market_id), SimpleNamespace(starts_on=starts_on, ends_on=ends_on))
        self.approvals = {}
        for row in (
            Review.objects.filter(variant__in=[v.pk for v in variants], action=Review.Action.APPROVE)
            .order_by("-created_at", "-id")
            .values_list("variant_id", "variant_version", f"actor__{get_user_model().USERNAME_FIELD}", "created_at", "copy")
        ):
            self.approvals.setdefault(row[0], Approval(*row))
        self.labels = [SimpleNamespace(**row) for row in PageLabel.objects.order_by("key").values("key", *translated_columns("text"))]
        self.playbooks = {playbook.region: playbook for playbook in RegionalPlaybook.objects.all()}
        self.sellers = {
            (row.pop("market_id"), row.pop("region")): row
            for row in SellerDetails.objects.order_by().values("market_id", "region", *SELLER_FIELDS)
        }
        self._labels_by_locale, self._labels_by_language = {}, {}
        self._blocks_by_region = {}

    def blocks_for(self, region):
        """The region's blocks in its playbook's order and the ones it emphasizes (every block, none
        emphasized, where the region has no playbook), worked out once per region."""
        if region not in self._blocks_by_region:
            playbook = self.playbooks.get(region)
            if playbook is None:
                self._blocks_by_region[region] = (list(PageBlock.values), [])
            else:
                self._blocks_by_region[region] = (playbook.ordered_blocks(), [block for block in playbook.emphasized if block in PageBlock.values])
        blocks, emphasized = self._blocks_by_region[region]
        return list(blocks), list(emphasized)

    def seller_for(self, market):
        """The seller's details the market's page shows: the market's own row, else its region's, else
        every market's; only the fields given."""
        row = self.sellers.get((market.pk, "")) or self.sellers.get((None, market.region)) or self.sellers.get((None, "")) or {}
        return {name: row[name].strip() for name in SELLER_FIELDS if (row.get(name) or "").strip()}

    def labels_for(self, locale):
        """The page labels in the page's language; English where the language is not kept (marked so):
        (texts by key, the language they fell back to or "", the keys with no text in a kept language)."""
        if locale not in self._labels_by_locale:
            language = translation_language(locale)
            fallback = "en" if language == "en" and parse_locale(locale).language != "en" else ""
            texts, missing = self._labels_in(language)
            self._labels_by_locale[locale] = (texts, fallback, missing if not fallback else [])
        texts, fallback, missing = self._labels_by_locale[locale]
        return dict(texts), fallback, list(missing)

    def _labels_in(self, language):
        """The labels' texts in one language, English where one has none, and the keys that had none
        (worked out once per language: es-MX and es-CO read the same)."""
        if language not in self._labels_by_language:
            texts, missing = {}, []
            for label in self.labels:
                text = translated(label, "text", language)
                if not text:
                    missing.append(label.key)
                    text = translated(label, "text", "en")
                texts[label.key] = text
            self._labels_by_language[language] = (texts, sorted(missing))
        return self._labels_by_language[language]


def market_values(variant, data, fmt=None):
    """What {price}, {occasion_date} ... say in the variant's market and locale, from rows already
    read (``rendering.values_from``, the one place for it), with Babel's output cached."""
    campaign, market = data.campaign, variant.market
    offer = data.offers.get(market.pk)
    occasion_id = offer.occasion_in_market_id if offer else campaign.occasion_id
    occasion = data.occasions.get(occasion_id) if occasion_id else None
    observance = data.observances.get((occasion_id, market.pk)) if occasion else None
    found = rendering.values_from(
        campaign=campaign, market=market, locale=variant.locale, offer=offer, occasion=occasion, observance=observance,
        occurrence=data.occurrences.get((occasion_id, market.pk)) if observance else None,
        fmt=fmt or page_format(market, variant.locale), formats=(_price, _date, _percent),
    )
    facts = {
        "occasion_local_name": found.occasion_local_name,
        "occasion_english_name": found.occasion_english_name,
        "occasion_starts_on": found.occasion_starts_on,
        "last_order_date": found.last_order_date,
        "offer_ends_on": found.offer_ends_on,
    }
    return found.values, found.missing, facts


def _payment_methods(methods, labels):
    """The market's payment methods as its shoppers read them (see PAYMENT_METHOD_LABELS): a generic
    one in the page's language, any other by its name, without the planners' note in parentheses."""
    shown, cash_on_delivery = [], False
    for method in methods:
        name = method.split("(")[0].strip() or method
        key = PAYMENT_METHOD_LABELS.get(name.lower())
        cash_on_delivery = cash_on_delivery or key == "payment_cash_on_delivery"
        text = (labels.get(key) or name) if key else name
        if text not in shown:  # "Credit card" and "Credit card (Visa, Mastercard)" are one way to pay
            shown.append(text)
    return shown, cash_on_delivery


def _iso(day):
    return day.isoformat() if isinstance(day, (date, datetime)) else None


def _raw_values(offer, campaign, facts):
    raw = dict.fromkeys(sorted(PLACEHOLDERS))
    if offer and offer.price is not None:
        raw["price"] = str(offer.price)
    if offer and offer.old_price is not None:
        raw["old_price"] = str(offer.old_price)
    if campaign.discount_percent is not None:
        raw["discount"] = str(campaign.discount_percent)
    raw["campaign_end"] = _iso(facts["offer_ends_on"])
    raw["occasion"] = facts["occasion_english_name"] or None
    raw["occasion_date"] = _iso(facts["occasion_starts_on"])
    raw["last_order_date"] = _iso(facts["last_order_date"])
    return raw


def page_for(variant, data, *, base_url, approval=None, approved=True):
    market, campaign = variant.market, data.campaign
    fmt = page_format(market, variant.locale)
    values, missing, facts = market_values(variant, data, fmt)
    offer = data.offers.get(market.pk)
    labels, labels_language, labels_missing = data.labels_for(variant.locale)
    methods, cash_on_delivery = _payment_methods(market.payment_methods or [], labels)
    blocks, emphasized = data.blocks_for(market.region)
    folder = folder_of(variant.locale)
    return Page(
        market=market.code,
        region=market.region,
        locale=variant.locale,
        folder=folder,
        direction=text_direction(variant.locale),
        url=f"{base_url}{folder}/",
        variant_id=variant.pk,
        state=variant.state,
        version=variant.version,
        approved_version=approval.variant_version if approval else None,
        approved_by=(approval.approved_by or "") if approval else "",
        approved_at=iso_instant(approval.created_at) if approval else "",
        copy={name: getattr(variant, name) or "" for name in COPY_FIELDS},
        values=values,
        missing=missing,
        raw_values=_raw_values(offer, campaign, facts),
        format=dict(vars(fmt)),
        price=shown_amount(offer.price, fmt) if offer and offer.price is not None else None,
        old_price=shown_amount(offer.old_price, fmt) if offer and offer.old_price is not None else None,
        currency=market.currency,
        offer_ends_on=_iso(facts["offer_ends_on"]),
        occasion_starts_on=_iso(facts["occasion_starts_on"]),
        last_order_date=_iso(facts["last_order_date"]),
        occasion_local_name=facts["occasion_local_name"],
        occasion_english_name=facts["occasion_english_name"],
        delivery_days=market.delivery_days,
        delivery_time=delivery_time(market.delivery_days, fmt),
        payment_methods=methods,
        cash_on_delivery=cash_on_delivery,
        labels=labels,
        labels_language=labels_language,
        labels_missing=labels_missing,
        blocks=blocks,
        emphasized=emphasized,
        shop_url=(offer.shop_url if offer else "") or "",
        legal=data.seller_for(market),
        legal_page=own_page_of(market.code),
        prior_price=shown_amount(offer.prior_price, fmt) if offer and offer.prior_price is not None else None,
        prior_price_shown=_price(offer.prior_price, fmt) if offer and offer.prior_price is not None else None,
        length_limits=quality.length_limits(market),
        sensitive_topics=list(market.sensitive_topics or []),
        approved=approved,
    )


def skip_reason(variant, approval, campaign):
    """Why approved copy cannot ship as it stands (None when it can)."""
    if variant.state not in SHIPPABLE:
        return variant.state  # draft, in_review, changes_requested, stale
    if approval is None:
        return "no_approval"
    if variant.source_version != campaign.source_version:
        return "stale"  # written against a source whose meaning has changed since
    approved_copy = approval.copy or {}
    if any((approved_copy.get(name) or "") != (getattr(variant, name) or "") for name in COPY_FIELDS):
        return "changed_since_approval"
    return None


def brand_and_images(campaign):
    """The campaign's brand and product images as the bundle ships them (two queries)."""
    brand = Brand.objects.filter(pk=campaign.brand_id).first() if campaign.brand_id else None
    found = None
    if brand is not None:
        extension = brand.logo.name.rsplit(".", 1)[-1].lower()
        size = brands.logo_size(brand) if brand.logo else None
        found = {
            "name": brand.name, "logo": brand.logo.name, "logo_asset": f"assets/brand/logo.{extension}" if brand.logo else "",
            "logo_size": list(size) if size else None, "accent": brand.accent, "accent_ink": brand.accent_ink,
        }
    images = [
        {"storage": image.image.name, "asset": f"assets/images/{number}-{image.image.name.rsplit('/', 1)[-1]}",
         "width": image.width, "height": image.height}
        for number, image in enumerate(CampaignImage.objects.filter(campaign_id=campaign.pk), start=1)
    ]
    return found, images


def collect(campaign, *, markets=None, today=None, base_url=None):
    """The bundle of a campaign: a page per approved (or published) market locale, the rest skipped.

    ``markets``: market codes to export (None: all the campaign's markets). ``today`` dates the
    coming occurrences of the occasion (default: today in the server's time zone).
    """
    today = today or timezone.localdate()
    base_url = base_url or default_base_url(campaign)
    if not base_url:
        raise ValueError("collect needs the bundle's public address: pass base_url or set LANDING_BASE_URL")
    if not base_url.endswith("/"):
        base_url += "/"
    # Not the findings stored on each variant: the gate runs the checks afresh.
    variants = variant_rows(campaign)
    if markets is not None:
        wanted = set(markets)
        variants = [variant for variant in variants if variant.market.code in wanted]
    data = CampaignData(campaign, variants=variants, today=today)
    pages, skipped = [], []
    for variant in variants:
        approval = data.approvals.get(variant.pk)
        reason = skip_reason(variant, approval, campaign)
        if reason:
            skipped.append(Skipped(market=variant.market.code, locale=variant.locale, reason=reason))
        else:
            pages.append(page_for(variant, data, base_url=base_url, approval=approval))
    with_copy = {variant.market_id for variant in variants}
    for market_id, offer in data.offers.items():
        if market_id not in with_copy and (markets is None or offer.market_code in markets):
            skipped.append(Skipped(market=offer.market_code, locale=offer.market_locale, reason="no_copy"))
    pages.sort(key=lambda page: (page.market, page.folder))
    skipped.sort(key=lambda entry: (entry.market, entry.locale.lower()))
    brand, images = brand_and_images(campaign)
    return Bundle(
        campaign=campaign.slug,
        campaign_name=campaign.name,
        source_locale=campaign.source_locale,
        source={name: getattr(campaign, name) or "" for name in COPY_FIELDS},
        base_url=base_url,
        generated_at=max((page.approved_at for page in pages), default=""),
        pages=pages,
        skipped=skipped,
        brand=brand,
        images=images,
    )


def collect_preview(variant, *, today=None, base_url=None):
    """The bundle of one variant as its copy stands now, approved or not, for reviewers to look at."""
    campaign = variant.campaign
    today = today or timezone.localdate()
    base_url = base_url or default_base_url(campaign) or f"{PREVIEW_BASE_URL}{campaign.slug}/"
    data = CampaignData(campaign, variants=[variant], today=today)
    approval = data.approvals.get(variant.pk)
    approved = skip_reason(variant, approval, campaign) is None
    page = page_for(variant, data, base_url=base_url, approval=approval if approved else None, approved=approved)
    brand, images = brand_and_images(campaign)
    return Bundle(
        campaign=campaign.slug,
        campaign_name=campaign.name,
        source_locale=campaign.source_locale,
        source={name: getattr(campaign, name) or "" for name in COPY_FIELDS},
        base_url=base_url,
        generated_at=page.approved_at,
        pages=[page],
        brand=brand,
        images=images,
    )
