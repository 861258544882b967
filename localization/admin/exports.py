"""Landing pages in admin: bundle exports (progress, download, run again), the campaign list's Export
action, page labels and regional playbooks. Thin: exports go through localization.export.jobs."""
from types import SimpleNamespace

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .. import access
from ..export import ExportRefused, jobs, skipped_sentence
from ..models import BundleExport, PageLabel, RegionalPlaybook
from .campaigns import CampaignAdmin
from .common import refusal_message

# A page showing a running export reloads itself this often (seconds), so its bar moves.
REFRESH_SECONDS = 3


class ManagersOnly:
    """Campaign managers (and administrators) see and change these; the role groups need no new permissions."""

    def has_module_permission(self, request):
        return access.is_manager(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_manager(request.user)

    def has_add_permission(self, request):
        return access.is_manager(request.user)

    def has_change_permission(self, request, obj=None):
        return access.is_manager(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_manager(request.user)


class BundleExportForm(forms.ModelForm):
    market_codes = forms.CharField(
        label=_("markets"), required=False,
        help_text=_("Market codes separated by spaces, such as BR MX; leave empty for every market of the campaign."),
    )

    class Meta:
        model = BundleExport
        fields = ["campaign", "base_url"]

    def clean(self):
        cleaned = super().clean()
        campaign = cleaned.get("campaign")
        codes = (cleaned.get("market_codes") or "").replace(",", " ").split()
        if campaign is not None:
            try:
                cleaned["markets"] = jobs.market_codes(campaign, codes) or []
            except ExportRefused as refusal:
                self.add_error("market_codes", [problem.message for problem in refusal.problems])
            try:
                cleaned["base_url"] = jobs.public_address(campaign, cleaned.get("base_url"))
            except ExportRefused as refusal:
                self.add_error("base_url", [problem.message for problem in refusal.problems])
        return cleaned


@admin.register(BundleExport)
class BundleExportAdmin(ManagersOnly, admin.ModelAdmin):
    form = BundleExportForm
    list_display = ["campaign", "markets_shown", "state_badge", "progress_bar", "download", "requested_by", "requested_at"]
    list_filter = ["state", "campaign"]
    list_select_related = ["campaign", "requested_by"]
    actions = ["run_again"]
    readonly_fields = [
        "campaign", "markets_shown", "base_url", "state_badge", "progress_bar", "shipped_shown", "skipped_shown", "download",
        "sha256", "error_text",
        "requested_by", "requested_at", "sent_at", "resent", "started_at", "finished_at", "updated_at",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["campaign", "market_codes", "base_url"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # an export is what it was asked to be; run it again instead

    def has_run_again_permission(self, request):
        return access.is_manager(request.user)

    def save_model(self, request, obj, form, change):
        # The service creates the row (and queues it); the admin only shows where it went.
        export = jobs.request_export(
            campaign=form.cleaned_data["campaign"], user=request.user, markets=form.cleaned_data.get("markets"),
            base_url=form.cleaned_data.get("base_url") or "",
        )
        obj.pk = export.pk
        obj.__dict__.update({name: getattr(export, name) for name in ("state", "requested_at", "requested_by_id", "markets")})

    def log_addition(self, request, obj, message):
        return None  # the export is its own record of who asked for it and when

    def _refreshing(self, response, running):
        # A running export's page reloads itself, so its bar moves without anyone pressing a key.
        if running and hasattr(response, "headers"):
            response.headers["Refresh"] = str(REFRESH_SECONDS)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        running = BundleExport.objects.filter(pk=object_id, state__in=[BundleExport.Status.QUEUED, BundleExport.Status.RUNNING]).exists()
        return self._refreshing(response, running)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        running = BundleExport.objects.filter(state__in=[BundleExport.Status.QUEUED, BundleExport.Status.RUNNING]).exists()
        return self._refreshing(response, running)

    def get_urls(self):
        download = path("<int:export_id>/download/", self.admin_site.admin_view(self.download_view), name="localization_bundleexport_download")
        return [download, *super().get_urls()]

    def download_view(self, request, export_id):
        if not access.is_manager(request.user):
            raise PermissionDenied
        export = get_object_or_404(BundleExport, pk=export_id, state=BundleExport.Status.DONE)
        try:
            stream = export.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404(_("The bundle's file is gone; run the export again.")) from None
        return FileResponse(stream, as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1], content_type="application/zip")

    @admin.display(description=_("markets asked for"))
    def markets_shown(self, export):
        return " ".join(export.markets) or _("every market of the campaign")

    @admin.display(description=_("shipped"))
    def shipped_shown(self, export):
        if export.state != BundleExport.Status.DONE:
            return "—"
        return ", ".join(f"{entry['market']} ({entry['locale']})" for entry in export.shipped) or "—"

    @admin.display(description=_("left out"))
    def skipped_shown(self, export):
        """Each market locale left out and why, in the reader's language."""
        if not export.skipped:
            return "—"
        return format_html(
            '<ul class="glocal-export-skipped">{}</ul>',
            format_html_join("", "<li>{}</li>", ((skipped_sentence(SimpleNamespace(**entry)),) for entry in export.skipped)),
        )

    @admin.display(description=_("state"), ordering="state")
    def state_badge(self, export):
        label = export.get_state_display()
        if export.state == BundleExport.Status.DONE and export.skipped:
            label = ngettext("Done, %(count)d market locale skipped", "Done, %(count)d market locales skipped", len(export.skipped)) % {
                "count": len(export.skipped)
            }
        badge = format_html('<span class="glocal-export glocal-export-{}">{}</span>', export.state, label)
        note = jobs.delivery_note(export)
        if note:
            badge = format_html('{} <span class="glocal-export-delivery">{}</span>', badge, note)
        if jobs.stalled(export):
            note = _("No progress since %(when)s: its worker stopped (killed, or the queue lost it). Select it and choose Run again.") % {
                "when": date_format(timezone.localtime(export.updated_at), "DATETIME_FORMAT")
            }
            return format_html('{} <span class="glocal-export-stalled">{}</span>', badge, note)
        return badge

    @admin.display(description=_("progress"))
    def progress_bar(self, export):
        return format_html('<progress value="{}" max="100">{} %</progress> {} %', export.progress, export.progress, export.progress)

    @admin.display(description=_("bundle"))
    def download(self, export):
        if export.state != BundleExport.Status.DONE or not export.file:
            return "—"
        url = reverse("admin:localization_bundleexport_download", args=[export.pk])
        return format_html('<a href="{}" download>{}</a> <code title="SHA-256">{}…</code>', url, _("Download"), export.sha256[:12])

    @admin.display(description=_("why it failed"))
    def error_text(self, export):
        return format_html('<pre class="glocal-export-error">{}</pre>', export.error) if export.error else "—"

    @admin.action(description=_("Run again"), permissions=["run_again"])
    def run_again(self, request, queryset):
        again = sum(jobs.retry(export=export, user=request.user) for export in queryset)
        self.message_user(
            request,
            ngettext("%(count)d export runs again.", "%(count)d exports run again.", again) % {"count": again}
            if again else _("Finished exports stay as they are; nothing to run again."),
            messages.SUCCESS if again else messages.WARNING,
        )


@admin.action(description=_("Export landing pages"), permissions=["change"])
def export_landing_pages(modeladmin, request, queryset):
    """The campaign list's action: one BundleExport per chosen campaign, run by the workers."""
    created = []
    for campaign in queryset:
        try:
            created.append(jobs.request_export(campaign=campaign, user=request.user))
        except (ExportRefused, PermissionDenied) as error:
            modeladmin.message_user(request, f"{campaign}: {refusal_message(error)}", messages.ERROR)
    if created:
        url = reverse("admin:localization_bundleexport_changelist")
        modeladmin.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                ngettext("%(count)d export is queued.", "%(count)d exports are queued.", len(created)) % {"count": len(created)},
                url,
                _("Follow its progress"),
            ),
            messages.SUCCESS,
        )


# The campaign list offers the export beside its own actions (the Campaign admin lives in campaigns.py).
CampaignAdmin.actions = [*(CampaignAdmin.actions or ()), export_landing_pages]


@admin.register(PageLabel)
class PageLabelAdmin(ManagersOnly, TranslationAdmin):
    list_display = ["key", "text", "note"]
    search_fields = ["key", "text", "note"]

    def has_delete_permission(self, request, obj=None):
        return False  # the templates name every label; a missing one would stop every export


@admin.register(RegionalPlaybook)
class RegionalPlaybookAdmin(ManagersOnly, admin.ModelAdmin):
    list_display = ["region", "blocks", "emphasized"]
