"""The campaign's page shows and edits its timing: repeats yearly, a number of days per milestone (refused as
the scheduler says), the year and last year's campaign read-only, each market's lead days and the day it opened."""
import re
from datetime import date

import pytest
from django.urls import reverse

from localization import scheduling
from localization.models import Campaign
from tests.localization.test_board import OPENS, valentines  # noqa: F401 (fixture)
from tests.localization.test_reminders import form_data
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

MILESTONE_INPUTS = ["milestone_days_copy_due", "milestone_days_review_due", "milestone_days_export_due", "milestone_days_go_live"]


def change_url(campaign):
    return reverse("admin:localization_campaign_change", args=[campaign.pk])


def posted(page, **milestones):
    """The page's form as the browser posts it, with these milestone inputs (empty: the default)."""
    data = form_data(page)
    data.pop("milestone_days", None)
    for name in MILESTONE_INPUTS:
        data[name] = milestones.get(name.removeprefix("milestone_days_"), "")
    return data


def test_milestones_are_one_number_each_with_the_default_beside_it(client, valentines, people):  # noqa: F811
    client.force_login(people["manager"])
    html = client.get(change_url(valentines)).content.decode()
    for name in MILESTONE_INPUTS:
        assert f'name="{name}"' in html
    assert 'placeholder="21"' in html and "empty: 21, the default" in html
    assert '<label for="id_milestone_days_review_due">Review due</label>' in html
    assert 'name="milestone_days"' not in html  # no raw JSON
    assert 'name="repeats_yearly"' in html


def test_a_manager_overrides_a_milestone_and_clears_it_again(client, valentines, people):  # noqa: F811
    client.force_login(people["manager"])
    page = client.get(change_url(valentines))
    response = client.post(change_url(valentines), posted(page, copy_due=25, review_due=18))
    assert response.status_code == 302, response.context["adminform"].form.errors
    valentines.refresh_from_db()
    assert valentines.milestone_days == {"copy_due": 25, "review_due": 18}
    page = client.get(change_url(valentines))
    assert 'name="milestone_days_copy_due" value="25"' in page.content.decode()
    client.post(change_url(valentines), posted(page))
    valentines.refresh_from_db()
    assert valentines.milestone_days == {}


@pytest.mark.parametrize("milestones, says", [
    ({"review_due": 25}, "Review due (25 days before the occasion) would come before Copy due (21 days before)"),
    ({"go_live": -2}, "Go-live 2 days after the occasion starts would be too late"),
    ({"export_due": -1}, "Export due 1 day after the occasion would come after go-live"),
])
def test_a_milestone_out_of_place_is_refused_on_the_page_as_the_scheduler_says(client, valentines, people, milestones, says):  # noqa: F811
    client.force_login(people["manager"])
    page = client.get(change_url(valentines))
    response = client.post(change_url(valentines), posted(page, **milestones))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["milestone_days"])
    assert says in errors
    assert errors == " ".join(scheduling.timing_problems(milestone_days=milestones)["milestone_days"])
    valentines.refresh_from_db()
    assert valentines.milestone_days == {}


def test_repeats_yearly_is_set_on_the_page(client, valentines, people):  # noqa: F811
    client.force_login(people["manager"])
    page = client.get(change_url(valentines))
    data = posted(page)
    data["repeats_yearly"] = "on"
    assert client.post(change_url(valentines), data).status_code == 302
    valentines.refresh_from_db()
    assert valentines.repeats_yearly


def test_the_year_and_last_years_campaign_are_shown_not_edited(client, valentines, people):  # noqa: F811
    valentines.repeats_yearly = True
    valentines.save()
    next_year = scheduling.repeat_campaign(campaign=valentines)
    client.force_login(people["manager"])
    html = client.get(change_url(next_year)).content.decode()
    assert 'name="year"' not in html and "2028" in html
    assert f'<a href="{change_url(valentines)}">Valentine&#x27;s 2027</a>' in html
    this_year = client.get(change_url(valentines)).content.decode()
    assert f'<a href="{change_url(next_year)}">Valentine&#x27;s 2028</a>' in this_year
    page = client.get(change_url(next_year))
    data = posted(page)
    data["year"] = "1999"
    assert client.post(change_url(next_year), data).status_code == 302
    assert Campaign.objects.get(pk=next_year.pk).year == 2028


def test_each_market_row_has_its_lead_days_and_the_day_it_opened(client, valentines, people):  # noqa: F811
    client.force_login(people["manager"])
    page = client.get(change_url(valentines))
    html = page.content.decode()
    assert 'name="campaign_markets-0-lead_days"' in html
    opened = [re.sub(r"\s+", " ", cell) for cell in re.findall(r'<td class="field-opened">(.*?)</td>', html, re.S)]
    assert " <p>May 13, 2027</p> " in opened and " <p>—</p> " in opened  # Brazil opened on its launch day; Germany not yet
    assert 'name="campaign_markets-0-opened_on"' not in html
    rows = {form.instance.market.code: index for index, form in enumerate(page.context["inline_admin_formsets"][0].formset)}
    data = posted(page)
    data[f"campaign_markets-{rows['DE']}-lead_days"] = "45"
    assert client.post(change_url(valentines), data).status_code == 302
    assert valentines.campaign_markets.get(market__code="DE").lead_days == 45


def test_a_copywriter_reads_the_milestones_as_days(client, valentines, people):  # noqa: F811
    type(valentines).objects.filter(pk=valentines.pk).update(milestone_days={"copy_due": 25})
    client.force_login(people["copywriter"])
    html = client.get(change_url(valentines)).content.decode()
    assert 'name="milestone_days_copy_due"' not in html
    assert "Copy due: 25 days before" in html and "Review due: 14 days before (default)" in html


def test_a_market_opened_late_says_so(client, people, calendar):  # noqa: F811
    campaign = make_campaign(people, calendar, ["BR"])
    scheduling.schedule_due_campaigns(today=date(2027, 5, 16))
    client.force_login(people["manager"])
    html = client.get(change_url(campaign)).content.decode()
    assert re.search(r'<td class="field-opened">\s*<p>May 16, 2027 \(late\)</p>', html)
