"""Django admin for the three roles, by topic. Thin: every change goes through the services."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import campaigns, glossary, people, variants  # noqa: F401 (each registers its models)
from . import exports  # noqa: F401 (landing-page exports, page labels, regional playbooks)
from . import legal  # noqa: F401 (the seller's legal details per market)
from . import logins  # noqa: F401 (login throttling's records, where django-axes is installed)
from .. import board, feeds, views

admin.site.site_header = _("Glocal")
admin.site.site_title = _("Glocal")
admin.site.index_title = _("Campaign copy, markets and calendars")

_app_index = admin.site.index


def index(request, extra_context=None):
    """The front page is "what is due" for the person (localization.board); the app list stays below it."""
    context = {
        "title": _("What is due"),
        "board": board.for_user(request.user),
        "calendar_made_at": feeds.address_made_at(request.user),
        "new_calendar_address": request.session.pop(views.NEW_ADDRESS_KEY, ""),
        **(extra_context or {}),
    }
    return _app_index(request, extra_context=context)


# Set before glocal/urls.py reads admin.site.urls, so the site's "index" URL serves it.
admin.site.index = index
