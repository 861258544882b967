"""What the admin pages share: how a refusal reads, how copy fields are named, read-only history inlines."""
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError

from ..models import CopyVariant


def refusal_message(error):
    """The human sentence of a refused service call."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def copy_field_label(name):
    """A copy field's name for people ("call to action"), in the language of the request."""
    try:
        return CopyVariant._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
