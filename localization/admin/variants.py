"""Copy variants: the market's copy beside the source, the checks, the preview and the review."""
from django.contrib import admin, messages
from django.contrib.admin.filters import RelatedOnlyFieldListFilter, SimpleListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import access, campaigns, quality, rendering, review
from ..forms import CopyVariantForm
from ..models import COPY_FIELDS, Campaign, CopyVariant, Review, State
from .common import ReadOnlyInline, refusal_message


class CampaignListFilter(SimpleListFilter):
    """The most recent campaigns, not thousands of them: search finds the rest."""

    title = _("campaign")
    parameter_name = "campaign"
    shown = 25

    def lookups(self, request, model_admin):
        recent = list(Campaign.objects.order_by("-created_at", "-id").values_list("pk", "name")[: self.shown])
        selected = self.value()
        if selected and selected.isdigit() and all(str(pk) != selected for pk, _name in recent):
            recent += list(Campaign.objects.filter(pk=selected).values_list("pk", "name"))
        return [(str(pk), name) for pk, name in recent]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(campaign_id=self.value()) if self.value().isdigit() else queryset.none()
        return queryset


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = ["created_at", "action", "actor", "from_state", "to_state", "variant_version", "source_version", "note"]
    readonly_fields = fields
    verbose_name_plural = _("History: every edit and decision")
    classes = ["glocal-history"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(CopyVariant)
class CopyVariantAdmin(admin.ModelAdmin):
    form = CopyVariantForm
    change_form_template = "admin/localization/copyvariant/change_form.html"
    list_display = [
        "campaign", "market_code", "locale", "state_badge", "checks", "copywriter", "reviewer", "updated_at",
    ]
    list_display_links = ["campaign", "market_code"]
    list_select_related = ["campaign", "market", "copywriter", "reviewer"]
    # Only the markets and copywriters of the variants this user may see.
    list_filter = [CampaignListFilter, ("market", RelatedOnlyFieldListFilter), "state", ("copywriter", RelatedOnlyFieldListFilter)]
    search_fields = ["campaign__name", "campaign__slug", "headline"]
    list_per_page = 50
    show_full_result_count = False  # one COUNT, not two, on large tables
    inlines = [ReviewInline]
    actions = ["approve_selected", "request_changes_selected", "submit_selected"]

    # Who sees and edits what -----------------------------------------------------------------

    def get_queryset(self, request):
        return access.visible_variants(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        editable = obj.state in review.TRANSITIONS[review.Action.EDIT]
        return access.is_manager(request.user) or (editable and access.may_write(request.user, obj.market_id))

    def get_readonly_fields(self, request, obj=None):
        readonly = ["state", "version", "last_edited_by", "reviewer", "source_version", *self.source_fields]
        if obj is not None:
            readonly += ["campaign", "market", "locale"]
            if not (access.may_write(request.user, obj.market_id) and obj.state in review.TRANSITIONS[review.Action.EDIT]):
                readonly += list(COPY_FIELDS)
        if not access.is_manager(request.user):
            readonly.append("copywriter")  # managers assign people; a copywriter adding copy is its writer
        return readonly

    source_fields = [f"source_{name}" for name in COPY_FIELDS]

    def get_fieldsets(self, request, obj=None):
        side_by_side = [(f"source_{name}", name) for name in COPY_FIELDS]
        return [
            (None, {"fields": [("campaign", "market", "locale"), ("state", "version", "source_version"), ("copywriter", "last_edited_by", "reviewer"), "expected_version"]}),
            (_("Source copy and this market's copy, side by side"), {"fields": side_by_side, "classes": ["glocal-side-by-side"]}),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in COPY_FIELDS and field is not None:
            field.widget.attrs["dir"] = "auto"  # Arabic copy is typed right to left
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "market" and not access.is_manager(request.user):
            from calendars.models import Market

            kwargs["queryset"] = Market.objects.filter(pk__in=access.assigned_market_ids(request.user, "copywriter"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Display -------------------------------------------------------------------------------------

    @admin.display(description=_("market"), ordering="market__code")
    def market_code(self, obj):
        return obj.market.code

    @admin.display(description=_("checks"))
    def checks(self, obj):
        found = obj.findings or []
        if not found:
            return format_html('<span class="glocal-checks-clean">{}</span>', "✓")
        kind = "error" if quality.errors(found) else "warning"
        return format_html('<span class="glocal-checks-{}">{}</span>', kind, quality.summary(found))

    @admin.display(description=_("state"), ordering="state")
    def state_badge(self, obj):
        return format_html('<span class="glocal-state glocal-state-{}">{}</span>', obj.state, obj.get_state_display())

    def _source(name):
        # Lazy, so the label follows the language of each request.
        @admin.display(description=format_lazy(_("source: {field}"), field=CopyVariant._meta.get_field(name).verbose_name))
        def source(self, obj):
            return getattr(obj.campaign, name) if obj and obj.campaign_id else "—"

        return source

    for _name in COPY_FIELDS:
        locals()[f"source_{_name}"] = _source(_name)
    del _name, _source

    # Saving goes through the services -------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            review.create_variant(variant=obj, user=request.user)
            return
        copy = {name: form.cleaned_data[name] for name in COPY_FIELDS if name in form.changed_data}
        if "copywriter" in form.changed_data:
            review.assign_copywriter(variant=obj, user=request.user, copywriter=obj.copywriter)
        if copy:
            review.save_copy(variant=obj, user=request.user, expected_version=form.cleaned_data["expected_version"], **copy)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            self._decide(request, obj, review.submit)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # The review panel: Approve, Request changes, Submit ----------------------------------------

    def get_urls(self):
        urls = [
            path("<path:object_id>/approve/", self.admin_site.admin_view(self.approve_view), name="localization_copyvariant_approve"),
            path(
                "<path:object_id>/request-changes/",
                self.admin_site.admin_view(self.request_changes_view),
                name="localization_copyvariant_request_changes",
            ),
        ]
        return urls + super().get_urls()

    def _decide(self, request, variant, service, **kwargs):
        try:
            service(variant=variant, user=request.user, **kwargs)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, refusal_message(error), messages.ERROR)
            return False
        self.message_user(
            request,
            _("%(variant)s is now %(state)s.") % {"variant": variant, "state": variant.get_state_display().lower()},
            messages.SUCCESS,
        )
        return True

    def _decision_view(self, request, object_id, service, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not str(object_id).isdigit():
            raise Http404
        variant = get_object_or_404(self.get_queryset(request).select_related("campaign", "market"), pk=object_id)
        seen = request.POST.get("seen_version")
        self._decide(
            request,
            variant,
            service,
            note=request.POST.get("review_note", ""),
            expected_version=int(seen) if seen and seen.isdigit() else None,
            **kwargs,
        )
        return HttpResponseRedirect(reverse("admin:localization_copyvariant_change", args=[variant.pk]))

    def approve_view(self, request, object_id):
        return self._decision_view(request, object_id, review.approve, acknowledged=request.POST.getlist("acknowledge"))

    def request_changes_view(self, request, object_id):
        return self._decision_view(request, object_id, review.request_changes)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        variant = self.get_object(request, object_id)
        if variant is None and str(object_id).isdigit():
            elsewhere = CopyVariant.objects.select_related("market").filter(pk=object_id).first()
            if elsewhere is not None:
                self.message_user(
                    request,
                    _("%(variant)s belongs to %(market)s, which you neither write nor review; ask a campaign manager to assign you.")
                    % {"variant": elsewhere, "market": elsewhere.market.code},
                    messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:localization_copyvariant_changelist"))
        extra_context = extra_context or {}
        if variant is not None:
            user = request.user
            approvers = access.eligible_approvers(variant)
            extra_context.update(
                variant=variant,
                approvers=approvers,
                may_decide=variant.state == State.IN_REVIEW
                and (access.may_review(user, variant.market_id) or any(a.pk == user.pk for a in approvers)),
                is_author=user.pk in access.authors(variant),
                may_submit=variant.state in review.TRANSITIONS[review.Action.SUBMIT] and access.may_write(user, variant.market_id),
                source_changed=variant.source_version != variant.campaign.source_version,
                old_source=campaigns.source_at(campaign=variant.campaign, source_version=variant.source_version)
                if variant.source_version != variant.campaign.source_version
                else None,
                findings=quality.findings_for(variant),
                preview=rendering.rendered_copy(variant),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # Bulk actions: each item goes through the same service; refusals are said per item -----------

    def _bulk(self, request, queryset, service, **kwargs):
        done, refused = 0, []
        for variant in queryset.select_related("campaign", "market"):
            try:
                with transaction.atomic():
                    service(variant=variant, user=request.user, **kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{variant}: {refusal_message(error)}")
        if done:
            self.message_user(
                request, ngettext("%(count)d variant done.", "%(count)d variants done.", done) % {"count": done}, messages.SUCCESS
            )
        for line in refused:
            self.message_user(request, _("Refused: %(reason)s") % {"reason": line}, messages.ERROR)

    @admin.action(description=_("Approve selected copy"))
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, review.approve)

    @admin.action(description=_("Submit selected copy for review"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, review.submit)

    @admin.action(description=_("Request changes to selected copy…"))
    def request_changes_selected(self, request, queryset):
        note = request.POST.get("review_note", "")
        if "apply" in request.POST:
            if note.strip():
                self._bulk(request, queryset, review.request_changes, note=note)
                return None
            self.message_user(request, _("Say what to change: a note is required to request changes."), messages.ERROR)
        return TemplateResponse(
            request,
            "admin/localization/copyvariant/request_changes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Request changes"),
                "variants": queryset.select_related("campaign", "market"),
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "note": note,
            },
        )


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["created_at", "variant", "action", "actor", "from_state", "to_state", "variant_version"]
    list_select_related = ["variant__campaign", "variant__market", "actor"]
    list_filter = ["action", "variant__market"]
    readonly_fields = [f.name for f in Review._meta.fields]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if access.is_manager(request.user):
            return queryset
        return queryset.filter(variant__in=access.visible_variants(request.user, CopyVariant.objects.all()))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
