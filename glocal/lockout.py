"""Login throttling (django-axes): whose address a login comes from, and the page a locked-out login gets."""
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_address(request):
    """The client's address: the connection's own, or, behind TRUSTED_PROXY_COUNT proxies, the entry the
    outermost of them wrote into X-Forwarded-For (what a client writes there itself comes before it)."""
    if settings.TRUSTED_PROXY_COUNT:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
            return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The admin's page saying the login is locked, for how long, and who can lift it (429, in the reader's language)."""
    context = {**admin.site.each_context(request), "failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": settings.AXES_COOLOFF_MINUTES}
    return render(request, "admin/locked_out.html", context, status=429)
