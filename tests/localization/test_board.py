"""The board says what is due for whom: copy sent back to its writer, copy waiting for a reviewer who may
decide on it (four eyes), each person's milestones this week, the next 60 days per market, and each
campaign's markets; managers see every market, others their own."""
from datetime import date, timedelta

import pytest

from localization import access, board, review, scheduling
from localization.models import CopyVariant, Milestone, State
from tests.conftest import make_person
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

OPENS = date(2027, 5, 13)  # Brazil's launch day for Dia dos Namorados (12 June 2027)
TODAY = date(2027, 5, 25)  # copy was due on 22 May, review is due on 29 May


@pytest.fixture
def valentines(people, calendar):  # noqa: F811
    """Valentine's 2027 in Brazil (opened on 13 May for 12 June), Mexico (over since February) and Germany."""
    campaign = make_campaign(people, calendar, ["BR", "MX", "DE"])
    scheduling.schedule_due_campaigns(today=date(2027, 1, 15))
    scheduling.schedule_due_campaigns(today=OPENS)
    return campaign


def variant(campaign, code):
    return CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code=code)


def write(copy, user, **text):
    review.save_copy(variant=copy, user=user, expected_version=copy.version, **(text or {"headline": "Liebe und amor", "body": "Presentes e Geschenke."}))
    copy.refresh_from_db()
    return copy


def submitted(campaign, code, writer):
    copy = write(variant(campaign, code), writer)
    review.submit(variant=copy, user=writer)
    copy.refresh_from_db()
    return copy


# Sent back, waiting for review --------------------------------------------------------------------


def test_copy_sent_back_shows_to_its_writer_with_the_reviewers_note(valentines, people):  # noqa: F811
    copy = submitted(valentines, "BR", people["copywriter"])
    review.request_changes(variant=copy, user=people["reviewer"], note="Diga 'presente', não 'lembrança'.")
    [item] = board.sent_back_to(people["copywriter"])
    assert item.variant == copy
    assert (item.request.note, item.request.actor) == ("Diga 'presente', não 'lembrança'.", people["reviewer"])
    assert board.sent_back_to(people["reviewer"]) == []
    assert board.sent_back_to(people["manager"]) == []


def test_copy_in_review_waits_for_the_markets_reviewer_only(valentines, people):  # noqa: F811
    copy = submitted(valentines, "BR", people["copywriter"])
    assert [item.variant for item in board.waiting_for_review_by(people["reviewer"])] == [copy]
    assert board.waiting_for_review_by(people["mx_reviewer"]) == []
    assert board.waiting_for_review_by(people["copywriter"]) == []
    # The manager stands in only where the market's reviewers all wrote the copy; Brazil's did not.
    assert board.waiting_for_review_by(people["manager"]) == []


def test_copy_a_reviewer_edited_waits_for_someone_else_four_eyes(valentines, people, markets):  # noqa: F811
    eva = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["DE"]], reviews=[markets["DE"]])
    copy = submitted(valentines, "DE", eva)
    assert board.waiting_for_review_by(eva) == []
    # Germany's only reviewer wrote it: the campaign managers stand in, said so.
    [item] = board.waiting_for_review_by(people["manager"])
    assert (item.variant, item.stand_in) == (copy, True)


def test_the_board_agrees_with_the_workflow_on_who_may_decide(valentines, people, markets):  # noqa: F811
    """For every person and every copy in review: on their board exactly when review.may_decide and four eyes allow."""
    eva = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["DE"], markets["BR"]], reviews=[markets["DE"]])
    submitted(valentines, "BR", eva)
    submitted(valentines, "DE", eva)
    everyone = [*people.values(), eva]
    for person in everyone:
        person = type(person).objects.get(pk=person.pk)  # fresh caches
        on_board = {item.variant.pk for item in board.waiting_for_review_by(person)}
        for copy in CopyVariant.objects.filter(state=State.IN_REVIEW).select_related("campaign", "market"):
            may = review.may_decide(person, copy) and person.pk not in access.authors(copy)
            assert (copy.pk in on_board) == may, (person.username, copy)


# Due this week ------------------------------------------------------------------------------------


def test_due_this_week_lists_the_persons_milestones_overdue_first(valentines, people):  # noqa: F811
    [copy_due] = board.due_this_week(people["copywriter"], today=TODAY)
    assert (copy_due.milestone, copy_due.due_on, copy_due.overdue, copy_due.market.code) == (Milestone.COPY_DUE, date(2027, 5, 22), True, "BR")
    assert copy_due.occasion == "Brazilian Valentine's Day (Dia dos Namorados)"
    assert copy_due.url == f"/admin/localization/copyvariant/{variant(valentines, 'BR').pk}/change/"
    [review_due] = board.due_this_week(people["reviewer"], today=TODAY)
    assert (review_due.milestone, review_due.due_on, review_due.overdue) == (Milestone.REVIEW_DUE, date(2027, 5, 29), False)
    assert board.due_this_week(people["mx_reviewer"], today=TODAY) == []  # Mexico's Valentine's was in February


def test_a_met_milestone_is_no_longer_overdue(valentines, people):  # noqa: F811
    submitted(valentines, "BR", people["copywriter"])
    assert board.due_this_week(people["copywriter"], today=TODAY) == []
    [kickoff] = board.due_this_week(people["copywriter"], today=OPENS)
    assert kickoff.milestone == Milestone.KICKOFF


# The next 60 days ---------------------------------------------------------------------------------


def test_the_next_60_days_show_each_of_the_persons_markets_with_occasions_and_launch_windows(valentines, people):  # noqa: F811
    timeline = board.coming_days(people["reviewer"], today=date(2027, 5, 20))
    [brazil] = timeline.rows
    assert brazil.market.code == "BR" and len(timeline.days) == 60
    [window] = [bar for bar in brazil.bars if bar.kind == "campaign"]
    assert (window.label, window.column, window.span, window.continues_before) == ("Valentine's 2027", 1, 24, True)
    dia = next(bar for bar in brazil.bars if bar.starts_on == date(2027, 6, 12) and bar.kind != "campaign")
    assert dia.column == 24 and "Dia dos Namorados" in dia.label
    lanes = {}
    for bar in brazil.bars:  # bars sharing a lane never overlap
        for day in range(bar.column, bar.column + bar.span):
            assert (bar.lane, day) not in lanes, (bar, lanes[(bar.lane, day)])
            lanes[(bar.lane, day)] = bar


def test_managers_see_every_market_with_something_on_and_others_their_own(valentines, people):  # noqa: F811
    writer = board.coming_days(people["copywriter"], today=date(2027, 5, 20))
    assert [row.market.code for row in writer.rows] == ["BR", "MX"]
    manager = board.coming_days(people["manager"], today=date(2027, 5, 20))
    codes = [row.market.code for row in manager.rows]
    assert {"BR", "US", "JP"} <= set(codes) and codes == sorted(codes)
    assert len(codes) + manager.quiet_markets == len(board.visible_markets(people["manager"]))


# Campaign x market --------------------------------------------------------------------------------


def test_each_campaign_market_shows_copy_checks_launch_day_next_milestone_and_what_is_overdue(valentines, people):  # noqa: F811
    write(variant(valentines, "BR"), people["copywriter"])
    matrix = board.campaign_matrix([valentines], user=people["manager"], today=TODAY)
    assert [market.code for market in matrix.markets] == ["BR", "DE", "MX"]
    [row] = matrix.rows
    brazil, germany, mexico = row.cells
    assert brazil.launch_on == OPENS and brazil.campaign_market.opened_on == OPENS
    assert brazil.next_milestone == (Milestone.REVIEW_DUE.label, date(2027, 5, 29))
    assert brazil.overdue == [(Milestone.COPY_DUE.label, date(2027, 5, 22))] and row.overdue
    assert [copy.state for copy, _url in brazil.copies] == [State.DRAFT]
    assert brazil.checks.kind in {"clean", "warning", "error"}
    assert germany.checks.kind == "unwritten"
    assert mexico.over and not mexico.overdue


def test_the_matrix_shows_a_person_only_their_markets(valentines, people):  # noqa: F811
    assert [m.code for m in board.campaign_matrix([valentines], user=people["reviewer"], today=TODAY).markets] == ["BR"]
    assert [m.code for m in board.campaign_matrix([valentines], user=people["copywriter"], today=TODAY).markets] == ["BR", "MX"]


def test_the_matrix_reads_progress_as_the_scheduler_does(valentines, people):  # noqa: F811
    for today in (date(2027, 1, 1), OPENS, TODAY, date(2027, 6, 12), date(2027, 6, 20)):
        expected = {p.campaign_market.market_id: p for p in scheduling.campaign_progress(valentines, today=today)}
        progress, problem = board.progress_of([valentines], today=today)[valentines.pk]
        assert problem == ""
        assert {p.campaign_market.market_id: (p.launch_on, p.milestones, p.occurrence) for p in progress} == {
            market_id: (p.launch_on, p.milestones, p.occurrence) for market_id, p in expected.items()
        }


def test_a_campaign_whose_milestones_are_wrong_says_so_on_the_board(valentines, people):  # noqa: F811
    type(valentines).objects.filter(pk=valentines.pk).update(milestone_days={"review_due": 30})
    valentines.refresh_from_db()
    [row] = board.campaign_matrix([valentines], user=people["manager"], today=TODAY).rows
    assert "Review due" in row.problem


def test_the_board_lists_the_campaigns_of_the_coming_days(valentines, people):  # noqa: F811
    found = board.for_user(people["copywriter"], today=TODAY)
    assert [row.campaign for row in found.matrix.rows] == [valentines]
    assert board.for_user(people["copywriter"], today=TODAY + timedelta(days=60)).matrix.rows == []
