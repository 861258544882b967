"""Who is reminded: each milestone's people (the market's copywriters and reviewers, the campaign's owner)."""
from django.contrib.auth import get_user_model

from .. import access
from ..models import CampaignMarket, CopyVariant, MarketAssignment, Milestone, Role

# Who acts on each: the market's copywriters, its cultural reviewers, the campaign's owner.
WRITERS, REVIEWERS, OWNER = "writers", "reviewers", "owner"
RECIPIENTS = {
    Milestone.KICKOFF: (WRITERS, REVIEWERS),
    Milestone.COPY_DUE: (WRITERS,),
    Milestone.REVIEW_DUE: (REVIEWERS,),
    Milestone.EXPORT_DUE: (OWNER,),
    Milestone.GO_LIVE: (OWNER,),
    Milestone.DATE_CHANGED: (WRITERS, REVIEWERS, OWNER),
}


class People:
    """Who the reminders about some campaign markets go to, read in three queries for all of them.

    The writers are the copywriters assigned to the campaign's copy in the market, else every copywriter
    of the market; the reviewers are the market's; the owner is the campaign's, else every campaign
    manager. Only active people with an address.
    """

    def __init__(self, campaign_markets):
        market_ids = {campaign_market.market_id for campaign_market in campaign_markets}
        self.by_market = {market_id: {WRITERS: {}, REVIEWERS: {}} for market_id in market_ids}
        for assignment in MarketAssignment.objects.filter(
            market_id__in=market_ids, user__is_active=True, user__email__gt=""
        ).select_related("user"):
            role = WRITERS if assignment.role == Role.COPYWRITER else REVIEWERS
            self.by_market[assignment.market_id][role][assignment.user_id] = assignment.user
        self.chosen = {}
        for variant in CopyVariant.objects.filter(
            campaign_id__in={campaign_market.campaign_id for campaign_market in campaign_markets}, market_id__in=market_ids,
            copywriter__is_active=True, copywriter__email__gt="",
        ).select_related("copywriter"):
            self.chosen.setdefault((variant.campaign_id, variant.market_id), {})[variant.copywriter_id] = variant.copywriter
        self._managers = None

    def managers(self):
        if self._managers is None:
            self._managers = list(
                get_user_model().objects.filter(is_active=True, email__gt="", groups__name=access.MANAGERS).distinct().order_by("username")
            )
        return self._managers

    def of(self, role, campaign, market_id):
        if role == OWNER:
            owner = campaign.owner
            return [owner] if owner is not None and owner.is_active and owner.email else self.managers()
        people = self.chosen.get((campaign.pk, market_id)) if role == WRITERS else None
        return sorted((people or self.by_market[market_id][role]).values(), key=lambda user: user.username)

    def for_milestone(self, milestone, campaign, market_id):
        """The people a milestone's reminder goes to, each once."""
        found = {}
        for role in RECIPIENTS[milestone]:
            for user in self.of(role, campaign, market_id):
                found.setdefault(user.pk, user)
        return list(found.values())


def assignees(campaign, market_ids):
    """{market id: {WRITERS: [users], REVIEWERS: [users], OWNER: [users]}}: who the campaign's reminders there go to."""
    offers = [CampaignMarket(campaign=campaign, market_id=market_id) for market_id in market_ids]
    people = People(offers)
    return {market_id: {role: people.of(role, campaign, market_id) for role in (WRITERS, REVIEWERS, OWNER)} for market_id in market_ids}
