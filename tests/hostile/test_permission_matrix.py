"""Who may open what: every URL of the URL configuration (the admin's included, object URLs filled with real ids)
× every role × GET and POST, and every admin action × every role, against a table of what each role must get.

A URL or an action the table does not name fails the test with its name: a new page is given its expectations
here when it is added. Another market's objects (a copywriter of Brazil asking for Germany's copy) are asked for
too, and answer exactly like an id that does not exist.

Outcomes: "200", "403", "404", "405", "302" (sent elsewhere), "login" (sent to the login page); "G/P" when GET
and POST differ. Actions: "done" (it ran: the object or its exports changed), "refused" (a message says why;
nothing changed), "nothing" (the object is not in the role's list: nothing changed), "not offered" (the action is
not the role's: the list again, nothing changed), "page" (a page asks more or says why it cannot), "file" (a
download), "login", "403".
"""
import pytest

from tests.hostile.urlmatrix import OTHER_MARKET, act, actions, addresses, ask, outcome, url_of
from tests.hostile.world import ROLES, build_world

pytestmark = pytest.mark.django_db

# Models whose objects belong to a market: their object URLs are asked for with another market's object too.
MODELS_WITH_MARKETS = {"localization.copyvariant", "localization.campaign", "localization.review", "localization.marketassignment"}


def row(**per_role):
    """{role: (GET outcome, POST outcome)} from "200" or "200/403"."""
    assert set(per_role) == set(ROLES), f"name every role: {sorted(set(ROLES) - set(per_role))}"
    return {role: tuple((text.split("/") * 2)[:2]) for role, text in per_role.items()}


URLS = {
    "": row(anonymous="302", copywriter="302", reviewer="302", manager="302", admin="302"),
    "set_language": row(anonymous="302", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:index": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:login": row(anonymous="200", copywriter="302/200", reviewer="302/200", manager="302/200", admin="302/200"),
    "admin:logout": row(anonymous="302", copywriter="405/200", reviewer="405/200", manager="405/200", admin="405/200"),
    "admin:password_change": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:password_change_done": row(anonymous="login", copywriter="200/405", reviewer="200/405", manager="200/405", admin="200/405"),
    "admin:autocomplete": row(anonymous="login", copywriter="403/405", reviewer="403/405", manager="403/405", admin="403/405"),
    "admin:jsi18n": row(anonymous="login", copywriter="200/405", reviewer="200/405", manager="200/405", admin="200/405"),
    "admin:view_on_site": row(anonymous="login", copywriter="404", reviewer="404", manager="404", admin="404"),
    "admin:auth_group_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_group_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_group_history": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_group_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_group_change": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin/auth/group/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:calendars_occasion_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_occasion_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:calendars_occasion_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_occasion_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:calendars_occasion_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200", admin="200"),
    "admin/calendars/occasion/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:calendars_occurrence_month": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_occurrence_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_occurrence_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:calendars_occurrence_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_occurrence_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:calendars_occurrence_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200", admin="200"),
    "admin/calendars/occurrence/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_campaign_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_campaign_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_campaign_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_campaign_history @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="200", admin="200"),
    "admin:localization_campaign_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_campaign_delete @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_campaign_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200", admin="200"),
    "admin:localization_campaign_change @other market": row(anonymous="login", copywriter="302/403", reviewer="302/403", manager="200", admin="200"),
    "admin/localization/campaign/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin/localization/campaign/<path:object_id>/ @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_glossaryterm_import": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_glossaryterm_export": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_glossaryterm_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_glossaryterm_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_glossaryterm_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_glossaryterm_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_glossaryterm_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200", admin="200"),
    "admin/localization/glossaryterm/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_marketassignment_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_marketassignment_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_marketassignment_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_marketassignment_history @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_marketassignment_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_marketassignment_delete @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_marketassignment_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200/403", admin="200/403"),
    "admin:localization_marketassignment_change @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="200/403", admin="200/403"),
    "admin/localization/marketassignment/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin/localization/marketassignment/<path:object_id>/ @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:auth_user_password_change": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_user_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:auth_user_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_user_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:auth_user_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:auth_user_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200/403", admin="200"),
    "admin/auth/user/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:calendars_market_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_market_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:calendars_market_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:calendars_market_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:calendars_market_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200", admin="200"),
    "admin/calendars/market/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_copyvariant_approve": row(anonymous="login", copywriter="405/302", reviewer="405/302", manager="405/302", admin="405/302"),
    "admin:localization_copyvariant_approve @other market": row(anonymous="login", copywriter="405/404", reviewer="405/404", manager="405/302", admin="405/302"),
    "admin:localization_copyvariant_request_changes": row(anonymous="login", copywriter="405/302", reviewer="405/302", manager="405/302", admin="405/302"),
    "admin:localization_copyvariant_request_changes @other market": row(anonymous="login", copywriter="405/404", reviewer="405/404", manager="405/302", admin="405/302"),
    "admin:localization_copyvariant_check": row(anonymous="login", copywriter="405/200", reviewer="405/200", manager="405/200", admin="405/200"),
    "admin:localization_copyvariant_check @other market": row(anonymous="login", copywriter="405/404", reviewer="405/404", manager="405/200", admin="405/200"),
    "admin:localization_copyvariant_landing_preview": row(anonymous="login", copywriter="200/405", reviewer="200/405", manager="200/405", admin="200/405"),
    "admin:localization_copyvariant_landing_preview @other market": row(anonymous="login", copywriter="404/405", reviewer="404/405", manager="200/405", admin="200/405"),
    "admin:localization_copyvariant_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_copyvariant_add": row(anonymous="login", copywriter="200", reviewer="403", manager="200", admin="200"),
    "admin:localization_copyvariant_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_copyvariant_history @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="200", admin="200"),
    "admin:localization_copyvariant_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_copyvariant_delete @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_copyvariant_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200", admin="200"),
    "admin:localization_copyvariant_change @other market": row(anonymous="login", copywriter="404", reviewer="404", manager="200", admin="200"),
    "admin/localization/copyvariant/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin/localization/copyvariant/<path:object_id>/ @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_review_changelist": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_review_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:localization_review_history": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin:localization_review_history @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="200", admin="200"),
    "admin:localization_review_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:localization_review_delete @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:localization_review_change": row(anonymous="login", copywriter="200/403", reviewer="200/403", manager="200/403", admin="200/403"),
    "admin:localization_review_change @other market": row(anonymous="login", copywriter="302/403", reviewer="302/403", manager="200/403", admin="200/403"),
    "admin/localization/review/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin/localization/review/<path:object_id>/ @other market": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_bundleexport_download": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_bundleexport_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_bundleexport_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_bundleexport_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_bundleexport_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_bundleexport_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200/403", admin="200/403"),
    "admin/localization/bundleexport/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_pagelabel_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_pagelabel_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_pagelabel_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_pagelabel_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:localization_pagelabel_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin/localization/pagelabel/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_regionalplaybook_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_regionalplaybook_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_regionalplaybook_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_regionalplaybook_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_regionalplaybook_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin/localization/regionalplaybook/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_sellerdetails_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_sellerdetails_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_sellerdetails_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_sellerdetails_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_sellerdetails_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin/localization/sellerdetails/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:localization_brand_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_brand_add": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_brand_history": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_brand_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin:localization_brand_change": row(anonymous="login", copywriter="403", reviewer="403", manager="200", admin="200"),
    "admin/localization/brand/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:app_list": row(anonymous="login", copywriter="200", reviewer="200", manager="200", admin="200"),
    "admin/(?P<url>.*)$": row(anonymous="login", copywriter="404", reviewer="404", manager="404", admin="404"),
    "localization:user_feed": row(anonymous="200/405", copywriter="200/405", reviewer="200/405", manager="200/405", admin="200/405"),
    "localization:new_calendar_address": row(anonymous="login", copywriter="405/302", reviewer="405/302", manager="405/302", admin="405/302"),
    "localization:turn_off_calendar": row(anonymous="login", copywriter="405/302", reviewer="405/302", manager="405/302", admin="405/302"),
    "calendars:market_feed": row(anonymous="200/405", copywriter="200/405", reviewer="200/405", manager="200/405", admin="200/405"),
    # Login throttling's records (django-axes): administrators only; nobody adds one by hand.
    "admin:axes_accessattempt_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accessattempt_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:axes_accessattempt_history": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accessattempt_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accessattempt_change": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200/302"),
    "admin/axes/accessattempt/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:axes_accesslog_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accesslog_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:axes_accesslog_history": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accesslog_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accesslog_change": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200/302"),
    "admin/axes/accesslog/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
    "admin:axes_accessfailurelog_changelist": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accessfailurelog_add": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="403"),
    "admin:axes_accessfailurelog_history": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accessfailurelog_delete": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200"),
    "admin:axes_accessfailurelog_change": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="200/302"),
    "admin/axes/accessfailurelog/<path:object_id>/": row(anonymous="login", copywriter="302", reviewer="302", manager="302", admin="302"),
}

ACTIONS = {
    "auth.group.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="done"),
    "auth.user.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="not offered", admin="page"),
    "calendars.market.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="not offered", admin="page"),
    "calendars.occasion.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="403", admin="403"),
    "calendars.occurrence.confirm_dates": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="done", admin="done"),
    "calendars.occurrence.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="not offered", admin="not offered"),
    "localization.brand.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="done", admin="done"),
    "localization.bundleexport.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="done", admin="done"),
    "localization.bundleexport.run_again": row(anonymous="login", copywriter="403", reviewer="403", manager="refused", admin="refused"),
    "localization.campaign.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="403", admin="403"),
    "localization.campaign.delete_selected @other market": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="403", admin="403"),
    "localization.campaign.export_landing_pages": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="done", admin="done"),
    "localization.campaign.export_landing_pages @other market": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="done", admin="done"),
    "localization.copyvariant.approve_selected": row(anonymous="login", copywriter="not offered", reviewer="done", manager="refused", admin="done"),
    "localization.copyvariant.approve_selected @other market": row(anonymous="login", copywriter="not offered", reviewer="nothing", manager="refused", admin="done"),
    "localization.copyvariant.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="403", admin="403"),
    "localization.copyvariant.delete_selected @other market": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="403", admin="403"),
    "localization.copyvariant.request_changes_selected": row(anonymous="login", copywriter="not offered", reviewer="done", manager="refused", admin="done"),
    "localization.copyvariant.request_changes_selected @other market": row(anonymous="login", copywriter="not offered", reviewer="nothing", manager="refused", admin="done"),
    "localization.copyvariant.submit_selected": row(anonymous="login", copywriter="refused", reviewer="not offered", manager="not offered", admin="refused"),
    "localization.copyvariant.submit_selected @other market": row(anonymous="login", copywriter="nothing", reviewer="not offered", manager="not offered", admin="refused"),
    "localization.glossaryterm.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="done", admin="done"),
    "localization.glossaryterm.export_selected": row(anonymous="login", copywriter="file", reviewer="file", manager="file", admin="file"),
    "localization.marketassignment.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="done", admin="done"),
    "localization.marketassignment.delete_selected @other market": row(anonymous="login", copywriter="403", reviewer="403", manager="done", admin="done"),
    "localization.pagelabel.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="not offered", admin="not offered"),
    "localization.regionalplaybook.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="done", admin="done"),
    "localization.review.delete_selected": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="not offered", admin="not offered"),
    "localization.review.delete_selected @other market": row(anonymous="login", copywriter="not offered", reviewer="not offered", manager="not offered", admin="not offered"),
    "localization.sellerdetails.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="done", admin="done"),
    "axes.accessattempt.cleanup_expired_attempts": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="reported"),
    "axes.accessattempt.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="done"),
    "axes.accessfailurelog.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="done"),
    "axes.accesslog.delete_selected": row(anonymous="login", copywriter="403", reviewer="403", manager="403", admin="done"),
}


@pytest.fixture
def world(people, markets, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # the done export's zip
    return build_world(people, markets)


def test_every_url_and_action_has_an_expectation():
    unnamed_urls = sorted({address.key for address in addresses(MODELS_WITH_MARKETS)} - set(URLS))
    assert not unnamed_urls, "These URLs have no expectation in URLS; say what each role gets:\n" + "\n".join(unnamed_urls)
    keys = set()
    for label, name, _url in actions():
        keys.add(f"{label}.{name}")
        if label in MODELS_WITH_MARKETS:
            keys.add(f"{label}.{name}{OTHER_MARKET}")
    unnamed_actions = sorted(keys - set(ACTIONS))
    assert not unnamed_actions, "These admin actions have no expectation in ACTIONS:\n" + "\n".join(unnamed_actions)


def test_every_url_answers_each_role_as_the_table_says(world):
    wrong = []
    for address in addresses(MODELS_WITH_MARKETS):
        expected = URLS.get(address.key)
        if expected is None:
            continue  # said by the test above
        url = url_of(address, world)
        for role in ROLES:
            got = tuple(str(outcome(ask(world, role, method, url))) for method in ("get", "post"))
            if got != expected[role]:
                wrong.append(f"{address.key} ({url}) as {role}: expected {'/'.join(expected[role])}, got {'/'.join(got)}")
    assert not wrong, f"{len(wrong)} answers differ from the table:\n" + "\n".join(wrong)


def test_another_markets_object_answers_like_one_that_does_not_exist(world):
    """For a copywriter and a reviewer of Brazil, Germany's copy, campaign, history and assignments are not there."""
    different = []
    checked = 0
    for address in addresses(MODELS_WITH_MARKETS):
        if not address.other_market:
            continue
        url = url_of(address, world)
        pk = world.foreign[address.model].pk
        missing = url.replace(f"/{pk}/", "/987654321/")
        assert missing != url
        for role in ("copywriter", "reviewer"):
            for method in ("get", "post"):
                foreign, absent = ask(world, role, method, url), ask(world, role, method, missing)
                checked += 1
                # The same answer, and the same address to go to (the id itself aside).
                where = (foreign.get("Location") or "").replace(f"/{pk}/", "/987654321/")
                if (foreign.status_code, where) != (absent.status_code, absent.get("Location") or ""):
                    different.append(f"{address.key} as {role} ({method.upper()}): {foreign.status_code} but {absent.status_code} for a missing id")
                body = foreign.content.decode("utf-8", "replace")
                for secret in ("Oktober", "Prost auf den Herbst", "erik"):
                    if secret in body:
                        different.append(f"{address.key} as {role} ({method.upper()}) shows {secret!r}")
    assert checked >= 40
    assert not different, "\n".join(different)


def test_every_bulk_action_does_for_each_role_what_the_table_says(world):
    wrong = []
    for label, name, url in actions():
        targets = [("", {**world.objects, **world.own}.get(label))]
        if label in MODELS_WITH_MARKETS:
            targets.append((OTHER_MARKET, world.foreign[label]))
        for suffix, target in targets:
            expected = ACTIONS.get(f"{label}.{name}{suffix}")
            if expected is None:
                continue  # said by the first test
            assert target is not None, f"the world has no {label} to select"
            for role in ROLES:
                got = str(act(world, role, label, name, url, target))
                if got != expected[role][0]:
                    wrong.append(f"{label}.{name}{suffix} as {role}: expected {expected[role][0]}, got {got}")
    assert not wrong, f"{len(wrong)} actions differ from the table:\n" + "\n".join(wrong)
