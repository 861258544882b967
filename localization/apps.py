from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "localization"
    verbose_name = _("Localization")

    def ready(self):
        # Imported here, not at the top: Django loads this module before the models are ready,
        # and these modules import the models.
        from calendars.month import register_band_source, register_user_markets

        # tasks registers the Celery tasks the services send by name (localization.background)
        # in every process, the web server's too, not only in workers that import them.
        from . import access, calendar_bands, tasks  # noqa: F401

        register_band_source(calendar_bands.launch_windows)
        register_user_markets(calendar_bands.assigned_markets)

        # Like Django's own permissions, the role groups exist as soon as the tables do.
        post_migrate.connect(access.ensure_role_groups, sender=self, dispatch_uid="glocal_role_groups")
