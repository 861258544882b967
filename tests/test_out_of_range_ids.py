"""An id past any database's integers, in a list filter or a URL, answers an empty list or 'not found',
never a server error (issue 21, item 1): on SQLite and PostgreSQL alike."""
import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 25  # past a 64-bit integer


@pytest.mark.parametrize("url", [
    f"/admin/localization/copyvariant/?campaign__id__exact={HUGE}",
    f"/admin/localization/copyvariant/?campaign={HUGE}",
    f"/admin/localization/copyvariant/?market__id__exact={HUGE}",
    f"/admin/localization/copyvariant/?copywriter__id__exact={HUGE}",
    f"/admin/localization/campaign/?occasion__id__exact={HUGE}",
    f"/admin/localization/campaign/?markets__id__exact={HUGE}",
    f"/admin/localization/glossaryterm/?market__id__exact={HUGE}",
    f"/admin/localization/marketassignment/?market__id__exact={HUGE}",
    f"/admin/localization/review/?variant__market__id__exact={HUGE}",
    f"/admin/localization/bundleexport/?campaign__id__exact={HUGE}",
    f"/admin/calendars/occasion/?markets__id__exact={HUGE}",
    f"/admin/calendars/occurrence/?market__id__exact={HUGE}",
    f"/admin/calendars/occurrence/?occasion__id__exact={HUGE}&year={HUGE}",
])
def test_a_list_filtered_by_a_huge_id_is_an_empty_list(client, people, url):
    client.force_login(people["admin"])
    response = client.get(url)
    assert response.status_code in (200, 302)  # the list, or Django's redirect for a filter it cannot use
    if response.status_code == 200:
        assert 'class="paginator"' in response.content.decode()
        assert "0 " in response.content.decode().split('class="paginator"')[1][:200]


@pytest.mark.parametrize("url", [
    f"/admin/localization/copyvariant/{HUGE}/change/",
    f"/admin/localization/copyvariant/{HUGE}/landing-preview/",
    f"/admin/localization/campaign/{HUGE}/change/",
    f"/admin/localization/bundleexport/{HUGE}/download/",
    f"/admin/calendars/occurrence/{HUGE}/change/",
])
def test_a_page_of_a_huge_id_is_not_found(client, people, url):
    client.force_login(people["admin"])
    response = client.get(url)
    assert response.status_code in (302, 404)  # admin says "does not exist" on its index, or 404
