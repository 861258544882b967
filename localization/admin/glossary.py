"""The glossary in Django admin: browse and edit terms, exchange them as CSV. Thin: glossary.py does the work."""
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .. import glossary
from ..forms import GlossaryImportForm
from ..models import GlossaryTerm

Kind = GlossaryTerm.Kind

# How long a preview's "Import" button works; after that the file is uploaded again.
PREVIEW_MAX_AGE = 60 * 60


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "locale", "market_code", "kind_name", "suggestion", "short_note"]
    list_select_related = ["market"]
    list_filter = ["kind", "locale", ("market", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["term", "suggestion", "note"]
    autocomplete_fields = ["market"]
    fields = ["locale", "market", "kind", "term", "suggestion", "note"]
    actions = ["export_selected"]

    # The kinds' full labels explain them on the form; the list needs one word.
    kind_names = {Kind.PREFERRED: _("Preferred"), Kind.CAUTION: _("Caution"), Kind.FORBIDDEN: _("Forbidden")}

    @admin.display(description=_("market"), ordering="market__code")
    def market_code(self, obj):
        return obj.market.code if obj.market_id else None

    @admin.display(description=_("kind"), ordering="kind")
    def kind_name(self, obj):
        return self.kind_names.get(obj.kind, obj.kind)

    @admin.display(description=_("why"))
    def short_note(self, obj):
        return Truncator(obj.note).chars(80)

    def save_model(self, request, obj, form, change):
        if form.has_changed() or not change:
            glossary.save_term(term=obj, user=request.user)

    def delete_model(self, request, obj):
        glossary.delete_terms(terms=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        glossary.delete_terms(terms=queryset, user=request.user)

    def may_import(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    # CSV export and import ---------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name=f"{prefix}_export"),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"may_import": self.may_import(request), **(extra_context or {})})

    def _csv_download(self, queryset):
        # With a byte order mark, Excel opens UTF-8 as UTF-8 and not as the ANSI code page,
        # which would garble Arabic, Hindi and CJK; the import reads it either way.
        response = HttpResponse(glossary.export_csv(queryset).encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="glossary-{timezone.localdate():%Y-%m-%d}.csv"'
        return response

    @admin.action(description=_("Export selected terms as CSV"), permissions=["view"])
    def export_selected(self, request, queryset):
        return self._csv_download(queryset)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._csv_download(self.get_queryset(request))

    def import_view(self, request):
        """Upload a CSV and see what it would change, with nothing written; only the confirm imports it."""
        if not self.may_import(request):
            raise PermissionDenied
        if request.method == "POST" and "signed_csv" in request.POST:
            return self._confirm_import(request)
        form = GlossaryImportForm(request.POST, request.FILES) if request.method == "POST" else GlossaryImportForm()
        if form.is_valid():
            return self._preview_import(request, form.cleaned_data["file"].read(), form)
        return self._import_page(request, form)

    def _preview_import(self, request, data, form=None):
        try:
            preview = glossary.import_csv(data, user=request.user, dry_run=True)
        except glossary.GlossaryImportError as error:
            return self._import_page(request, form or GlossaryImportForm(), problems=error.messages)
        # The confirm carries the file itself, signed: the server keeps nothing between the two steps.
        # The dry run read it, so it is UTF-8.
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        signed_csv = signing.dumps(
            {"text": text, "fingerprint": preview.fingerprint}, salt=self._preview_salt(request), compress=True
        )
        return self._import_page(request, None, preview=preview, signed_csv=signed_csv)

    def _confirm_import(self, request):
        try:
            signed = signing.loads(request.POST["signed_csv"], salt=self._preview_salt(request), max_age=PREVIEW_MAX_AGE)
        except signing.SignatureExpired:
            refusal = _("This preview is more than %(minutes)d minutes old, so nothing was imported; upload the file again.") % {
                "minutes": PREVIEW_MAX_AGE // 60
            }
        except signing.BadSignature:
            refusal = _(
                "This preview was altered or belongs to another user, so nothing was imported; upload the file again."
            )
        else:
            try:
                result = glossary.import_csv(
                    signed["text"], user=request.user, expected_fingerprint=signed["fingerprint"]
                )
            except glossary.GlossaryImportError as error:
                if getattr(error, "code", None) == "changed":
                    self.message_user(request, error.message, messages.WARNING)
                # Someone changed the glossary or the markets since: show what the file would do now.
                return self._preview_import(request, signed["text"])
            self._log_import(request, result)
            self.message_user(request, _("Glossary imported: %(result)s.") % {"result": result}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:localization_glossaryterm_changelist"))
        self.message_user(request, refusal, messages.ERROR)
        return HttpResponseRedirect(reverse("admin:localization_glossaryterm_import"))

    def _preview_salt(self, request):
        # Per user: one manager's preview cannot be confirmed by another.
        return f"localization.glossary.import:{request.user.pk}"

    def _import_page(self, request, form, *, preview=None, signed_csv="", problems=()):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Check the glossary import") if preview else _("Import glossary terms from CSV"),
            "opts": self.opts,
            "form": form,
            "problems": problems,
            "preview": preview,
            "signed_csv": signed_csv,
            "header": ",".join(glossary.COLUMNS),
            "kinds": Kind.choices,
        }
        return TemplateResponse(request, "admin/localization/glossaryterm/import.html", context)

    def _log_import(self, request, result):
        """Each term's history says it came from a CSV import, and who imported it."""
        for terms, flag in ((result.created_terms, ADDITION), (result.updated_terms, CHANGE)):
            if terms:
                LogEntry.objects.log_actions(request.user.pk, terms, flag, change_message=str(_("Imported from CSV.")))
