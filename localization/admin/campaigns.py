"""Campaigns: the source copy (the brief), its markets and offers, its timing, its history, and what is due in each market."""
from babel.lists import format_list
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext, to_locale
from django.utils.translation import gettext_lazy as _

from calendars.models import Market

from .. import access, board, campaigns, scheduling
from ..forms import CampaignForm
from ..models import COPY_FIELDS, Campaign, CampaignImage, CampaignMarket, Milestone, SourceRevision
from .common import ReadOnlyInline, copy_field_label


def _default_days():
    try:
        return scheduling.default_milestone_days()
    except ImproperlyConfigured:  # said where it is used; the page still shows
        return {}


class MilestoneDaysWidget(forms.MultiWidget):
    """The milestones after kickoff, one row each in the order they fall: a number of days before the
    occasion, empty for the default (shown beside it)."""

    def __init__(self, attrs=None):
        number = {"class": "vIntegerField", "step": 1, "inputmode": "numeric"}
        super().__init__({name: forms.NumberInput(attrs=number) for name in scheduling.COUNTED_MILESTONES}, attrs)

    def decompress(self, value):
        value = value if isinstance(value, dict) else {}
        return [value.get(name) for name in scheduling.COUNTED_MILESTONES]

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, list) else self.decompress(value)
        base_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        defaults = _default_days()
        rows = [
            format_html(
                '<tr><th scope="row">{}</th><td></td><td class="help">{}</td></tr>',
                Milestone.KICKOFF.label, _("The launch day: the lead days before the occasion."),
            )
        ]
        for (suffix, widget), milestone, day in zip(zip(self.widgets_names, self.widgets), scheduling.COUNTED_MILESTONES, values):
            widget_id = f"{base_id}{suffix}"
            default = defaults.get(milestone)
            hint = (
                _("days before the occasion; empty: %(days)s, the default") % {"days": default}
                if default is not None else _("days before the occasion")
            )
            rows.append(format_html(
                '<tr><th scope="row"><label for="{}">{}</label></th><td>{}</td><td class="help">{}</td></tr>',
                widget_id, Milestone(milestone).label,
                widget.render(f"{name}{suffix}", day, {"id": widget_id, "placeholder": default if default is not None else ""}, renderer),
                hint,
            ))
        return format_html('<table class="glocal-milestone-days"><tbody>{}</tbody></table>', format_html_join("", "{}", ((row,) for row in rows)))


class MilestoneDaysField(forms.MultiValueField):
    """The campaign's milestone overrides ({"copy_due": 25}) from one number per milestone; whether they
    make sense (in order, none after go-live) is the scheduler's to say, on the campaign's clean()."""

    widget = MilestoneDaysWidget

    def __init__(self, **kwargs):
        fields = [forms.IntegerField(required=False) for _milestone in scheduling.COUNTED_MILESTONES]
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        return {name: days for name, days in zip(scheduling.COUNTED_MILESTONES, data_list or []) if days is not None}


class CampaignAdminForm(CampaignForm):
    milestone_days = MilestoneDaysField(
        label=_("Milestones"),
        help_text=_("Days before the occasion in each market; leave a milestone empty to keep the default."),
    )


class CampaignMarketInline(admin.TabularInline):
    model = CampaignMarket
    extra = 0
    autocomplete_fields = ["market", "occasion"]
    readonly_fields = ["opened"]

    def get_queryset(self, request):
        return access.visible_offers(request.user, super().get_queryset(request))

    @admin.display(description=_("opened on"))
    def opened(self, offer):
        """The day the scheduler opened the market's work, and whether that was after its launch day."""
        if not offer or not offer.opened_on:
            return "—"
        day = formats.date_format(offer.opened_on)
        return _("%(day)s (late)") % {"day": day} if offer.opened_late else day


class CampaignImageInline(admin.TabularInline):
    """The product images the pages show; each market's copy describes them (image descriptions, a line each)."""

    model = CampaignImage
    extra = 0
    fields = ["image", "position", "width", "height"]
    readonly_fields = ["width", "height"]


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
    form = CampaignAdminForm
    list_display = ["name", "slug", "occasion", "source_locale", "source_version", "owner", "created_at"]
    list_select_related = ["occasion", "owner"]
    list_filter = ["occasion", "markets"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["occasion"]
    readonly_fields = ["source_version", "offer_dates", "year", "previous_campaign_link", "next_campaign_link", "milestone_schedule"]
    inlines = [CampaignMarketInline, CampaignImageInline, SourceRevisionInline]

    class Media:
        js = ["glocal/campaign_source.js"]  # asks what kind of change only once a source field is edited

    def get_fieldsets(self, request, obj=None):
        source = list(COPY_FIELDS) + (["change_kind"] if obj else [])
        # Who may not change the campaign reads its milestones as days, not as the form's inputs.
        milestones = "milestone_days" if self.has_change_permission(request, obj) else "milestone_schedule"
        years = ["year", "previous_campaign_link", "next_campaign_link"] if obj else []
        return [
            (None, {"fields": ["name", "slug", "occasion", "owner", "brand"]}),
            (_("Source copy (the brief)"), {"fields": ["source_locale", "source_version", *source]}),
            (_("Offer and timing"), {"fields": ["discount_percent", "lead_days", "ends_on", *(["offer_dates"] if obj else [])]}),
            (_("Milestones and years"), {"fields": [milestones, "repeats_yearly", *years]}),
        ]

    def get_queryset(self, request):
        """Copywriters and reviewers see the campaigns that run in one of their markets; managers, all."""
        return access.visible_campaigns(request.user, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        campaign = super().get_object(request, object_id, from_field)
        if campaign is not None:
            campaign.viewer = request.user  # what its page says of its markets is the viewer's markets only
        return campaign

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The campaign's page shows each market's copy, checks, launch day and milestones (localization.board)."""
        campaign = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if campaign is not None:
            extra_context["campaign_matrix"] = board.campaign_matrix([campaign], user=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("previous year's campaign"))
    def previous_campaign_link(self, campaign):
        return self._link(campaign.previous_campaign)

    @admin.display(description=_("next year's campaign"))
    def next_campaign_link(self, campaign):
        try:
            return self._link(campaign.next_campaign)
        except Campaign.DoesNotExist:
            return self._link(None)

    def _link(self, campaign):
        if campaign is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:localization_campaign_change", args=[campaign.pk]), campaign.name)

    @admin.display(description=_("milestones"))
    def milestone_schedule(self, campaign):
        """Each milestone's days before the occasion, the campaign's own or the default."""
        try:
            days = scheduling.milestone_days_of(campaign)
        except (scheduling.SchedulingError, ImproperlyConfigured) as error:
            return format_html('<span class="glocal-overdue">{}</span>', " ".join(getattr(error, "messages", [str(error)])))
        own = campaign.milestone_days or {}
        return format_html_join(
            ", ", "{}: {}", (
                (Milestone(name).label,
                 (ngettext("%(days)d day before", "%(days)d days before", days[name]) % {"days": days[name]})
                 + ("" if name in own else " " + str(_("(default)"))))
                for name in scheduling.COUNTED_MILESTONES
            ),
        )

    @admin.display(description=_("offer and dates"))
    def offer_dates(self, campaign):
        """Whether the offer still runs when each market's customers order for its occasion, and, once, the
        markets that do not keep the campaign's occasion (their copy leaves its dates out)."""
        viewer = getattr(campaign, "viewer", None)
        mine = access.own_market_ids(viewer) if viewer is not None else None
        shown = set(Market.objects.filter(pk__in=mine).values_list("code", flat=True)) if mine is not None else None
        problems = [(code, finding) for code, finding in campaigns.offer_date_problems(campaign=campaign) if shown is None or code in shown]
        not_kept = [name for name in campaigns.markets_without_their_occasion(campaign=campaign) if shown is None or name in shown]
        note = format_html(
            '<p class="glocal-occasion-not-kept">{}</p>',
            ngettext(
                "%(markets)s does not keep the occasion: its page shows no date of it, and its copy is approved without one.",
                "%(markets)s do not keep the occasion: their pages show no date of it, and their copy is approved without one.",
                len(not_kept),
            ) % {"markets": format_list(not_kept, locale=to_locale(get_language() or "en"))},
        ) if not_kept else ""
        if not problems:
            return format_html("{}{}", note, _("The offer runs until every market's last order date."))
        return format_html(
            '{}<ul class="glocal-offer-problems">{}</ul>',
            note,
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
