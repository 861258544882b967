"""Campaigns: the source copy (the brief), its markets and offers, its history."""
from babel.lists import format_list
from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext, to_locale
from django.utils.translation import gettext_lazy as _

from .. import campaigns
from ..forms import CampaignForm
from ..models import COPY_FIELDS, Campaign, CampaignMarket, SourceRevision
from .common import ReadOnlyInline, copy_field_label


class CampaignMarketInline(admin.TabularInline):
    model = CampaignMarket
    extra = 0
    autocomplete_fields = ["market", "occasion"]


class SourceRevisionInline(ReadOnlyInline):
    model = SourceRevision
    fields = ["source_version", "kind", "edited_by", "created_at", "copy_text"]
    readonly_fields = fields
    verbose_name_plural = _("Source history")

    @admin.display(description=_("source copy"))
    def copy_text(self, revision):
        """Each field's label and its text, as a reader reads the brief; empty fields are left out."""
        written = [(capfirst(copy_field_label(name)), text) for name, text in (revision.copy or {}).items() if text]
        if not written:
            return "—"
        rows = format_html_join("", "<dt>{}</dt><dd>{}</dd>", written)
        return format_html('<dl class="glocal-copy-text">{}</dl>', rows)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignForm
    list_display = ["name", "slug", "occasion", "source_locale", "source_version", "owner", "created_at"]
    list_select_related = ["occasion", "owner"]
    list_filter = ["occasion", "markets"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["occasion"]
    readonly_fields = ["source_version", "offer_dates"]
    inlines = [CampaignMarketInline, SourceRevisionInline]

    class Media:
        js = ["glocal/campaign_source.js"]  # asks what kind of change only once a source field is edited

    def get_fieldsets(self, request, obj=None):
        source = list(COPY_FIELDS) + (["change_kind"] if obj else [])
        return [
            (None, {"fields": ["name", "slug", "occasion", "owner"]}),
            (_("Source copy (the brief)"), {"fields": ["source_locale", "source_version", *source]}),
            (_("Offer and timing"), {"fields": ["discount_percent", "lead_days", "ends_on", *(["offer_dates"] if obj else [])]}),
        ]

    @admin.display(description=_("offer and dates"))
    def offer_dates(self, campaign):
        """Whether the offer still runs when each market's customers order for its occasion."""
        problems = campaigns.offer_date_problems(campaign=campaign)
        if not problems:
            return _("The offer runs until every market's last order date.")
        return format_html(
            '<ul class="glocal-offer-problems">{}</ul>',
            format_html_join("", '<li class="glocal-finding-error"><strong>{}</strong>: {}</li>', ((market, finding["message"]) for market, finding in problems)),
        )

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        source_changes = {name: form.cleaned_data[name] for name in COPY_FIELDS if name in form.changed_data}
        if change and source_changes:
            # The form requires the kind whenever a source field changed.
            stale = campaigns.change_source(
                campaign=obj, user=request.user, kind=form.cleaned_data["change_kind"], **source_changes
            )
            obj.source_version = Campaign.objects.values_list("source_version", flat=True).get(pk=obj.pk)
            if stale:
                self.message_user(
                    request,
                    ngettext(
                        "The source changed in meaning: %(count)d approved variant is stale and must be reviewed again.",
                        "The source changed in meaning: %(count)d approved variants are stale and must be reviewed again.",
                        len(stale),
                    )
                    % {"count": len(stale)},
                    messages.WARNING,
                )
        super().save_model(request, obj, form, change)
        if not change:
            campaigns.record_source(campaign=obj, user=request.user, kind=SourceRevision.Kind.MEANING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        markets_changed = any(formset.model is CampaignMarket and formset.has_changed() for formset in formsets)
        if markets_changed or "occasion" in form.changed_data:
            self._warn_about_occasions(request, form.instance)
        if "ends_on" in form.changed_data or markets_changed:
            for market, finding in campaigns.offer_date_problems(campaign=form.instance):
                self.message_user(request, f"{market}: {finding['message']}", messages.WARNING)
        created = campaigns.ensure_variants(campaign=form.instance)
        if created:
            self.message_user(
                request,
                ngettext("%(count)d draft variant was created.", "%(count)d draft variants were created.", len(created))
                % {"count": len(created)},
            )

    def _warn_about_occasions(self, request, campaign):
        """Once per change of the markets or occasions: which markets do not keep the occasion named for them."""
        missing = set(campaigns.markets_without_their_occasion(campaign=campaign))
        if not missing:
            return
        by_occasion = {}
        for offer in campaign.campaign_markets.select_related("market", "occasion"):
            if offer.market.code in missing:
                occasion = offer.occasion or campaign.occasion
                by_occasion.setdefault(occasion, []).append(offer.market.name)
        for occasion, names in by_occasion.items():
            self.message_user(
                request,
                ngettext(
                    "%(markets)s does not observe %(occasion)s: choose the occasion it celebrates instead in its market row.",
                    "%(markets)s do not observe %(occasion)s: choose the occasion each celebrates instead in its market row.",
                    len(names),
                )
                % {"markets": format_list(names, locale=to_locale(get_language() or "en")), "occasion": occasion.name},
                messages.WARNING,
            )
