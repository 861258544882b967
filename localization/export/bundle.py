"""The export service: collect -> render -> check -> write, and the shipped copy published."""
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from calendars.models import Market

from .. import quality, review
from ..models import CopyVariant, State
from .check import Problem, gate
from .collect import Bundle, collect, default_base_url
from .render import render_pages
from .write import bundle_files, write_atomically, zip_timestamp


class ExportRefused(Exception):
    """The bundle cannot be written as it stands; ``problems`` says what to fix."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass
class ExportResult:
    bundle: Bundle
    sha256: str
    path: Path
    published: int  # variants that went from approved to published with this bundle


def market_codes(campaign, markets):
    """The market codes asked for, checked against the campaign (None: all of its markets)."""
    if not markets:
        return None
    codes = sorted({code.strip().upper() for code in markets if code.strip()})
    running = sorted(campaign.campaign_markets.values_list("market__code", flat=True))
    known = set(Market.objects.filter(code__in=codes).values_list("code", flat=True))
    problems = []
    for code in codes:
        if code not in known:
            problems.append(Problem("unknown_market", code, "", _(
                "%(code)s is not a known market; use an ISO 3166 code such as BR. The campaign runs in %(markets)s."
            ) % {"code": code, "markets": ", ".join(running) or "—"}))
        elif code not in running:
            problems.append(Problem("market_not_in_campaign", code, "", _(
                "The campaign does not run in %(code)s; it runs in %(markets)s."
            ) % {"code": code, "markets": ", ".join(running) or "—"}))
    if problems:
        raise ExportRefused(problems)
    return codes


def skipped_sentence(entry):
    """'BR (pt-BR): in review' for people reading a refusal or the command's output."""
    reasons = {
        "draft": _("a draft"),
        "in_review": _("in review"),
        "changes_requested": _("sent back for changes"),
        "stale": _("stale: its source or the glossary changed since it was approved"),
        "no_approval": _("without an approval on record"),
        "changed_since_approval": _("changed since it was approved"),
        "no_copy": _("without copy"),
    }
    return f"{entry.market} ({entry.locale}): {reasons.get(entry.reason, entry.reason)}"


def public_address(campaign, base_url=None):
    """Where the bundle will be served (https://...): the one given, else the campaign's address under
    settings.LANDING_BASE_URL; an ExportRefused saying how to give it when there is neither."""
    address = (base_url or "").strip() or default_base_url(campaign)
    if not address:
        raise ExportRefused([Problem("no_base_url", "", "", _(
            "Say where the pages will be served, such as https://landing.brand.com/%(slug)s/: give the export's "
            "address (Served at; export_bundle --base-url), or set LANDING_BASE_URL for every campaign."
        ) % {"slug": campaign.slug})])
    if not address.startswith(("https://", "http://")):
        raise ExportRefused([Problem("no_base_url", "", "", _(
            "'%(address)s' is not a web address; give one starting with https://, such as https://landing.brand.com/%(slug)s/."
        ) % {"address": address, "slug": campaign.slug})])
    return address


def refuse_if_empty(bundle):
    if not bundle.pages:
        left_out = "; ".join(skipped_sentence(entry) for entry in bundle.skipped) or _("no market")
        raise ExportRefused([Problem("nothing_approved", "", "", _(
            "Nothing of campaign %(campaign)s is approved, so there is nothing to export: %(skipped)s. "
            "Approve the copy of at least one market first."
        ) % {"campaign": bundle.campaign, "skipped": left_out})])


def publish_pages(bundle, sha256, user):
    """The approved copy the bundle ships becomes published, its history naming the bundle; copy that
    changed since it was collected stops the export. Runs inside the caller's transaction."""
    changed = []
    already = {page.variant_id: page for page in bundle.pages if page.approved and page.state == State.PUBLISHED}
    if already:
        unchanged = set(
            CopyVariant.objects.filter(
                pk__in=list(already), state=State.PUBLISHED
            ).values_list("pk", "version")
        )
        changed += [page for page in already.values() if (page.variant_id, page.version) not in unchanged]
    approved = {page.variant_id: page for page in bundle.pages if page.state == State.APPROVED}
    published = []
    try:
        published = review.publish_many(versions={pk: page.version for pk, page in approved.items()}, user=user, bundle_sha256=sha256)
    except review.PublishRefused as refused:
        changed += [approved[pk] for pk in refused.variant_ids]
    if changed:
        raise ExportRefused([
            Problem("changed_during_export", page.market, page.locale, _(
                "The copy changed while the bundle was being made; export again."
            )) for page in sorted(changed, key=lambda page: (page.market, page.folder))
        ])
    return len(published)


def checked_files(bundle, rendered):
    """Every file of the bundle by its path, once the gate lets it through; ExportRefused with every
    problem found otherwise."""
    refuse_if_empty(bundle)
    files = bundle_files(bundle, rendered)
    problems = gate(bundle, rendered, glossary=quality.current_glossary(), sitemap_xml=files["sitemap.xml"].decode("utf-8"))
    if problems:
        raise ExportRefused(problems)
    return files


def write_bundle(bundle, rendered, *, out, user=None):
    """Check the rendered bundle and, when the gate lets it through, write it to ``out`` and publish
    the shipped copy, all or nothing: the zip is staged, the publishing transaction commits, then
    the zip moves into place (write.py says why in that order). Raises ExportRefused with every
    problem found. Call it outside a transaction, so the commit comes before the move."""
    files = checked_files(bundle, rendered)
    counts = {}

    def publish(sha256):
        # Publishing writes in one transaction; a bundle whose copy is all published already only reads
        # that none of it changed (one query, which needs no transaction of its own).
        publishing = any(page.state == State.APPROVED for page in bundle.pages)
        with transaction.atomic() if publishing else nullcontext():
            counts["published"] = publish_pages(bundle, sha256, user)

    sha256 = write_atomically(files, out, timestamp=zip_timestamp(bundle.generated_at), before_move=publish)
    return ExportResult(bundle=bundle, sha256=sha256, path=Path(out), published=counts.get("published", 0))


def build_bundle(*, campaign, out, markets=None, user=None, today=None, base_url=None):
    """A campaign's landing-page bundle, written to ``out`` (a zip), in one process.

    ``markets``: market codes to export (default: every market of the campaign). Only approved or
    published copy ships; the rest is listed in the manifest as skipped. Raises ExportRefused with
    what to fix when the markets are wrong, nothing is approved or the gate finds problems;
    raises OSError when ``out`` cannot be written, and the database's error when it stops answering.
    No file is left behind on failure; a rerun after a crash finishes the export (write.py).
    """
    codes = market_codes(campaign, markets)
    bundle = collect(campaign, markets=codes, today=today, base_url=public_address(campaign, base_url))
    refuse_if_empty(bundle)
    return write_bundle(bundle, render_pages(bundle), out=out, user=user)

