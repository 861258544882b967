"""Login throttling's records (django-axes) in the admin, its clean-up action given what it reads.

Axes's "Clean up expired attempts" reads the time of the request that its login signals set on a request, and
an admin action's request never went through them: without this, the action fails with a server error.
"""
from django.apps import apps
from django.contrib import admin

if apps.is_installed("axes"):
    from axes.admin import AccessAttemptAdmin
    from axes.handlers.proxy import AxesProxyHandler
    from axes.models import AccessAttempt

    class LoginAttemptAdmin(AccessAttemptAdmin):
        actions = ["cleanup_expired_attempts"]

        @admin.action(description=AccessAttemptAdmin.cleanup_expired_attempts.short_description)
        def cleanup_expired_attempts(self, request, queryset):
            AxesProxyHandler.update_request(request)  # the attempt time, address and agent axes's handler reads
            return super().cleanup_expired_attempts(request, queryset)

    if admin.site.is_registered(AccessAttempt):
        admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, LoginAttemptAdmin)
