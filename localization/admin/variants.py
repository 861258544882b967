"""Copy variants: the market's copy beside the source, the checks, the preview and the review."""
import copy

from django.contrib import admin, messages
from django.contrib.admin.filters import RelatedOnlyFieldListFilter, SimpleListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from calendars.models import Market

from .. import access, campaigns, export, quality, rendering, review
from ..checks import display_width
from ..forms import CopyVariantForm
from ..models import COPY_FIELDS, Campaign, CopyVariant, Review, State
from .common import ReadOnlyInline, copy_field_label, refusal_message

Action = Review.Action

# What the page says once a decision is taken, for one variant and for a bulk action.
DONE = {
    Action.SUBMIT: _("%(variant)s submitted for review."),
    Action.APPROVE: _("%(variant)s approved."),
    Action.REQUEST_CHANGES: _("Changes requested on %(variant)s; the copywriter has been told."),
}
DONE_IN_BULK = {
    Action.SUBMIT: ngettext_lazy(
        "%(count)d variant submitted for review.", "%(count)d variants submitted for review.", "count"
    ),
    Action.APPROVE: ngettext_lazy("%(count)d variant approved.", "%(count)d variants approved.", "count"),
    Action.REQUEST_CHANGES: ngettext_lazy(
        "Changes requested on %(count)d variant; its copywriter has been told.",
        "Changes requested on %(count)d variants; their copywriters have been told.",
        "count",
    ),
}
# A copy field's display width against its market's limit: "37 / 60".
WIDTH_FORMAT = _("%(width)d / %(limit)d")
# The landing page's frames on the variant page: a desktop and a phone viewport, shown at half size.
PREVIEW_FRAMES = [
    {"name": "desktop", "label": _("Desktop"), "width": 1280, "height": 800},
    {"name": "phone", "label": _("Phone"), "width": 390, "height": 844},
]
SERVICES = {Action.SUBMIT: review.submit, Action.APPROVE: review.approve, Action.REQUEST_CHANGES: review.request_changes}


class CampaignListFilter(SimpleListFilter):
    """The most recent campaigns with copy in the user's markets, not thousands of them: search finds the rest."""

    title = _("campaign")
    parameter_name = "campaign"
    shown = 25

    def lookups(self, request, model_admin):
        campaigns_with_copy = Campaign.objects.filter(pk__in=model_admin.get_queryset(request).values("campaign_id"))
        recent = list(campaigns_with_copy.order_by("-created_at", "-id").values_list("pk", "name")[: self.shown])
        selected = self.value()
        if selected and selected.isdigit() and all(str(pk) != selected for pk, _name in recent):
            recent += list(campaigns_with_copy.filter(pk=selected).values_list("pk", "name"))
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
    # Only the campaigns, markets and copywriters of the variants this user may see.
    list_filter = [CampaignListFilter, ("market", RelatedOnlyFieldListFilter), "state", ("copywriter", RelatedOnlyFieldListFilter)]
    search_fields = ["campaign__name", "campaign__slug", "headline"]
    list_per_page = 50
    show_full_result_count = False  # one COUNT, not two, on large tables
    inlines = [ReviewInline]
    actions = ["approve_selected", "request_changes_selected", "submit_selected"]

    class Media:
        js = ["glocal/copy_checks.js"]  # findings and width counters follow the copywriter's typing

    # Who sees and edits what -----------------------------------------------------------------

    def get_queryset(self, request):
        return access.visible_variants(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        return access.is_manager(request.user) or review.may_edit(request.user, obj)

    # The bulk actions are offered to those who can ever take them (Django asks has_<name>_permission).
    def has_decide_permission(self, request):
        return access.decides_in_any_market(request.user)

    def has_submit_permission(self, request):
        return access.writes_any_market(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["state", "version", "last_edited_by", "reviewer", "source_version", *self.source_fields]
        if obj is not None:
            readonly += ["campaign", "market", "locale"]
            if not review.may_edit(request.user, obj):
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            # "37 / 60" under each field that has a limit; copy_checks.js keeps it current while typing.
            for name, width in self.widths(obj).items():
                if name in form.base_fields and width["limit"]:
                    form.base_fields[name].help_text = width_counter(name, width)
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in COPY_FIELDS and field is not None:
            field.widget.attrs["dir"] = "auto"  # Arabic copy is typed right to left
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "market" and not access.is_manager(request.user):
            kwargs["queryset"] = Market.objects.filter(pk__in=access.assigned_market_ids(request.user, "copywriter"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Display -------------------------------------------------------------------------------------

    @admin.display(description=_("market"), ordering="market__code")
    def market_code(self, obj):
        return obj.market.code

    @admin.display(description=_("checks"))
    def checks(self, obj):
        if obj.state == State.DRAFT and quality.is_unwritten(obj):
            return format_html('<span class="glocal-checks-unwritten">{}</span>', _("not written yet"))
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

    @staticmethod
    def widths(variant):
        """Each copy field's display width and its market's limit (None where there is none)."""
        limits = quality.length_limits(variant.market)
        return {name: {"width": display_width(getattr(variant, name) or ""), "limit": limits.get(name)} for name in COPY_FIELDS}

    # Saving goes through the services -------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            review.create_variant(variant=obj, user=request.user)
            return
        copy_changes = {name: form.cleaned_data[name] for name in COPY_FIELDS if name in form.changed_data}
        if "copywriter" in form.changed_data:
            review.assign_copywriter(variant=obj, user=request.user, copywriter=obj.copywriter)
        if copy_changes:
            review.save_copy(variant=obj, user=request.user, expected_version=form.cleaned_data["expected_version"], **copy_changes)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            self._decide(request, obj, Action.SUBMIT)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # The review panel: Approve, Request changes, Submit; the checks while typing ----------------

    def get_urls(self):
        urls = [
            path("<path:object_id>/approve/", self.admin_site.admin_view(self.approve_view), name="localization_copyvariant_approve"),
            path(
                "<path:object_id>/request-changes/",
                self.admin_site.admin_view(self.request_changes_view),
                name="localization_copyvariant_request_changes",
            ),
            path("<path:object_id>/check/", self.admin_site.admin_view(self.check_view), name="localization_copyvariant_check"),
            path(
                "<path:object_id>/landing-preview/",
                self.admin_site.admin_view(self.landing_preview_view),
                name="localization_copyvariant_landing_preview",
            ),
        ]
        return urls + super().get_urls()

    def _decide(self, request, variant, action, **kwargs):
        try:
            SERVICES[action](variant=variant, user=request.user, **kwargs)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, refusal_message(error), messages.ERROR)
            return False
        self.message_user(request, DONE[action] % {"variant": variant}, messages.SUCCESS)
        return True

    def _visible_variant(self, request, object_id):
        """The variant, if this user may see it; else 404, as if it did not exist."""
        if not str(object_id).isdigit():
            raise Http404
        return get_object_or_404(self.get_queryset(request).select_related("campaign", "market"), pk=object_id)

    def _decision_view(self, request, object_id, action, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        variant = self._visible_variant(request, object_id)
        seen = request.POST.get("seen_version")
        self._decide(
            request,
            variant,
            action,
            note=request.POST.get("review_note", ""),
            expected_version=int(seen) if seen and seen.isdigit() else None,
            **kwargs,
        )
        return HttpResponseRedirect(reverse("admin:localization_copyvariant_change", args=[variant.pk]))

    def approve_view(self, request, object_id):
        return self._decision_view(request, object_id, Action.APPROVE, acknowledged=request.POST.getlist("acknowledge"))

    def request_changes_view(self, request, object_id):
        return self._decision_view(request, object_id, Action.REQUEST_CHANGES)

    def check_view(self, request, object_id):
        """The findings and widths of the text being typed (POSTed copy fields), as JSON; nothing is saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        variant = self._visible_variant(request, object_id)
        if not self.has_view_or_change_permission(request, variant):
            raise PermissionDenied
        posted = {name: request.POST[name] for name in COPY_FIELDS if name in request.POST}
        try:
            review.check_sizes(posted)  # a pasted megabyte is not checked word by word on every key
        except ValidationError as error:
            return JsonResponse({"errors": error.messages}, status=400)
        typed = copy.copy(variant)  # an unsaved copy: the stored variant stays as it is
        for name, text in posted.items():
            setattr(typed, name, text)
        return JsonResponse({"findings": quality.findings_for(typed), "fields": self.widths(typed)})

    def landing_preview_view(self, request, object_id):
        """The market's landing page from the copy as saved now, for the variant page's frames: served
        with a policy that lets it run nothing and load nothing but its own stylesheet."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        variant = self._visible_variant(request, object_id)
        if not self.has_view_or_change_permission(request, variant):
            raise Http404
        response = HttpResponse(export.preview_page(variant), content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = export.preview_policy(variant)
        response["X-Frame-Options"] = "SAMEORIGIN"  # the variant page frames it; no other site may
        response["Referrer-Policy"] = "no-referrer"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        variant = self.get_object(request, object_id)
        if variant is None:
            # Another market's copy answers like copy that does not exist: nothing says whose it is.
            return self.not_found(request)
        user = request.user
        approvers = access.eligible_approvers(variant)
        findings = quality.findings_for(variant)
        source_changed = variant.source_version != variant.campaign.source_version
        preview = rendering.rendered_copy(variant)
        extra_context = {
            **(extra_context or {}),
            "variant": variant,
            "approvers": approvers,
            "may_decide": review.may_decide(user, variant, approvers=approvers),
            "is_author": user.pk in access.authors(variant),
            "may_submit": review.may_submit(user, variant),
            "may_edit": review.may_edit(user, variant),
            "findings": findings,
            "blocking_errors": quality.errors(findings),
            "change_request": review.open_change_request(variant),
            "source_changed": source_changed,
            "source_diff": self.source_diff(variant) if source_changed else None,
            "preview": preview,  # the search result's title and description
            # Said once, here, rather than as a finding: the copy may leave these out and still be approved.
            "occasion_not_kept": sorted("{%s}" % name for name, reason in preview["missing"].items() if reason == "not_observed"),
            "landing_preview_url": reverse("admin:localization_copyvariant_landing_preview", args=[variant.pk]),
            "preview_frames": PREVIEW_FRAMES,
            "width_format": WIDTH_FORMAT,  # for copy_checks.js, which fills in the numbers
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def source_diff(variant):
        """The source fields that changed since the copy was written: (label, then, now); None when
        the old source is not kept."""
        then = campaigns.source_at(campaign=variant.campaign, source_version=variant.source_version)
        if then is None:
            return None
        now = variant.campaign.copy_fields()
        return [(copy_field_label(name), then.get(name, ""), now[name]) for name in COPY_FIELDS if then.get(name, "") != now[name]]

    def not_found(self, request):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Not found"),
            "not_found_message": _("This copy does not exist, or it belongs to a market you do not work in."),
            "back_url": reverse("admin:localization_copyvariant_changelist"),
            "back_label": self.opts.verbose_name_plural,
        }
        return TemplateResponse(request, "404.html", context, status=404)

    # Bulk actions: each item goes through the same service; refusals are said per item -----------

    def _bulk(self, request, queryset, action, **kwargs):
        done, refused = 0, []
        for variant in queryset.select_related("campaign", "market"):
            try:
                with transaction.atomic():
                    SERVICES[action](variant=variant, user=request.user, **kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                reason = refusal_message(error)
                # Most refusals name the variant already; those that do not get its name in front.
                refused.append(reason if str(variant) in reason else f"{variant}: {reason}")
        if done:
            self.message_user(request, DONE_IN_BULK[action] % {"count": done}, messages.SUCCESS)
        for line in refused:
            self.message_user(request, _("Refused: %(reason)s") % {"reason": line}, messages.ERROR)

    @admin.action(description=_("Approve selected copy"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, Action.APPROVE)

    @admin.action(description=_("Submit selected copy for review"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, Action.SUBMIT)

    @admin.action(description=_("Request changes to selected copy…"), permissions=["decide"])
    def request_changes_selected(self, request, queryset):
        note = request.POST.get("review_note", "")
        if "apply" in request.POST:
            if note.strip():
                self._bulk(request, queryset, Action.REQUEST_CHANGES, note=note)
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


def width_counter(name, width):
    """'37 / 60' under a copy field: its display width against its market's limit."""
    return format_html(
        '<span class="glocal-width{}" data-width-of="{}" title="{}">{}</span>',
        " glocal-width-over" if width["width"] > width["limit"] else "",
        name,
        _("Display width: East Asian wide characters count as two."),
        WIDTH_FORMAT % width,
    )


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["created_at", "variant", "action", "actor", "from_state", "to_state", "variant_version"]
    list_select_related = ["variant__campaign", "variant__market", "actor"]
    list_filter = ["action", ("variant__market", RelatedOnlyFieldListFilter)]
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
