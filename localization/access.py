"""Who may do what to which market's copy: groups give the role, assignments give the markets."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from calendars.models import Market

from .models import MarketAssignment, Review, Role

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


def eligible_approvers(variant):
    """Who may approve this variant now: the market's reviewers but its authors (four eyes);
    where that leaves nobody, the campaign's owner and the campaign managers stand in."""
    User = get_user_model()
    excluded = authors(variant)
    reviewers = [user for user in market_reviewers(variant.market_id).order_by("username") if user.pk not in excluded]
    if reviewers:
        return reviewers
    backups = User.objects.filter(is_active=True).filter(
        Q(groups__name=MANAGERS) | Q(pk=variant.campaign.owner_id)
    ).exclude(pk__in=excluded).distinct().order_by("username")
    return list(backups)


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
            "review": ("view",),
            "sourcerevision": ("view",),
            "glossaryterm": ("view", "add", "change", "delete"),
        },
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
