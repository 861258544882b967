"""Campaigns: the source copy (the brief), its markets and offers, its history."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import campaigns
from ..forms import CampaignForm
from ..models import COPY_FIELDS, Campaign, CampaignMarket, SourceRevision
from .common import ReadOnlyInline


class CampaignMarketInline(admin.TabularInline):
    model = CampaignMarket
    extra = 0
    autocomplete_fields = ["market", "occasion"]


class SourceRevisionInline(ReadOnlyInline):
    model = SourceRevision
    fields = ["source_version", "kind", "edited_by", "created_at", "copy"]
    readonly_fields = fields
    verbose_name_plural = _("Source history")


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignForm
    list_display = ["name", "slug", "occasion", "source_locale", "source_version", "owner", "created_at"]
    list_select_related = ["occasion", "owner"]
    list_filter = ["occasion", "markets"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["occasion"]
    readonly_fields = ["source_version"]
    inlines = [CampaignMarketInline, SourceRevisionInline]

    def get_fieldsets(self, request, obj=None):
        source = list(COPY_FIELDS) + (["change_kind"] if obj else [])
        return [
            (None, {"fields": ["name", "slug", "occasion", "owner"]}),
            (_("Source copy (the brief)"), {"fields": ["source_locale", "source_version", *source]}),
            (_("Offer and timing"), {"fields": ["discount_percent", "lead_days", "ends_on"]}),
        ]

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        source_changes = {name: form.cleaned_data[name] for name in COPY_FIELDS if name in form.changed_data}
        if change and source_changes:
            kind = form.cleaned_data.get("change_kind") or SourceRevision.Kind.MEANING
            stale = campaigns.change_source(campaign=obj, user=request.user, kind=kind, **source_changes)
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
        missing = campaigns.markets_without_their_occasion(campaign=form.instance)
        if missing:
            self.message_user(
                request,
                _("%(markets)s do not observe %(occasion)s: choose the occasion each celebrates instead in its market row.")
                % {"markets": ", ".join(missing), "occasion": form.instance.occasion or _("the occasion")},
                messages.WARNING,
            )
        created = campaigns.ensure_variants(campaign=form.instance)
        if created:
            self.message_user(
                request,
                ngettext("%(count)d draft variant was created.", "%(count)d draft variants were created.", len(created))
                % {"count": len(created)},
            )
