"""Each person's milestone calendar (a secret address, no login) and the admin's buttons for its address."""
from django.contrib import admin
from django.urls import path, re_path

from . import feeds, views

app_name = "localization"

urlpatterns = [
    re_path(rf"^(?P<token>{feeds.TOKEN_PATTERN})\.ics$", views.user_feed, name="user_feed"),
    # Behind the admin's login, staff check and CSRF protection.
    path("new-address/", admin.site.admin_view(views.new_calendar_address), name="new_calendar_address"),
    path("turn-off/", admin.site.admin_view(views.turn_off_calendar), name="turn_off_calendar"),
]
