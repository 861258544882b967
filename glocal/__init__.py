"""Glocal: campaign copy per market, cultural review, holiday calendars and landing-page bundles."""
from .celery import app as celery_app

__all__ = ["celery_app"]
