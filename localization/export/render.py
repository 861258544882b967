"""Render: each collected page as the files a market locale's folder holds (index.html, copy.json).

Works on the collected values alone (no queries). Copy is filled with the market's values and
sanitized by nh3 (only a few inline tags survive); labels come from the page-label catalogue;
what every page of a bundle shares (hreflang alternates, the stylesheet) is rendered once.
"""
import base64
import html
import json
import mimetypes
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.files.storage import default_storage
from django.template import engines
from markupsafe import Markup, escape

from .. import brands
from ..catalogue.legal import EU_MARKETS, POLICY_FIELDS, SELLER_FIELDS
from ..catalogue.page_labels import PAGE_LABELS
from ..checks import sanitized
from ..formatting import render_placeholders

STYLESHEET_PATH = "assets/landing.css"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# "Material: silver", "Matière : argent", "素材：シルバー": a name, a colon, a value.
_NAME_AND_VALUE = re.compile(r"^(?P<name>[^:：]{1,80}?)\s*[:：]\s*(?P<value>\S.*)$")
_LABEL_VALUE = re.compile(r"\{([a-z_]+)\}")
_TAG = re.compile(r"<[^>]*>")
# What nh3 changes in text without markup: "<", ">" and "&" (escaped), a carriage return and NUL
# (normalized away), a byte order mark, a no-break space (written &nbsp;). Text with none of the
# first six is the same after nh3 but for that last one (tests/localization/test_export_render.py
# holds this against nh3 itself), so most copy needs no parser.
_NEEDS_PARSER = frozenset("<>&\r\0\ufeff")
# A label the database lacks shows as nothing (a reviewer's preview still shows the page; the export
# gate refuses a bundle for it): the template names every label, and a name it lacks is an error.
_NO_LABELS = dict.fromkeys(PAGE_LABELS, "")


@dataclass
class RenderedPage:
    """One market locale's files, by their path in the bundle."""

    market: str
    locale: str
    folder: str
    files: dict = field(default_factory=dict)

    def as_dict(self):
        return {"market": self.market, "locale": self.locale, "folder": self.folder, "files": self.files}

    @classmethod
    def from_dict(cls, data):
        return cls(**data)


def get_template(name):
    """A landing template (templates/landing/, Jinja2, escaping on): the engine settings name "landing"."""
    return engines["landing"].get_template(name)


@lru_cache(maxsize=1)
def _templates():
    return get_template("page.html"), get_template("alternates.html")


def legal_rows(page, *, policies):
    """[(label, lines)] of the seller's details the page shows, in the catalogue's order; ``policies``:
    with shipping and returns (the legal page, or the footer of a market without one)."""
    return [
        (page.labels.get(label_key) or "", value.splitlines())
        for name, label_key in SELLER_FIELDS.items()
        if (value := page.legal.get(name)) and (policies or name not in POLICY_FIELDS)
    ]


def image_descriptions(page):
    """Each product image's text alternative in the page's language: a line of its image descriptions each."""
    return [plain_from_sanitized(clean(line)) for line in _lines(page.copy.get("image_alt"), page.values)]


def _data_uri(storage_name):
    """A stored file as a data: address, for a preview that loads nothing from anywhere."""
    with default_storage.open(storage_name, "rb") as stream:
        data = stream.read()
    kind = mimetypes.guess_type(storage_name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def brand_shown(page, bundle, *, inline):
    """What the page shows of the brand and the product images: the logo's address and size, and
    [(address, text alternative, width, height)]; addresses inside the bundle, or data: ones (``inline``)."""
    brand = bundle.brand
    logo = None
    if brand and brand["logo"]:
        logo = {"src": _data_uri(brand["logo"]) if inline else f"../{brand['logo_asset']}", "size": brand["logo_size"]}
    descriptions = image_descriptions(page)
    images = [
        (_data_uri(image["storage"]) if inline else f"../{image['asset']}",
         descriptions[number] if number < len(descriptions) else "", image["width"], image["height"])
        for number, image in enumerate(bundle.images)
    ]
    return logo, images


def legal_page_path(page):
    """The bundle path of the market's own legal page (``de-de/impressum.html``), or ""."""
    return f"{page.folder}/{page.legal_page}.html" if page.legal_page else ""


def stylesheet():
    """The one stylesheet of every page, in logical properties: right-to-left pages need no other."""
    return get_template("landing.css").render({})


def clean(text):
    """The text as nh3 sanitizes it (``checks.sanitized``), without the parser where it would change nothing."""
    if _NEEDS_PARSER.isdisjoint(text):
        return text.replace("\xa0", "&nbsp;")
    return sanitized(text)


def plain_from_sanitized(markup):
    """Copy nh3 has sanitized as plain text, for titles, meta tags and JSON-LD: its few inline tags
    (never with attributes) taken away, entities read as characters."""
    return html.unescape(_TAG.sub("", markup)).strip()


def formatted_copy(page):
    """Each copy field filled with the market's values and sanitized, as the page carries it (HTML)."""
    values = page.values
    return {name: clean(render_placeholders(text, values)) if text else "" for name, text in page.copy.items()}


def _paragraphs(text, values):
    filled = render_placeholders(text or "", values).strip()
    return [
        Markup(clean(part.strip()).replace("\n", "<br>"))
        for part in _PARAGRAPH_BREAK.split(filled)
        if part.strip()
    ]


def _lines(text, values):
    return [line.strip() for line in render_placeholders(text or "", values).splitlines() if line.strip()]


def _items(text, values):
    return [Markup(clean(line)) for line in _lines(text, values)]


def _specifications(text, values):
    """Name-and-value lines as pairs (a definition list); any other line makes it a plain list."""
    lines = _lines(text, values)
    pairs = [_NAME_AND_VALUE.match(line) for line in lines]
    if lines and all(pairs):
        return "pairs", [(Markup(clean(m["name"])), Markup(clean(m["value"]))) for m in pairs]
    return "items", [Markup(clean(line)) for line in lines]


@lru_cache(maxsize=1024)
def _label_parts(text):
    """A label split once into its escaped words and the names of its values: ("Order by ", "last_order_date", ...)."""
    parts = _LABEL_VALUE.split(str(escape(text)))
    return tuple(parts), frozenset(parts[1::2])


def label_line(page, key, values, *, wrap=None):
    """A label with the page's values filled in, escaped; ``wrap`` puts markup around one value."""
    parts, names = _label_parts(page.labels.get(key) or "")
    if any(values.get(name) is None for name in names):
        return ""  # the market has no value for it: the line is left out, not shown half-filled
    filled = list(parts)
    for index in range(1, len(filled), 2):
        name = filled[index]
        value = escape(values[name])
        filled[index] = wrap[1] % value if wrap and wrap[0] == name else value
    return Markup("".join(filled))


def og_locale(locale):
    """``pt-BR`` -> ``pt_BR``, ``zh-Hans-CN`` -> ``zh_CN``: Open Graph's language_TERRITORY."""
    parts = locale.split("-")
    territory = next((part for part in parts[1:] if len(part) == 2), "")
    return f"{parts[0]}_{territory.upper()}" if territory else parts[0]


def json_ld(page, formatted=None):
    """The page's Product and Offer for search engines: the price and currency the page shows."""
    formatted = formatted or formatted_copy(page)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": plain_from_sanitized(formatted.get("headline", "")),
        "description": plain_from_sanitized(formatted.get("seo_description", "")),
        "url": page.url,
    }
    if page.price is not None:
        offer = {
            "@type": "Offer",
            "price": page.price,
            "priceCurrency": page.currency,
            "availability": "https://schema.org/InStock",
            "url": page.shop_url or page.url,
        }
        if page.offer_ends_on:
            offer["priceValidUntil"] = page.offer_ends_on
        data["offers"] = offer
    # "<", ">" and "&" as JSON escapes, so no text in it can close the script element.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace(
        "<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Shared:
    """What every page of a bundle carries alike, rendered once: its hreflang alternates and its
    Open Graph alternate locales (each page's own taken out of the one list)."""

    def __init__(self, bundle):
        x_default = bundle.x_default
        _page_template, alternates_template = _templates()
        self.alternates = Markup(
            alternates_template.render({"pages": bundle.pages, "x_default": x_default}).strip()
        )
        self.og_locales = {page.folder: og_locale(page.locale) for page in bundle.pages}
        metas = [f'<meta property="og:locale:alternate" content="{escape(locale)}">' for locale in sorted(set(self.og_locales.values()))]
        self._og_meta = dict(zip(sorted(set(self.og_locales.values())), metas))
        self._og_all = "\n" + "\n".join(metas) + "\n"

    def og_alternates(self, page):
        own = self._og_meta.get(self.og_locales.get(page.folder))
        text = self._og_all.replace(f"\n{own}\n", "\n", 1) if own else self._og_all
        return Markup(text[1:-1])


def _blocks(page, values):
    """The page's blocks in its region's order, each with what it shows; empty ones are left out."""
    copy, emphasized = page.copy, set(page.emphasized)
    blocks = []
    for kind in page.blocks:
        block = {"kind": kind, "emphasized": kind in emphasized}
        if kind == "offer":
            if page.price is None:
                continue
        elif kind == "specifications":
            block["layout"], block["entries"] = _specifications(copy.get("specifications"), values)
            if not block["entries"]:
                continue
        elif kind in ("certifications", "usage_scenes"):
            block["entries"] = _items(copy.get(kind), values)
            if not block["entries"]:
                continue
        elif kind == "payment":
            if not page.payment_methods:
                continue
        blocks.append(block)
    return blocks


def page_context(page, bundle, shared, *, inline_stylesheet=False, formatted=None):
    values = page.values
    logo, images = brand_shown(page, bundle, inline=inline_stylesheet)
    formatted = formatted or formatted_copy(page)
    label_values = {**values, "delivery_time": page.delivery_time}
    title = plain_from_sanitized(formatted["seo_title"] or formatted["headline"])
    description = plain_from_sanitized(formatted["seo_description"] or formatted["subheadline"])
    label_lang = Markup(f' lang="{escape(page.labels_language)}"') if page.labels_language else ""
    label_texts = set(page.labels.values()) if label_lang else ()
    return {
        "page": page,
        "labels": {**_NO_LABELS, **page.labels},
        "label_lang": label_lang,
        "title": title,
        "description": description,
        "og_locale": og_locale(page.locale),
        "og_alternates": shared.og_alternates(page),
        "alternates": shared.alternates,
        "stylesheet": Markup(stylesheet()) if inline_stylesheet else "",
        "stylesheet_href": f"../{STYLESHEET_PATH}",
        "json_ld": Markup(json_ld(page, formatted)),
        "headline": Markup(formatted["headline"]),
        "subheadline": Markup(formatted["subheadline"]),
        "body": _paragraphs(page.copy.get("body"), values),
        "call_to_action": Markup(formatted["call_to_action"]),
        "buy_href": page.shop_url or "#offer",
        "old_price_line": label_line(page, "old_price", label_values, wrap=("old_price", "<s>%s</s>")) if page.old_price else "",
        "prior_price_line": label_line(page, "prior_price", {"prior_price": page.prior_price_shown}) if page.prior_price_shown else "",
        "brand": bundle.brand,
        "brand_style": brands.brand_style(bundle.brand["accent"], bundle.brand["accent_ink"]) if bundle.brand else "",
        "logo": logo,
        "images": images,
        "legal_rows": legal_rows(page, policies=not page.legal_page),
        "legal_withdrawal": page.market in EU_MARKETS,
        "legal_page_href": f"{page.legal_page}.html" if page.legal_page else "",
        "discount_line": label_line(page, "discount", label_values),
        "offer_ends_line": label_line(page, "offer_ends", label_values),
        "order_by_line": label_line(page, "order_by", label_values),
        "occasion_line": label_line(page, "occasion_on", label_values),
        "delivery_time_line": label_line(page, "delivery_time", label_values),
        "blocks": _blocks(page, values),
        # A method named by a label is in the labels' language (English where the page's is not
        # kept); one named by its brand (PIX, JazzCash) has none to mark.
        "payment_methods": [
            (method, label_lang if label_lang and method in label_texts else "") for method in page.payment_methods
            if not (page.cash_on_delivery and method == page.labels.get("payment_cash_on_delivery"))  # said above the list
        ],
        "all_payment_methods": [(method, label_lang if label_lang and method in label_texts else "") for method in page.payment_methods],
    }


def copy_json(page, formatted=None):
    """The page's copy and values as data: each raw (as written or stored) and formatted (as shown)."""
    values = page.values
    formatted = formatted or formatted_copy(page)
    data = {
        "market": page.market,
        "locale": page.locale,
        "dir": page.direction,
        "variant_version": page.approved_version,
        "currency": page.currency,
        "copy": {
            name: {"raw": text, "formatted": formatted[name]} for name, text in page.copy.items()
        },
        "values": {name: {"raw": page.raw_values.get(name), "formatted": values.get(name)} for name in sorted(values)},
        "delivery": {
            "days": page.delivery_days,
            "formatted": page.delivery_time,
            "last_order_date": page.last_order_date,
            "occasion_starts_on": page.occasion_starts_on,
        },
        "payment_methods": page.payment_methods,
        "cash_on_delivery": page.cash_on_delivery,
        "blocks": page.blocks,
    }
    # Compact: json's C encoder (an indented dump is written in Python, several times slower).
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def legal_page(page, context):
    """The market's own legal page (the Impressum, the 特定商取引法に基づく表記): every detail of the seller,
    and in Japan the price, the ways to pay and the delivery time the offer page shows."""
    title_key = "tokushoho_title" if page.legal_page == "tokushoho" else "legal_notice"
    return get_template("legal.html").render({
        **context,
        "title": context["labels"][title_key],
        "legal_rows": legal_rows(page, policies=True),
        "sale_terms": page.legal_page == "tokushoho",
    })


def render_page(page, bundle, shared=None, *, inline_stylesheet=False):
    shared = shared or Shared(bundle)
    page_template, _alternates = _templates()
    formatted = formatted_copy(page)
    context = page_context(page, bundle, shared, inline_stylesheet=inline_stylesheet, formatted=formatted)
    files = {f"{page.folder}/index.html": page_template.render(context), f"{page.folder}/copy.json": copy_json(page, formatted)}
    if page.legal_page:
        files[legal_page_path(page)] = legal_page(page, context)
    return RenderedPage(market=page.market, locale=page.locale, folder=page.folder, files=files)


def render_pages(bundle, *, markets=None):
    """The rendered pages of the bundle (of some markets only, for a worker's share)."""
    shared = Shared(bundle)
    return [render_page(page, bundle, shared) for page in bundle.pages if markets is None or page.market in markets]


def sitemap(bundle):
    """sitemap.xml: every page with its alternates (xhtml:link), as search engines read hreflang."""
    context = {"pages": bundle.pages, "x_default": bundle.x_default}
    alternates = Markup(get_template("sitemap_alternates.xml").render(context))
    return get_template("sitemap.xml").render({**context, "alternates": alternates})
