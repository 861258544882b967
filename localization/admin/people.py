"""People: who writes and reviews which market, and how Glocal speaks to them."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from ..models import MarketAssignment, UserPreference


@admin.register(MarketAssignment)
class MarketAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "market", "role"]
    list_select_related = ["user", "market"]
    list_filter = ["role", "market"]
    autocomplete_fields = ["user", "market"]


class MarketAssignmentInline(admin.TabularInline):
    model = MarketAssignment
    extra = 0
    autocomplete_fields = ["market"]


class UserPreferenceInline(admin.StackedInline):
    model = UserPreference
    can_delete = False
    max_num = 1
    min_num = 0
    extra = 1
    # The address itself is shown once, on the board, when it is made; here only whether there is one.
    readonly_fields = ["calendar_address_made_at"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class GlocalUserAdmin(UserAdmin):
    inlines = [UserPreferenceInline, MarketAssignmentInline]
