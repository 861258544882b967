"""Check: the export gate. Before anything is written, the bundle reads its own pages back and
refuses, with the list of what to fix, when hreflang is incomplete or not reciprocal, a page's
JSON-LD price is not the price it shows, its call to action leads nowhere, a placeholder was left
raw, a check error stands, or the market's law wants something on the page the brand has not given.
"""
import html
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from django.utils.translation import gettext as _

from ..catalogue.legal import EU_MARKETS, EU_PRIOR_PRICE, requirements_for
from ..catalogue.page_labels import PAGE_LABELS
from ..checks import CopyUnderCheck, Severity, field_label, run_checks
from ..checks.topics import topics_for_market
from ..formatting import PLACEHOLDERS
from ..models import SellerDetails
from .collect import shown_price
from .render import image_descriptions, legal_page_path

# Any {name} of the copy's placeholders or the labels' values still in the output is a raw placeholder.
RAW_PLACEHOLDER = re.compile(r"\{(%s|delivery_time)\}" % "|".join(sorted(PLACEHOLDERS)))
_HTML = re.compile(r'<html lang="(?P<lang>[^"]*)" dir="(?P<dir>[^"]*)">')
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">')
_JSON_LD_START, _SCRIPT_END = '<script type="application/ld+json">', "</script>"
_PRICE = re.compile(r'<data class="price-amount" value="([^"]*)">(.*?)</data>', re.DOTALL)
_ANY_TAG = re.compile(r"<[^>]*>")
# The page's buttons (the copy's call to action, the offer's Buy now): each must lead to the shop.
_BUTTON_LINK = re.compile(r'<a class="button[^"]*" href="([^"]*)"')
_SITEMAP_LINK = re.compile(r'<xhtml:link rel="alternate" hreflang="([^"]*)" href="([^"]*)"/>')


@dataclass(frozen=True)
class Problem:
    """One thing to fix before the bundle can be written: a code that names it, and a sentence for people."""

    code: str
    market: str
    locale: str
    message: str

    def __str__(self):
        where = f"{self.market} ({self.locale}): " if self.locale else ""
        return f"{where}{self.message}"


class PageReading:
    """What the gate reads back from a rendered page: its language, links, JSON-LD, price and
    headings, and any placeholder left raw.

    It reads the markup as the landing templates write it (attributes in their order, double
    quotes); anything written otherwise is not found, and the gate refuses the page for lacking it.
    The page's text cannot fake a tag: nh3 and the templates escape "<" in it, and the JSON-LD too.
    """

    def __init__(self, document, alternates_read=None):
        # The language, links and JSON-LD are read in the head, the price in the body: each pattern
        # scans only the part it can be in (a page without "</head>" is read whole, for both).
        end_of_head = document.find("</head>")
        head, body = (document[:end_of_head], document[end_of_head:]) if end_of_head >= 0 else (document, document)
        root = _HTML.search(head)
        self.lang, self.dir = (html.unescape(root["lang"]), html.unescape(root["dir"])) if root else (None, None)
        canonical = _CANONICAL.search(head)
        self.canonical = html.unescape(canonical[1]) if canonical else None
        self.alternates = read_alternates(head, alternates_read)
        self.json_ld = _between(head, _JSON_LD_START, _SCRIPT_END)
        prices = _PRICE.findall(body)
        self.price_value = html.unescape(prices[0][0]) if prices else None
        self.price_text = [html.unescape(_ANY_TAG.sub("", text)) for _value, text in prices[:1]]
        self.button_links = [html.unescape(href) for href in _BUTTON_LINK.findall(body)]
        self.h1_count = document.count("<h1")
        self.raw_placeholders = set(RAW_PLACEHOLDER.findall(document)) if "{" in document else set()


def read_page(document, alternates_read=None):
    return PageReading(document, alternates_read)


def read_alternates(head, alternates_read=None):
    """The head's hreflang links as (hreflang, href) pairs, in their order.

    ``alternates_read`` (a dict the caller keeps for one bundle) remembers what each run of links,
    from the first alternate link to the end of the last, was read as: the pages of a bundle carry
    the same links, so each page's own text is looked up, and read only when no page had it before.
    """
    first = head.find('<link rel="alternate"')
    if first < 0:
        return []
    last = _ALTERNATE.match(head, head.rfind('<link rel="alternate"'))
    links = head[first:last.end() if last else len(head)]
    if alternates_read is not None and links in alternates_read:
        return alternates_read[links]
    found = [pair if "&" not in pair[1] else (pair[0], html.unescape(pair[1])) for pair in _ALTERNATE.findall(links)]
    if alternates_read is not None:
        alternates_read[links] = found
    return found


def _between(text, start, end):
    """Every piece of ``text`` between ``start`` and the next ``end``, left to right (a non-greedy
    regular expression's findall, found by str.find)."""
    pieces, position = [], text.find(start)
    while position >= 0:
        position += len(start)
        closing = text.find(end, position)
        if closing < 0:
            break
        pieces.append(text[position:closing])
        position = text.find(start, closing + len(end))
    return pieces


def _problem(page, code, message):
    return Problem(code=code, market=page.market, locale=page.locale, message=message)


def copy_under_check(page, bundle, glossary):
    """The page's copy as the checks see it, with the market's values as collected."""
    return CopyUnderCheck(
        locale=page.locale,
        variant=page.copy,
        source=bundle.source,
        source_locale=bundle.source_locale,
        campaign=bundle.campaign,
        market=page.market,
        currency=page.currency,
        length_limits=page.length_limits,
        sensitive_topics=topics_for_market(page.market, tuple(page.sensitive_topics)),
        glossary=glossary,
        placeholder_values=page.values,
        missing_value_reasons=page.missing,
        occasion_local_name=page.occasion_local_name,
        occasion_english_name=page.occasion_english_name,
        offer_ends_on=_date(page.offer_ends_on),
        occasion_starts_on=_date(page.occasion_starts_on),
        last_order_date=_date(page.last_order_date),
    )


def _date(text):
    return date.fromisoformat(text) if text else None


def check_errors(bundle, glossary):
    """Each page's standing check errors, as the reviewers see them: an error means it must not ship."""
    problems = []
    for page in bundle.pages:
        for finding in run_checks(copy_under_check(page, bundle, glossary)):
            if finding.severity == Severity.ERROR:
                problems.append(
                    _problem(page, f"check:{finding.key}", _("[%(field)s] %(message)s") % {"field": field_label(finding.field), "message": finding.message})
                )
    return problems


def page_problems(page, document, expected_alternates, alternates_read=None):
    """What is wrong with one rendered page, read back from its HTML."""
    problems = []
    reading = read_page(document, alternates_read)
    if reading.lang != page.locale or reading.dir != page.direction:
        problems.append(_problem(page, "language", _("The page says lang=%(lang)s dir=%(dir)s; it must say lang=%(locale)s dir=%(direction)s.") % {
            "lang": reading.lang, "dir": reading.dir, "locale": page.locale, "direction": page.direction}))
    if reading.h1_count != 1:
        problems.append(_problem(page, "headline", _("The page has %(count)s main headings; write the headline (exactly one).") % {"count": reading.h1_count}))
    if reading.canonical != page.url:
        problems.append(_problem(page, "canonical", _("The canonical link is %(found)s, not the page's address %(url)s.") % {"found": reading.canonical, "url": page.url}))
    found = dict(reading.alternates)
    if len(found) != len(reading.alternates) or found != expected_alternates:
        missing = sorted(set(expected_alternates) - set(found))
        extra = sorted(set(found) - set(expected_alternates))
        wrong = sorted(tag for tag in set(found) & set(expected_alternates) if found[tag] != expected_alternates[tag])
        problems.append(_problem(page, "hreflang_incomplete", _("The hreflang alternates are incomplete: missing %(missing)s; unexpected %(extra)s; wrong address for %(wrong)s.") % {
            "missing": ", ".join(missing) or "—", "extra": ", ".join(extra) or "—", "wrong": ", ".join(wrong) or "—"}))
    problems += _price_problems(page, reading)
    if not reading.button_links or any(not link.startswith(("https://", "http://")) for link in reading.button_links):
        problems.append(_problem(page, "no_shop_link", _(
            "The page's call to action leads nowhere: set the shop page (https://...) of %(market)s in the campaign's "
            "market row."
        ) % {"market": page.market}))
    if reading.raw_placeholders:
        problems.append(_problem(page, "raw_placeholder", _("The page shows %(names)s as written, not filled in: give the market a value or take it out of the copy.") % {
            "names": ", ".join("{%s}" % name for name in sorted(reading.raw_placeholders))}))
    return problems, reading


def _price_problems(page, reading):
    if page.price is None:
        return [_problem(page, "no_price", _("There is no price for %(market)s: set it in the campaign's markets.") % {"market": page.market})]
    try:
        offers = [json.loads(text).get("offers") for text in reading.json_ld]
    except ValueError:
        return [_problem(page, "json_ld", _("The page's JSON-LD is not valid JSON."))]
    offers = [offer for offer in offers if offer]
    if len(offers) != 1:
        return [_problem(page, "json_ld", _("The page's JSON-LD must hold exactly one Offer; it holds %(count)s.") % {"count": len(offers)})]
    offer = offers[0]
    shown = "".join(reading.price_text).strip()
    try:
        formatted = shown_price(Decimal(str(offer.get("price"))), page.market_format)
    except (InvalidOperation, ValueError):
        formatted = None
    if offer.get("priceCurrency") != page.currency or reading.price_value != offer.get("price") or formatted != shown:
        return [_problem(page, "price_mismatch", _("The JSON-LD offers %(price)s %(currency)s but the page shows %(shown)s.") % {
            "price": offer.get("price"), "currency": offer.get("priceCurrency"), "shown": shown or "—"})]
    return []


def label_problems(bundle):
    problems = []
    for page in bundle.pages:
        absent = sorted(set(PAGE_LABELS) - set(page.labels))
        if absent:
            problems.append(_problem(page, "labels_missing", _("The page labels %(keys)s are missing: load them (python manage.py seed_demo) or add them in admin.") % {"keys": ", ".join(absent)}))
        if page.labels_missing:
            problems.append(_problem(page, "labels_untranslated", _("The page labels %(keys)s have no %(locale)s text: translate them in admin.") % {"keys": ", ".join(page.labels_missing), "locale": page.locale}))
    return problems


def _discounted(page):
    """Whether the page announces a reduction: an old price beside the price, or the campaign's discount."""
    return page.old_price is not None or page.values.get("discount") is not None


def legal_problems(bundle, paths):
    """What each market's law wants on the page (catalogue/legal.py) and the bundle lacks: the seller's
    details a requirement names, the prior price of an EU reduction, the legal page of its own."""
    problems = []
    for page in bundle.pages:
        for requirement in requirements_for(page.market):
            missing = [str(SellerDetails._meta.get_field(name).verbose_name) for name in requirement.fields if not page.legal.get(name)]
            if missing:
                problems.append(_problem(page, f"legal:{requirement.key}", _(
                    "%(requirement)s (%(source)s) needs the seller's %(fields)s: add them in Seller details, for %(market)s, "
                    "its region or every market."
                ) % {"requirement": requirement.name, "source": requirement.source, "fields": ", ".join(missing), "market": page.market}))
        if page.market in EU_MARKETS and _discounted(page) and page.prior_price is None:
            problems.append(_problem(page, "legal:eu_prior_price", _(
                "The offer is a reduction, and an EU page shows the lowest price of the 30 days before it (%(source)s): "
                "set it in %(market)s's row of the campaign's markets."
            ) % {"source": EU_PRIOR_PRICE.source, "market": page.market}))
        if page.legal_page and legal_page_path(page) not in paths:
            problems.append(_problem(page, "legal:own_page", _("The market's legal page %(path)s was not rendered.") % {"path": legal_page_path(page)}))
    return problems


def brand_problems(bundle):
    """The brand and the product images every page carries: a brand with a logo, at least one image, and
    each image described in each page's language (a line of the copy's image descriptions each)."""
    problems = []
    if not bundle.brand:
        problems.append(Problem("no_brand", "", "", _(
            "The campaign has no brand: choose, on the campaign's page, the brand whose name, logo and colours its pages carry."
        )))
    if not bundle.images:
        problems.append(Problem("no_images", "", "", _(
            "The campaign has no product image: add at least one on the campaign's page (Product images), and describe it "
            "in each market's copy."
        )))
    for page in bundle.pages:
        descriptions = image_descriptions(page)
        missing = [str(number) for number in range(1, len(bundle.images) + 1) if number > len(descriptions) or not descriptions[number - 1]]
        if missing:
            problems.append(_problem(page, "image_alt", _(
                "Product image %(images)s has no description in %(locale)s: write one line per image in the copy's image "
                "descriptions, and have it reviewed."
            ) % {"images": ", ".join(missing), "locale": page.locale}))
    return problems


def reciprocity_problems(bundle, readings):
    """Every page's alternates point at pages of the bundle that point back (hreflang is reciprocal)."""
    problems = []
    by_url = {page.url: page for page in bundle.pages}
    hrefs_of = {}  # the pages' links, each distinct list of them (read_page shares it) made a set once
    links = {}
    for page in bundle.pages:
        if page.folder in readings:
            alternates = readings[page.folder].alternates
            if id(alternates) not in hrefs_of:
                hrefs_of[id(alternates)] = frozenset(href for tag, href in alternates if tag != "x-default")
            links[page.url] = hrefs_of[id(alternates)]
    if len(links) == len(by_url) and all(hrefs == by_url.keys() for hrefs in hrefs_of.values()):
        return problems  # every page links to every page of the bundle, so each links back
    for page in bundle.pages:
        for href in sorted(links.get(page.url, ())):
            target = by_url.get(href)
            if target is None:
                problems.append(_problem(page, "hreflang_unknown_page", _("An hreflang alternate points at %(href)s, which is not in the bundle.") % {"href": href}))
            elif page.url not in links.get(target.url, ()):
                problems.append(_problem(page, "hreflang_not_reciprocal", _("%(target)s does not link back to this page.") % {"target": target.locale}))
    return problems


def read_sitemap(sitemap_xml):
    """Each page the sitemap lists, with its alternates: {loc: {hreflang: href}}.

    Reads the sitemap as its template writes it; the alternates every entry shares are read once.
    """
    listed, alternates_of = {}, {}
    for entry in sitemap_xml.split("<url>")[1:]:
        entry = entry.split("</url>", 1)[0]
        loc = entry[entry.find("<loc>") + len("<loc>"):entry.find("</loc>")]
        links = entry[entry.find("<xhtml:link"):] if "<xhtml:link" in entry else ""
        if links not in alternates_of:
            alternates_of[links] = {html.unescape(tag): html.unescape(href) for tag, href in _SITEMAP_LINK.findall(links)}
        listed[html.unescape(loc)] = alternates_of[links]
    return listed


def sitemap_problems(bundle, sitemap_xml, expected_alternates):
    try:
        # Well-formed XML, as search engines require (expat alone: no tree is built).
        expat.ParserCreate(namespace_separator=" ").Parse(sitemap_xml.encode("utf-8"), True)
    except expat.ExpatError as error:
        return [Problem("sitemap", "", "", _("sitemap.xml is not well-formed XML: %(error)s") % {"error": error})]
    listed = read_sitemap(sitemap_xml)
    return [
        _problem(page, "sitemap", _("sitemap.xml does not list this page with all its alternates."))
        for page in bundle.pages
        if listed.get(page.url) != expected_alternates
    ]


def expected_alternates(bundle):
    alternates = {page.locale: page.url for page in bundle.pages}
    if bundle.x_default:
        alternates["x-default"] = bundle.x_default.url
    return alternates


def gate(bundle, rendered, *, glossary, sitemap_xml=None):
    """Every problem that stops this bundle from being written (an empty list: it may be written)."""
    if not bundle.pages:
        return [Problem("nothing_approved", "", "", _("Nothing in this bundle is approved; approve the copy of at least one market first."))]
    problems = label_problems(bundle) + check_errors(bundle, glossary)
    folders = [page.folder for page in bundle.pages]
    for page in bundle.pages:
        if folders.count(page.folder) > 1:
            problems.append(_problem(page, "same_locale", _(
                "Another market's page is also in %(locale)s, and both would be written to %(folder)s/: "
                "give each market its own locale (such as es-MX and es-CO), or export them apart."
            ) % {"locale": page.locale, "folder": page.folder}))
    expected = expected_alternates(bundle)
    pages = {page.folder: page for page in bundle.pages}
    readings, alternates_read = {}, {}
    for part in rendered:
        page = pages.get(part.folder)
        document = part.files.get(f"{part.folder}/index.html")
        if page is None or document is None:
            problems.append(Problem("unexpected_page", part.market, part.locale, _("A rendered page has no collected copy behind it.")))
            continue
        found, readings[part.folder] = page_problems(page, document, expected, alternates_read)
        problems += found
    for folder, page in pages.items():
        if folder not in readings:
            problems.append(_problem(page, "page_missing", _("The page was not rendered.")))
    problems += reciprocity_problems(bundle, readings)
    problems += legal_problems(bundle, {path for part in rendered for path in part.files})
    problems += brand_problems(bundle)
    if sitemap_xml is not None:
        problems += sitemap_problems(bundle, sitemap_xml, expected)
    return problems
