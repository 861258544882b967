"""export_bundle CAMPAIGN --out FILE.zip [--market BR ...]: the campaign's landing-page bundle."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

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
        found = Campaign.objects.filter(slug=campaign).first()
        if found is None:
            known = ", ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True)[:10]) or "none yet"
            raise CommandError(f"No campaign '{campaign}'; give a campaign's slug (known: {known}).")
        publisher = None
        if user:
            publisher = get_user_model().objects.filter(username=user).first()
            if publisher is None:
                raise CommandError(f"No user '{user}'; give the username of who publishes the copy.")
        try:
            result = export.build_bundle(campaign=found, out=out, markets=markets, user=publisher, base_url=base_url)
        except export.ExportRefused as refusal:
            raise CommandError("The bundle was not written:\n" + "\n".join(f"- {problem}" for problem in refusal.problems)) from None
        except OSError as error:
            raise CommandError(
                f"Cannot write {out}: {error.strerror or error}. Give a path in an existing folder you may write to."
            ) from None
        bundle = result.bundle
        self.stdout.write(f"Wrote {out}: {len(bundle.pages)} pages, sha256 {result.sha256}.")
        for page in bundle.pages:
            self.stdout.write(f"  {page.folder}/  {page.market} {page.locale} ({page.direction}), approved by {page.approved_by or '-'} at {page.approved_at}")
        for entry in bundle.skipped:
            self.stdout.write(f"  skipped {export.skipped_sentence(entry)}")
        if result.published:
            self.stdout.write(f"Published {result.published} variants.")
