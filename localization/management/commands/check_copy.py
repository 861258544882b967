"""check_copy [CAMPAIGN]: run the checks on every variant and print the findings; non-zero exit on any error."""
import sys

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import slug_re

from localization import quality
from localization.models import Campaign, CopyVariant


class Command(BaseCommand):
    help = "Run the copy checks and print each finding as: campaign market field code severity message. Exits 1 when any error stands."

    def add_arguments(self, parser):
        parser.add_argument("campaign", nargs="?", help="Slug of one campaign; all campaigns when left out.")

    def handle(self, *args, campaign=None, **options):
        variants = CopyVariant.objects.select_related("campaign", "market").order_by("campaign__slug", "market__code", "locale")
        if campaign:
            if not (slug_re.fullmatch(campaign) and Campaign.objects.filter(slug=campaign).exists()):  # no NUL reaches the query
                known = ", ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True)[:20])
                raise CommandError(f"Unknown campaign '{campaign}'; use a campaign slug such as: {known or 'none yet'}.")
            variants = variants.filter(campaign__slug=campaign)
        glossary = quality.current_glossary()
        total = variants.count()
        errors = warnings = 0
        for done, variant in enumerate(variants.iterator(chunk_size=500), start=1):
            for finding in quality.findings_for(variant, glossary=glossary):
                errors += finding["severity"] == "error"
                warnings += finding["severity"] == "warning"
                self.stdout.write(
                    f"{variant.campaign.slug} {variant.market.code} {finding['field']} {finding['code']} "
                    f"{finding['severity']} {finding['message']}"
                )
            if total > 1000 and done % 1000 == 0:
                self.stderr.write(f"checked {done:,} of {total:,} variants", ending="\r")
        self.stderr.write(f"{total} variants checked: {errors} errors, {warnings} warnings.")
        if errors:
            sys.exit(1)
