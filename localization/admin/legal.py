"""What the landing pages say of the brand: its legal details per market, region or for every market,
beside what each market's law asks (catalogue/legal.py), and its brand kit (name, logo, colours).
Managers only; the export gate reads them."""
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..catalogue.legal import requirements_for
from ..forms import BrandForm
from ..models import Brand, SellerDetails
from .exports import ManagersOnly


@admin.register(SellerDetails)
class SellerDetailsAdmin(ManagersOnly, admin.ModelAdmin):
    list_display = ["legal_name", "market", "region", "email"]
    list_filter = ["region"]
    search_fields = ["legal_name", "market__code", "email"]
    autocomplete_fields = ["market"]
    readonly_fields = ["what_the_law_asks"]
    fieldsets = [
        (None, {"fields": ["market", "region", "what_the_law_asks"]}),
        (_("The seller"), {"fields": ["legal_name", "represented_by", "address", "email", "phone"]}),
        (_("Registrations"), {"fields": ["register", "vat_id", "company_id", "commercial_registration"]}),
        (_("Terms of sale"), {"fields": ["shipping", "returns"]}),
    ]

    @admin.display(description=_("what the market's law asks"))
    def what_the_law_asks(self, details):
        """For a market's row: each requirement, the law that asks for it and the details it needs."""
        if not details or not details.market_id:
            return _("Choose a market to see what its law asks for; a region's row serves each of its markets without one.")
        field = SellerDetails._meta.get_field
        return format_html(
            '<ul class="glocal-legal-requirements">{}</ul>',
            format_html_join("", "<li><strong>{}</strong> ({}){}</li>", (
                (requirement.name, requirement.source,
                 ": " + ", ".join(str(field(name).verbose_name) for name in requirement.fields) if requirement.fields else "")
                for requirement in requirements_for(details.market.code)
            )),
        )


@admin.register(Brand)
class BrandAdmin(ManagersOnly, admin.ModelAdmin):
    form = BrandForm
    list_display = ["name", "logo_shown", "accent"]
    search_fields = ["name"]

    @admin.display(description=_("logo"))
    def logo_shown(self, brand):
        return format_html('<img src="{}" alt="" style="block-size: 2rem">', brand.logo.url) if brand.logo else "—"
