"""Who may do what to which market's copy: groups give the role, assignments give the markets."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from calendars.models import Market

from .models import AssignmentChange, CampaignMarket, MarketAssignment, Review, Role

COPYWRITERS = "Copywriter"
REVIEWERS = "Cultural reviewer"
MANAGERS = "Campaign manager"


def _group_names(user):
    if not hasattr(user, "_glocal_groups"):
        user._glocal_groups = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
    return user._glocal_groups


def is_manager(user):
    """Campaign managers and administrators see every market."""
    return user.is_active and (user.is_superuser or MANAGERS in _group_names(user))


def assigned_market_ids(user, role):
    """Ids of the markets the user is assigned to in that role (cached on the user object)."""
    cache = user.__dict__.setdefault("_glocal_markets", {})
    if role not in cache:
        cache[role] = (
            set(MarketAssignment.objects.filter(user=user, role=role).values_list("market_id", flat=True))
            if user.is_authenticated and user.is_active
            else set()
        )
    return cache[role]


def may_write(user, market_id):
    return user.is_active and (user.is_superuser or market_id in assigned_market_ids(user, Role.COPYWRITER))


def may_review(user, market_id):
    """Whether the user reviews the market's copy: its cultural reviewers (an administrator too, where the
    market has one; ``review.decides_on`` holds every decision to a market with a reviewer)."""
    return user.is_active and (user.is_superuser or market_id in assigned_market_ids(user, Role.REVIEWER))


def writes_any_market(user):
    """Whether the user writes copy somewhere, so submitting copy is something they can ever do."""
    return user.is_active and (user.is_superuser or bool(assigned_market_ids(user, Role.COPYWRITER)))


def decides_in_any_market(user):
    """Whether approving or sending back copy is something the user can ever do: a reviewer of some
    market, or a campaign manager (who stands in where a market's reviewers all wrote the copy)."""
    return user.is_active and (is_manager(user) or bool(assigned_market_ids(user, Role.REVIEWER)))


def visible_variants(user, queryset):
    """The variants a user's lists show: managers see all, others their markets."""
    if is_manager(user):
        return queryset
    markets = assigned_market_ids(user, Role.COPYWRITER) | assigned_market_ids(user, Role.REVIEWER)
    return queryset.filter(market_id__in=markets)


def own_market_ids(user):
    """The markets a copywriter or reviewer works in; None for managers, who see every market."""
    if is_manager(user):
        return None
    return assigned_market_ids(user, Role.COPYWRITER) | assigned_market_ids(user, Role.REVIEWER)


def visible_campaigns(user, queryset):
    """The campaigns a person's lists show: managers see all, others only campaigns that run in one of their markets."""
    markets = own_market_ids(user)
    if markets is None:
        return queryset
    return queryset.filter(Exists(CampaignMarket.objects.filter(campaign=OuterRef("pk"), market_id__in=markets)))


def visible_offers(user, queryset):
    """A campaign's market rows (their prices, dates and shop links) a person sees: their markets' only."""
    markets = own_market_ids(user)
    return queryset if markets is None else queryset.filter(market_id__in=markets)


def visible_markets(user):
    """The markets a person's board shows: every market for campaign managers, else those they write or review."""
    if is_manager(user):
        return Market.objects.all()
    ids = assigned_market_ids(user, Role.COPYWRITER) | assigned_market_ids(user, Role.REVIEWER)
    return Market.objects.filter(pk__in=ids)


def market_reviewers(market_id):
    User = get_user_model()
    return User.objects.filter(
        is_active=True, market_assignments__market_id=market_id, market_assignments__role=Role.REVIEWER
    ).distinct()


def authors(variant):
    """Everyone who edited the copy since it was last approved (all editors if never): four eyes
    means none of them approves it, not only the last one."""
    edits = Review.objects.filter(variant_id=variant.pk, action=Review.Action.EDIT)
    last_approval = (
        Review.objects.filter(variant_id=variant.pk, action=Review.Action.APPROVE).order_by("-id").values_list("id", flat=True).first()
    )
    if last_approval:
        edits = edits.filter(id__gt=last_approval)
    found = set(edits.exclude(actor=None).values_list("actor_id", flat=True))
    return found | ({variant.last_edited_by_id} if variant.last_edited_by_id else set())


def has_reviewer(market_id):
    """Whether the market has a cultural reviewer: without one, its copy cannot be approved by anyone."""
    return market_reviewers(market_id).exists()


def eligible_approvers(variant):
    """Who may approve this variant now: the market's reviewers but its authors (four eyes);
    where the market's reviewers all wrote it, the campaign's owner and the campaign managers stand in.
    Nobody, where the market has no cultural reviewer at all: a cultural review cannot be stood in for."""
    User = get_user_model()
    excluded = authors(variant)
    every_reviewer = list(market_reviewers(variant.market_id).order_by("username"))
    if not every_reviewer:
        return []
    reviewers = [user for user in every_reviewer if user.pk not in excluded]
    if reviewers:
        return reviewers
    backups = User.objects.filter(is_active=True).filter(
        Q(groups__name=MANAGERS) | Q(pk=variant.campaign.owner_id)
    ).exclude(pk__in=excluded).distinct().order_by("username")
    return list(backups)


# Assigning people ----------------------------------------------------------------------------------


class SelfAssignment(PermissionDenied):
    """Nobody grants a role to themselves: four eyes begins with who may review."""


def assignment_refusal(*, by, user):
    """Why ``by`` may not assign ``user`` a role in a market (a sentence), or None when they may."""
    if not (by and by.is_active and is_manager(by)):
        return _("Only campaign managers and administrators assign people to markets.")
    if user is not None and user.pk == by.pk:
        return _("Nobody assigns a role to themselves: ask another campaign manager or an administrator to assign you.")
    return None


def assign(*, by, user, market, role):
    """``by`` makes ``user`` a copywriter or cultural reviewer of ``market``; kept in the assignment history.
    Raises SelfAssignment (or PermissionDenied) when ``by`` may not. Assigning again changes nothing."""
    refusal = assignment_refusal(by=by, user=user)
    if refusal:
        raise SelfAssignment(refusal) if user.pk == by.pk else PermissionDenied(refusal)
    with transaction.atomic():
        found = MarketAssignment.objects.filter(user=user, market=market, role=role).first()
        if found:
            return found
        assignment = MarketAssignment(user=user, market=market, role=role)
        assignment.changed_by = by
        assignment.save()
    return assignment


def unassign(*, by, assignment):
    """``by`` takes the role away; kept in the assignment history. Anyone may give up their own role."""
    if not (by and by.is_active and (is_manager(by) or by.pk == assignment.user_id)):
        raise PermissionDenied(_("Only campaign managers and administrators remove people from markets."))
    assignment.changed_by = by
    assignment.delete()


def assignment_history(*, user=None, market=None):
    """The assignments and removals of a person or of a market, newest first."""
    changes = AssignmentChange.objects.all()
    if user is not None:
        changes = changes.filter(user_id=user.pk)
    if market is not None:
        changes = changes.filter(market_id=market.pk)
    return changes


ROLE_PERMISSIONS = {
    COPYWRITERS: {
        "localization": {
            "copyvariant": ("view", "add", "change"),
            "campaign": ("view",),
            "review": ("view",),
            "sourcerevision": ("view",),
            "glossaryterm": ("view",),
        },
        "calendars": {"market": ("view",), "occasion": ("view",), "occurrence": ("view",)},
    },
    REVIEWERS: {
        "localization": {
            "copyvariant": ("view",),
            "campaign": ("view",),
            "review": ("view",),
            "sourcerevision": ("view",),
            "glossaryterm": ("view",),
        },
        "calendars": {"market": ("view",), "occasion": ("view",), "occurrence": ("view",)},
    },
    MANAGERS: {
        "localization": {
            "campaign": ("view", "add", "change", "delete"),
            "campaignmarket": ("view", "add", "change", "delete"),
            "copyvariant": ("view", "add", "change", "delete"),
            "marketassignment": ("view", "add", "change", "delete"),
            "assignmentchange": ("view",),
            "review": ("view",),
            "sourcerevision": ("view",),
            "glossaryterm": ("view", "add", "change", "delete"),
        },
        # Seeing people is what lets a manager search them when assigning them to a market.
        "auth": {"user": ("view",)},
        "calendars": {
            "market": ("view", "add", "change"),
            "occasion": ("view", "add", "change", "delete"),
            "observance": ("view", "add", "change", "delete"),
            "occurrence": ("view", "change"),
        },
    },
}


def ensure_role_groups(**kwargs):
    """The three role groups with their model permissions; run after every migrate."""
    for group_name, apps in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = [
            (app_label, f"{verb}_{model}")
            for app_label, models in apps.items()
            for model, verbs in models.items()
            for verb in verbs
        ]
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(query))
