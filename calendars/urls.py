"""Public calendar URLs: one stable feed address per market."""
from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("<str:code>.ics", views.market_feed, name="market_feed"),
]
