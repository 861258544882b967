"""export_bundle CAMPAIGN --out FILE.zip [--market BR ...]: the campaign's landing-page bundle.

All or nothing (localization/export/write.py): a bundle stands at --out only once its copy is
published; a run after a crash removes what the crash left beside --out and finishes the export."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import slug_re
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from localization import export
from localization.models import Campaign


class Command(BaseCommand):
    help = (
        "Write a campaign's landing-page bundle (a zip) from its approved copy, and publish the copy it ships. "
        "Copy that is not approved is listed as skipped in the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="The campaign's slug, such as valentines-2027.")
        parser.add_argument("--out", required=True, help="The zip to write, such as valentines-2027.zip.")
        parser.add_argument("--market", action="append", dest="markets", metavar="CODE", help="Only this market (repeat for more), such as BR.")
        parser.add_argument("--base-url", help="Where the bundle will be served, such as https://shop.example/valentines/.")
        parser.add_argument("--user", help="Who publishes the copy, as the history will say (a username).")

    def handle(self, *args, campaign, out, markets, base_url, user, **options):
        try:
            self.export(campaign=campaign, out=out, markets=markets, base_url=base_url, user=user)
        except (OperationalError, InterfaceError) as error:
            # Staged files are gone and nothing stands at --out; what was committed, a rerun finishes.
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise CommandError(_(
                "The database stopped answering (%(error)s), so nothing was written to %(path)s. "
                "Run the command again once the database answers; it finishes the export."
            ) % {"error": reason, "path": out}) from None

    def export(self, *, campaign, out, markets, base_url, user):
        found = Campaign.objects.filter(slug=campaign).first() if slug_re.fullmatch(campaign) else None  # no NUL reaches the query
        if found is None:
            known = ", ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True)[:10]) or _("none yet")
            raise CommandError(_("No campaign '%(slug)s'; give a campaign's slug (known: %(known)s).") % {"slug": campaign, "known": known})
        publisher = None
        if user:
            publisher = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: user}).first() if "\x00" not in user else None
            if publisher is None:
                raise CommandError(_("No user '%(user)s'; give the username of who publishes the copy.") % {"user": user})
        try:
            result = export.build_bundle(campaign=found, out=out, markets=markets, user=publisher, base_url=base_url)
        except export.ExportRefused as refusal:
            raise CommandError(
                _("The bundle was not written:") + "\n" + "\n".join(f"- {problem}" for problem in refusal.problems)
            ) from None
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s. Give a path in an existing folder you may write to.")
                % {"path": out, "error": error.strerror or error}
            ) from None
        bundle = result.bundle
        self.stdout.write(_("Wrote %(path)s: %(count)s pages, sha256 %(sha256)s.") % {
            "path": out, "count": len(bundle.pages), "sha256": result.sha256})
        for page in bundle.pages:
            self.stdout.write(f"  {page.folder}/  {page.market} {page.locale} ({page.direction}), " + _("approved by %(user)s at %(when)s") % {
                "user": page.approved_by or "-", "when": page.approved_at})
        for entry in bundle.skipped:
            self.stdout.write("  " + _("skipped %(what)s") % {"what": export.skipped_sentence(entry)})
        if result.published:
            self.stdout.write(_("Published %(count)s variants.") % {"count": result.published})
