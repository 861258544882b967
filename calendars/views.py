"""Public views of the calendar: a market's occasions as a feed anyone may subscribe to."""
from django.http import HttpResponse, HttpResponseNotFound
from django.views.decorators.http import require_safe

from . import feeds, occurrences


@require_safe
def market_feed(request, code):
    """/calendars/BR.ics. Holiday dates are public data, so no login.

    br.ics answers with the same feed rather than redirecting: not every calendar client
    follows a redirect when it subscribes.
    """
    try:
        market = occurrences.market_by_code(code)
    except occurrences.CalendarError as error:
        return HttpResponseNotFound(" ".join(error.messages), content_type="text/plain; charset=utf-8")
    try:
        body = feeds.market_feed(market)
    except occurrences.CalendarError as error:  # a rule that cannot be dated: say which, not a traceback
        return HttpResponse(" ".join(error.messages), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="glocal-{market.code}.ics"'
    return response
