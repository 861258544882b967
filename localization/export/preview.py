"""The landing page of one variant from its current copy, approved or not, for reviewers to look at
before they decide (marked as not approved, kept out of search engines, its stylesheet inlined
so it shows in a sandboxed frame)."""
from .collect import collect_preview
from .render import render_page


def preview_page(variant, *, today=None):
    """The page's HTML as the bundle would carry it; a banner says when the copy is not approved."""
    bundle = collect_preview(variant, today=today)
    page = bundle.pages[0]
    return render_page(page, bundle, inline_stylesheet=True).files[f"{page.folder}/index.html"]
