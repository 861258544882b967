"""What the admin pages share: how a refusal reads, read-only history inlines."""
from django.contrib import admin
from django.core.exceptions import ValidationError


def refusal_message(error):
    """The human sentence of a refused service call."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
