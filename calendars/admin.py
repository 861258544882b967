"""Admin for markets and occasions; managers keep them, everyone may look."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Market, Observance, Occasion


@admin.register(Market)
class MarketAdmin(TranslationAdmin):
    list_display = ["code", "name", "region", "primary_locale", "currency", "time_zone", "delivery_days"]
    list_filter = ["region", "currency"]
    search_fields = ["code", "name", "primary_locale"]
    fieldsets = [
        (None, {"fields": ["code", "name", "region"]}),
        (_("How customers read"), {"fields": ["primary_locale", "extra_locales", "native_digits", "show_minor_units", "calendar_era"]}),
        (_("How customers buy"), {"fields": ["currency", "payment_methods", "delivery_days", "time_zone"]}),
        (_("Cultural review"), {"fields": ["sensitive_topics"]}),
    ]


class ObservanceInline(TranslationTabularInline):
    model = Observance
    extra = 0
    autocomplete_fields = ["market"]


@admin.register(Occasion)
class OccasionAdmin(TranslationAdmin):
    list_display = ["slug", "name", "kind", "duration_days", "lead_days"]
    list_filter = ["kind", "markets"]
    search_fields = ["slug", "name"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ObservanceInline]
