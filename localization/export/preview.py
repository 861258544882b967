"""The landing page of one variant from its current copy, approved or not, for reviewers to look at
before they decide (marked as not approved, kept out of search engines, its stylesheet inlined
so it shows in a sandboxed frame), and the Content-Security-Policy it is served with."""
import base64
import hashlib
from functools import lru_cache

from .. import brands
from .check import RAW_PLACEHOLDER
from .collect import collect_preview
from .render import render_page, stylesheet


def preview_page(variant, *, today=None):
    """The page's HTML as the bundle would carry it; a banner says when the copy is not approved, and a
    placeholder the market has no value for is marked in the page's text (the checks say why)."""
    bundle = collect_preview(variant, today=today)
    page = bundle.pages[0]
    document = render_page(page, bundle, inline_stylesheet=True).files[f"{page.folder}/index.html"]
    head, body_tag, body = document.partition("<body>")
    # Only in the body: a mark in the title, a meta tag or the JSON-LD would be text, not a mark.
    return head + body_tag + RAW_PLACEHOLDER.sub(r'<mark class="missing-value">\g<0></mark>', body)


def preview_policy(variant):
    """The Content-Security-Policy the variant's preview is served with (its campaign's brand colours allowed)."""
    brand = variant.campaign.brand
    return preview_content_security_policy(brands.brand_style(brand.accent, brand.accent_ink) if brand else "")


def _digest(text):
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=64)
def preview_content_security_policy(brand_style=""):
    """What the preview may do when served: show itself, its one inlined stylesheet and the brand's
    colours (``brands.brand_style``; by their hashes) and its inlined images, nothing else: no script,
    no fetch, no form, no plugin, framed only by the admin's own pages, and sandboxed even when opened
    on its own."""
    styles = " ".join(f"'sha256-{_digest(text)}'" for text in (stylesheet(), brand_style) if text)
    return "; ".join([
        "default-src 'none'",
        f"style-src {styles}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
        "sandbox",
    ])
