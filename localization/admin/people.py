"""People: who writes and reviews which market, who assigned them, and how Glocal speaks to them.

Assignments are made and removed here, never edited (remove and assign again), each through
``access.assign`` and ``access.unassign``, so nobody grants a role to themselves and every change is kept.
A person's page and a market's page show their assignments and the history of them.
"""
from babel.lists import format_list
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

from calendars.admin import MarketAdmin
from calendars.models import Market, validate_one_line

from .. import access
from ..models import MarketAssignment, UserPreference


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = MarketAssignment
        fields = ["user", "market", "role"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        refusal = access.assignment_refusal(by=self.assigned_by, user=user)
        if refusal:
            raise forms.ValidationError(refusal, code="self_assignment")
        return user


@admin.register(MarketAssignment)
class MarketAssignmentAdmin(admin.ModelAdmin):
    form = AssignmentForm
    list_display = ["user", "market", "role"]
    list_select_related = ["user", "market"]
    list_filter = ["role", "market"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "market__code"]
    autocomplete_fields = ["user", "market"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.assigned_by = request.user
        return form

    def get_changeform_initial_data(self, request):
        return {name: request.GET[name] for name in ("user", "market", "role") if request.GET.get(name)}

    def has_change_permission(self, request, obj=None):
        return False  # an assignment is made or removed, never edited: the history stays true

    def history_view(self, request, object_id, extra_context=None):
        # Refused before the lookup (Django's looks first): to someone who may not see assignments, one that
        # exists answers like one that does not, as the change page does.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        obj.pk = access.assign(by=request.user, user=obj.user, market=obj.market, role=obj.role).pk

    def delete_model(self, request, obj):
        access.unassign(by=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "market"):
            access.unassign(by=request.user, assignment=assignment)


class UserPreferenceInline(admin.StackedInline):
    model = UserPreference
    can_delete = False
    max_num = 1
    min_num = 0
    extra = 1
    # The address itself is shown once, on the board, when it is made; here only whether there is one.
    readonly_fields = ["calendar_address_made_at"]


def _roles(obj, field):
    """The person's (``field`` "user") or the market's ("market") roles now, the history of them (who assigned or
    removed whom, when), and a link to assign more, filled in: read here, changed on the assignments page."""
    if obj is None or obj.pk is None:
        return ""
    now = MarketAssignment.objects.filter(**{field: obj}).select_related("user", "market").order_by("market__code", "role", "user__username")
    history = access.assignment_history(**{field: obj})
    url = reverse("admin:localization_marketassignment_add") + f"?{field}={obj.pk}"
    return format_html(
        '<p>{}</p><a class="addlink" href="{}">{}</a>'
        '<table class="glocal-assignment-history"><caption>{}</caption>'
        '<thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        format_list([
            f"{a.get_role_display()} · {a.market.code}" if field == "user" else f"{a.user.get_username()} · {a.get_role_display()}"
            for a in now
        ], locale=to_locale(get_language() or "en")) if now else _("No roles yet."),
        url, _("Assign to a market") if field == "user" else _("Assign someone"),
        _("History of roles"), _("when"), _("change"), _("person"), _("role"), _("market"), _("by"),
        format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (formats.date_format(timezone.localtime(change.changed_at), "DATETIME_FORMAT"), change.get_action_display(),
             change.username, change.get_role_display(), change.market_code, change.changed_by_name or _("Glocal's setup"))
            for change in history
        )) or format_html('<tr><td colspan="6">{}</td></tr>', _("No changes yet.")),
    )


class PersonForm(UserChangeForm):
    """A person's names are one line each: they reach e-mail greetings, subjects and calendars."""

    def clean_first_name(self):
        validate_one_line(self.cleaned_data["first_name"])
        return self.cleaned_data["first_name"]

    def clean_last_name(self):
        validate_one_line(self.cleaned_data["last_name"])
        return self.cleaned_data["last_name"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class GlocalUserAdmin(UserAdmin):
    form = PersonForm
    inlines = [UserPreferenceInline]
    readonly_fields = ["roles"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is None else [*fieldsets, (_("Roles in markets"), {"fields": ["roles"]})]

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return _roles(obj, "user")

    def get_search_results(self, request, queryset, search_term):
        """Picking whom to assign offers active staff, never the one assigning (nobody assigns themselves)."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "marketassignment" and request.GET.get("field_name") == "user":
            queryset = queryset.filter(is_active=True, is_staff=True).exclude(pk=request.user.pk)
        return queryset, duplicates


admin.site.unregister(Market)


@admin.register(Market)
class MarketWithPeopleAdmin(MarketAdmin):
    """The market's page also says who writes and reviews its copy, and who assigned them."""

    readonly_fields = [*MarketAdmin.readonly_fields, "roles"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is None else [*fieldsets, (_("Copywriters and cultural reviewers"), {"fields": ["roles"]})]

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return _roles(obj, "market")
