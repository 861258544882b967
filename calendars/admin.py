"""Admin for markets, occasions and their dated occurrences; managers keep them, everyone may look."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from . import month, occurrences
from .forms import MarketForm
from .models import Market, Observance, Occasion, Occurrence
from .names import OccasionNames, market_label


@admin.register(Market)
class MarketAdmin(TranslationAdmin):
    form = MarketForm
    list_display = ["code", "name", "region", "primary_locale", "currency", "time_zone", "delivery_days"]
    list_filter = ["region", "currency"]
    search_fields = ["code", "name", "primary_locale"]
    fieldsets = [
        (None, {"fields": ["code", "name", "region"]}),
        (_("How customers read"), {"fields": ["primary_locale", "extra_locales", "native_digits", "show_minor_units", "calendar_era"]}),
        (_("How customers buy"), {"fields": ["currency", "payment_methods", "delivery_days", "time_zone"]}),
        (_("Cultural review"), {"fields": ["sensitive_topics", "headline_limit", "call_to_action_limit", "body_limit"]}),
    ]


class ObservanceInline(TranslationStackedInline):
    """One block per market; its names and notes, in every language, fold away until wanted."""

    model = Observance
    extra = 0
    autocomplete_fields = ["market"]
    formfield_overrides = {models.JSONField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
    fieldsets = [
        (None, {"fields": ["market", "rule", "shift_days"]}),
        (_("Local name"), {"fields": ["name"], "classes": ["collapse"]}),
        (_("Cultural notes in this market"), {"fields": ["notes"], "classes": ["collapse"]}),
    ]


@admin.register(Occasion)
class OccasionAdmin(TranslationAdmin):
    list_display = ["slug", "name", "kind", "duration_days", "lead_days"]
    list_filter = ["kind", "markets"]
    search_fields = ["slug", "name"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ObservanceInline]


class WhenFilter(admin.SimpleListFilter):
    """The list opens on what is still to come (from the first day of this month); "All dates" shows the years back.

    Picking a year shows that year whole, as if "All dates" were chosen.
    """

    title = _("date")
    parameter_name = "when"
    UPCOMING, ALL, PAST = "upcoming", "all", "past"

    def __init__(self, request, params, model, model_admin):
        self.year_chosen = any(key == "year" or key.startswith("year__") for key in params)
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            (self.UPCOMING, _("From this month on")),
            (self.ALL, _("All dates")),
            (self.PAST, _("Before this month")),
        ]

    def value(self):
        return super().value() or (self.ALL if self.year_chosen else self.UPCOMING)

    def choices(self, changelist):
        # Without Django's own "All" link, which would read as "every date": "All dates" says it.
        yield from list(super().choices(changelist))[1:]

    def queryset(self, request, queryset):
        first_of_month = timezone.localdate().replace(day=1)
        if self.value() == self.UPCOMING:
            return queryset.filter(ends_on__gte=first_of_month)  # what is running this month counts
        if self.value() == self.PAST:
            return queryset.filter(ends_on__lt=first_of_month)
        return queryset


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    """Dates come from the rules; a manager confirms them (saving the form, or the action) once announced."""

    list_display = ["occasion", "market", "starts_on", "ends_on", "estimated", "confirmed"]
    list_filter = [WhenFilter, "market", "occasion", "estimated", "year"]
    list_select_related = ["occasion", "market"]
    search_fields = ["occasion__slug", "occasion__name", "market__code"]
    actions = ["confirm_dates"]
    fieldsets = [
        (None, {"fields": ["occasion", "market", "year", "local_name"]}),
        (
            _("Dates"),
            {
                "fields": ["starts_on", "ends_on", "estimated", "source"],
                "description": _(
                    "Saving confirms these dates: they win over the date rule, and re-dating the calendar never changes them."
                ),
            },
        ),
        (_("Confirmation"), {"fields": ["confirmed_by", "confirmed_at"]}),
    ]
    readonly_fields = ["occasion", "market", "year", "local_name", "estimated", "source", "confirmed_by", "confirmed_at"]

    def has_add_permission(self, request):
        return False  # occurrences are dated from the rules (materialize), never typed in

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, description=_("confirmed"), ordering="confirmed_at")
    def confirmed(self, obj):
        return obj.confirmed

    @admin.display(description=_("local name"))
    def local_name(self, obj):
        return OccasionNames(obj.market).local(obj)

    def save_model(self, request, obj, form, change):
        occurrences.confirm(
            occurrence=obj, user=request.user, starts_on=form.cleaned_data["starts_on"], ends_on=form.cleaned_data["ends_on"]
        )

    @admin.action(description=_("Confirm the selected dates as they are"), permissions=["change"])
    def confirm_dates(self, request, queryset):
        unconfirmed = list(queryset.filter(confirmed_at__isnull=True))
        for occurrence in unconfirmed:
            occurrences.confirm(occurrence=occurrence, user=request.user, starts_on=occurrence.starts_on, ends_on=occurrence.ends_on)
        self.message_user(
            request,
            ngettext("%(count)d date confirmed.", "%(count)d dates confirmed.", len(unconfirmed)) % {"count": len(unconfirmed)},
            messages.SUCCESS,
        )

    def get_urls(self):
        month_view = self.admin_site.admin_view(self.month_view)
        return [path("month/", month_view, name="calendars_occurrence_month"), *super().get_urls()]

    def month_view(self, request):
        """?market=BR&month=2027-06; a bad market or month says what to use and shows the default instead."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.opts, "title": _("Month view")}
        markets = list(Market.objects.all())
        if not markets:
            messages.warning(request, _("There are no markets yet; run seed_demo or load_calendar."))
            return TemplateResponse(request, "admin/calendars/occurrence/month.html", context)
        today = timezone.localdate()
        market, (year, month_number) = month.default_market(request.user, markets), (today.year, today.month)
        if request.GET.get("market"):
            try:
                market = occurrences.market_by_code(request.GET["market"])
            except occurrences.CalendarError as error:
                messages.error(request, " ".join(error.messages))
        if request.GET.get("month"):
            try:
                year, month_number = month.parse_month(request.GET["month"])
            except occurrences.CalendarError as error:
                messages.error(request, " ".join(error.messages))
        try:
            grid = month.month_grid(market=market, year=year, month=month_number, today=today)
        except occurrences.CalendarError as error:
            messages.error(request, " ".join(error.messages))
            return TemplateResponse(request, "admin/calendars/occurrence/month.html", context)
        feed_url = request.build_absolute_uri(reverse("calendars:market_feed", args=[market.code]))
        choices = [(choice.code, f"{choice.code} · {market_label(choice)}") for choice in markets]
        context.update(grid=grid, market_choices=choices, market_name=market_label(market), feed_url=feed_url)
        return TemplateResponse(request, "admin/calendars/occurrence/month.html", context)
