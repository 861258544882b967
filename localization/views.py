"""The views outside the admin: each person's milestone calendar, and the buttons that replace or turn off its address."""
from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import feeds

# Where the new address waits, in the person's session, until their board shows it once.
NEW_ADDRESS_KEY = "glocal_new_calendar_address"


@require_safe
def user_feed(request, token):
    """/calendars/me/<token>.ics: no login (calendar clients cannot log in); the token is the key."""
    user = feeds.user_for_token(token)
    if user is None:
        return HttpResponseNotFound(
            _("There is no calendar at this address: it was replaced or turned off. Make a new address on your Glocal board."),
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(feeds.user_feed(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="glocal-milestones.ics"'
    response["Cache-Control"] = "private, no-store"  # the address is a secret: no shared cache keeps what it shows
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _back_to_the_board():
    return redirect(reverse("admin:index") + "#glocal-calendar")


@require_POST
def new_calendar_address(request):
    """Make the person a new feed address; the old one stops working. The board shows the new one once."""
    request.session[NEW_ADDRESS_KEY] = feeds.feed_url(feeds.new_calendar_address(user=request.user))
    messages.success(request, _("Your calendar has a new address; the old one no longer works. Copy it now: it is shown once."))
    return _back_to_the_board()


@require_POST
def turn_off_calendar(request):
    if feeds.turn_off_calendar(user=request.user):
        messages.success(request, _("Your calendar is turned off: its address no longer works."))
    return _back_to_the_board()
