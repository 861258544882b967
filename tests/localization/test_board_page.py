"""The admin's front page is the board, for each role, in English and Chinese, every string of it translatable,
in the same number of queries however many campaigns and markets; the campaign's page shows its markets."""
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from calendars.models import Market, Observance, Occasion
from localization import board, integrity, review, scheduling
from localization.models import Campaign, CopyVariant
from tests.localization.test_board import OPENS, submitted, valentines, variant, write  # noqa: F401 (fixtures)
from tests.localization.test_scheduling import calendar, make_campaign, occasion  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
NOW = datetime(2027, 5, 25, 12, 0, tzinfo=UTC)  # copy was due in Brazil on 22 May, review is due on 29 May


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


@pytest.fixture
def sent_back(valentines, people):  # noqa: F811
    """Brazil's copy submitted and sent back; Mexico's in review."""
    copy = submitted(valentines, "BR", people["copywriter"])
    review.request_changes(variant=copy, user=people["reviewer"], note="Diga presente.")
    return valentines


def page(client, user, language="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


def board_part(html):
    return html[html.index('<div class="glocal-board">'):html.index('class="glocal-board-apps-title"')]


# Each role, in English and Chinese ----------------------------------------------------------------


def test_the_copywriter_sees_what_was_sent_back_and_what_is_due(client, sent_back, people):
    html = page(client, people["copywriter"])
    mine = board_part(html)
    assert "Sent back to you" in mine and "Diga presente." in mine and "bruno" in mine
    assert "Copy due" in mine and "overdue" in mine  # due 22 May, not submitted again
    assert 'class="glocal-timeline"' in mine and ">BR<" in mine and ">MX<" in mine
    assert 'id="app-list"' not in mine and "app-localization" in html  # the app list stays, below the board


def test_the_reviewer_sees_what_waits_for_their_review(client, valentines, people):  # noqa: F811
    copy = submitted(valentines, "BR", people["copywriter"])
    mine = board_part(page(client, people["reviewer"]))
    waiting = mine[mine.index('id="glocal-to-review"'):mine.index('id="glocal-due"')]
    assert f"/admin/localization/copyvariant/{copy.pk}/change/" in waiting
    assert "Review due" in mine  # 29 May
    assert ">MX<" not in mine  # not their market
    assert f"/admin/localization/copyvariant/{copy.pk}/change/" not in board_part(page(client, people["mx_reviewer"])).split('id="glocal-due"')[0]


def test_the_manager_sees_every_market_and_each_campaign_market(client, sent_back, people):
    mine = board_part(page(client, people["manager"]))
    for code in ("BR", "US", "JP", "IN"):
        assert f"<bdi>{code}</bdi>" in mine
    assert "<bdi>SA</bdi>" not in mine and "more markets have nothing in these days." in mine
    matrix = mine[mine.index('id="glocal-campaigns"'):]
    assert "Valentine&#x27;s 2027" in matrix and "glocal-row-overdue" in matrix
    assert "Changes requested" in matrix and "Next: Review due" in matrix


@pytest.mark.parametrize("role", ["copywriter", "reviewer", "manager"])
def test_the_board_speaks_chinese(client, sent_back, people, role):
    html = page(client, people[role], "zh-hans")
    assert '<html lang="zh-hans"' in html
    mine = board_part(html)
    assert "审核截止" in mine  # Review due, Brazil's next milestone
    assert "已要求修改" in mine  # Changes requested, Brazil's copy
    assert "Review due" not in mine and "Changes requested" not in mine


def test_the_board_names_occasions_for_a_reader_of_chinese_with_the_markets_own_name_beside(client, sent_back, people):
    mine = board_part(page(client, people["copywriter"], "zh-hans"))
    assert "文案截止" in mine  # Copy due, overdue
    assert "巴西情人节" in mine and "Dia dos Namorados" in mine


class _Text(HTMLParser):
    """The board's text as a reader meets it: text nodes, and the titles and labels shown on hover."""

    def __init__(self):
        super().__init__()
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        self.found += [value for name, value in attrs if name in ("title", "aria-label", "placeholder") and value]

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.found.append(data)


def _data_words():
    """What the board shows that is data, not interface: names of markets, occasions and campaigns, people, notes."""
    words = set()
    for market in Market.objects.all():
        words |= {market.code, market.local_name or "", *[getattr(market, f.name) or "" for f in market._meta.fields if f.name.startswith("name")]}
    for model in (Occasion, Observance):
        for item in model.objects.all():
            words |= {getattr(item, f.name) or "" for f in item._meta.fields if f.name.startswith("name")}
    words |= set(Campaign.objects.values_list("name", flat=True)) | set(CopyVariant.objects.values_list("locale", flat=True))
    words |= {"ana", "bruno", "carla", "dora", "root", "Diga presente."}
    return sorted((word for word in words if word), key=len, reverse=True)


@pytest.mark.parametrize("role", ["copywriter", "reviewer", "manager"])
def test_every_string_on_the_board_goes_through_translation(client, sent_back, people, monkeypatch, role):
    """Translated through a catalogue that marks what it translates: nothing but data is left unmarked."""
    marked = {
        "gettext": lambda message: f"⟦{trans_real.gettext(message)}⟧",
        "ngettext": lambda singular, plural, number: f"⟦{trans_real.ngettext(singular, plural, number)}⟧",
        "pgettext": lambda context, message: f"⟦{trans_real.pgettext(context, message)}⟧",
        "npgettext": lambda context, singular, plural, number: f"⟦{trans_real.npgettext(context, singular, plural, number)}⟧",
    }
    for name, function in marked.items():
        monkeypatch.setattr(translation._trans, name, function)
    parser = _Text()
    parser.feed(board_part(page(client, people[role])))
    data = _data_words()
    unmarked = []
    for text in parser.found:
        while re.search(r"⟦[^⟦⟧]*⟧", text):
            text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        for word in data:
            text = text.replace(word, " ")
        text = re.sub(r"https?://\S+", " ", text)
        if re.search(r"[^\W\d_]", text):
            unmarked.append(text.strip())
    assert unmarked == []


# Queries -----------------------------------------------------------------------------------------


MORE_MARKETS = ["BR", "MX", "DE", "US", "JP", "SA"]


def grow(people, calendar, prefix, count):  # noqa: F811
    """``count`` more campaigns in six markets, each opened in Brazil with its reminders, its copy there in
    review (every other one sent back)."""
    for number in range(count):
        campaign = make_campaign(people, calendar, MORE_MARKETS, slug=f"{prefix}-{number}", name=f"{prefix} {number}")
        campaign.campaign_markets.filter(market__code="BR").update(occasion=occasion("dia-dos-namorados"))
    scheduling.schedule_due_campaigns(today=OPENS)
    for number, pk in enumerate(CopyVariant.objects.filter(market__code="BR", campaign__slug__startswith=f"{prefix}-").values_list("pk", flat=True)):
        copy = write(CopyVariant.objects.select_related("campaign", "market").get(pk=pk), people["copywriter"])
        review.submit(variant=copy, user=people["copywriter"])
        if number % 2:
            review.request_changes(variant=copy, user=people["reviewer"], note="Mais curto.")


def queries(client, user):
    client.force_login(user)
    client.get(INDEX)  # the session and the language settle
    with CaptureQueriesContext(connection) as captured:
        response = client.get(INDEX)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["copywriter", "reviewer", "manager"])
def test_the_board_takes_the_same_queries_for_three_campaigns_or_nine(client, valentines, people, calendar, role):  # noqa: F811
    grow(people, calendar, "few", 2)  # one of each: in review, sent back
    few = queries(client, people[role])
    grow(people, calendar, "many", 6)
    assert Campaign.objects.count() == 9
    many = queries(client, people[role])
    print(f"{role}: {few} queries with 3 campaigns, {many} with 9 campaigns in 6 markets")
    assert many == few
    # A manager's board also looks for rows to mend: one query per model it checks, and one for milestones.
    assert many <= 30 + (len(integrity.CHECKED) + 1 if role == "manager" else 0)


def test_the_campaign_matrix_takes_the_same_queries_for_one_campaign_or_seven(valentines, people, calendar):  # noqa: F811
    counts = []
    for prefix, count in (("few", 0), ("many", 6)):
        grow(people, calendar, prefix, count)
        every = list(Campaign.objects.all())
        with CaptureQueriesContext(connection) as captured:
            matrix = board.campaign_matrix(every, user=people["manager"], today=date(2027, 5, 25))
        counts.append(len(captured))
    assert len(matrix.rows) == 7 and len(matrix.markets) == 6
    assert counts[0] == counts[1] == 3


# The campaign's page ------------------------------------------------------------------------------


def test_the_campaigns_page_shows_each_market_with_overdue_in_red(client, valentines, people):  # noqa: F811
    client.force_login(people["manager"])
    html = client.get(reverse("admin:localization_campaign_change", args=[valentines.pk])).content.decode()
    markets = html[html.index('id="glocal-campaign-markets"'):html.index("</section>", html.index('id="glocal-campaign-markets"'))]
    assert "What is due in each market" in markets
    brazil = markets[markets.index('title="Brazil"'):markets.index("</tr>", markets.index('title="Brazil"'))]
    assert "glocal-overdue" in brazil and "Copy due" in brazil and "May 13, 2027" in brazil
    assert "does not keep the occasion" not in brazil
    client.force_login(people["reviewer"])
    html = client.get(reverse("admin:localization_campaign_change", args=[valentines.pk])).content.decode()
    assert 'title="Brazil"' in html and 'title="Mexico"' not in html


def test_a_board_with_nothing_on_says_so(client, people, markets):
    html = board_part(page(client, people["admin"]))
    assert "Nothing was sent back to you." in html and "No copy waits for your review." in html
    assert "No market has an occasion or a campaign in these days." in html
    assert "No campaign opens or runs in your markets in these days." in html
