"""Django admin for the three roles, by topic. Thin: every change goes through the services."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import campaigns, glossary, people, variants  # noqa: F401 (each registers its models)
from . import exports  # noqa: F401 (landing-page exports, page labels, regional playbooks)

admin.site.site_header = _("Glocal")
admin.site.site_title = _("Glocal")
admin.site.index_title = _("Campaign copy, markets and calendars")
