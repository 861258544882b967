"""Every URL of the URL configuration, filled in with real ids, and one request to it as one role, rolled back."""
import re
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Django's converters (<path:object_id>) and regular expressions' named groups ((?P<token>...)).
ARGUMENT = re.compile(r"<(?:\w+:)?(?P<converter_name>\w+)>|\(\?P<(?P<group_name>\w+)>[^)]*\)")
OTHER_MARKET = " @other market"


@dataclass(frozen=True)
class Address:
    key: str  # the URL's name ("admin:localization_copyvariant_change"), or its route where it has none
    route: str
    model: str = ""  # "localization.copyvariant" for a model admin's URL
    other_market: bool = False

    @property
    def takes_object(self):
        return "object_id" in self.route


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (pattern.namespace or namespace)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def model_of(route):
    """'localization.copyvariant' for admin/localization/copyvariant/..., where that model is registered."""
    parts = route.split("/")
    if len(parts) > 3 and parts[0] == "admin":
        for model in admin.site._registry:
            if (model._meta.app_label, model._meta.model_name) == (parts[1], parts[2]):
                return model._meta.label_lower
    return ""


def addresses(models_with_markets):
    """Every URL pattern once; an object URL of a model whose objects belong to a market twice, the second
    time for an object of a market the copywriter and the reviewer do not work in."""
    found = []
    for name, route in walk(get_resolver().url_patterns):
        address = Address(key=name or route, route=route, model=model_of(route))
        found.append(address)
        if address.takes_object and address.model in models_with_markets:
            found.append(Address(key=address.key + OTHER_MARKET, route=route, model=address.model, other_market=True))
    return found


def url_of(address, world):
    """The address with its arguments filled in from the world's objects."""
    if address.model:
        objects = world.foreign if address.other_market else {**world.objects, **world.own}
        target = objects[address.model]
    values = {
        "object_id": lambda: target.pk,
        "id": lambda: world.people["de_copywriter"].pk,
        "export_id": lambda: world.objects["localization.bundleexport"].pk,
        "content_type_id": lambda: ContentType.objects.get_for_model(world.own["localization.campaign"]).pk,
        "app_label": lambda: "localization",
        "url": lambda: "no-such-page/",
        "token": lambda: world.feed_token,
        "code": lambda: "BR",
        "path": lambda: world.objects["localization.bundleexport"].file.name,
    }
    route = address.route
    if address.key == "admin:view_on_site":  # its object is the content type's, a campaign
        route = route.replace("<path:object_id>", str(world.own["localization.campaign"].pk))

    def fill(match):
        return str(values[match.group("converter_name") or match.group("group_name")]())

    return "/" + ARGUMENT.sub(fill, route).replace("^", "").replace("$", "").replace("\\.", ".")


def outcome(response):
    """How a request ended, in the matrix's words: 200, 403, 404, 405, 'login' (sent to log in), 302 (elsewhere), 500."""
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return "login"
    return response.status_code


def ask(world, role, method, url, data=None):
    """One request as the role, every change it makes rolled back: each request sees the same world."""
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        if role != "anonymous":
            client.force_login(world.people[role])
        response = getattr(client, method)(url, data or {})
        if response.streaming:
            b"".join(response.streaming_content)  # read to the end: the test client's wrapper closes it then
        transaction.set_rollback(True)
    return response


# Bulk actions ---------------------------------------------------------------------------------------------

# What each action needs posted besides its name to run to the end (delete_selected's "Yes, I'm sure",
# request changes' note).
ACTION_DATA = {
    "delete_selected": {"post": "yes"},
    "request_changes_selected": {"apply": "1", "review_note": "Say it warmer."},
}


def actions():
    """(model label, action name, changelist URL) for every action of every registered model admin."""
    found = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        for _function, name, _description in model_admin._get_base_actions():
            found.append((opts.label_lower, name, f"/admin/{opts.app_label}/{opts.model_name}/"))
    return sorted(found)


def _row(model, pk, counted):
    return (model._default_manager.filter(pk=pk).values().first(), counted.objects.count())


def act(world, role, model_label, action, url, target):
    """POST the changelist with the action on ``target`` as the role, rolled back; returns what happened:
    'login', 403, 'not offered' (the action is not the role's), 'page' (a page asks more, or says why not),
    'file' (a download), 'done' (the target or its exports changed), 'refused' (a warning or an error said, nothing changed),
    'nothing' (the target is not in the role's list: nothing changed, nothing said), 'reported' (it ran, changed
    nothing and said so)."""
    from django.contrib import messages
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    from localization.models import BundleExport

    model = type(target)
    client = Client(raise_request_exception=False)
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(target.pk)], "index": "0", **ACTION_DATA.get(action, {})}
    with transaction.atomic():
        if role != "anonymous":
            client.force_login(world.people[role])
        before = _row(model, target.pk, BundleExport)
        response = client.post(url, data)
        after = _row(model, target.pk, BundleExport)
        said = [(m.level, str(m)) for m in getattr(response.wsgi_request, "_messages", [])]
        transaction.set_rollback(True)
    if response.status_code == 500:
        return 500
    if outcome(response) in ("login", 403):
        return outcome(response)
    listed_again = any(template.name == "admin/change_list.html" for template in response.templates)
    if any(text == "No action selected." for _level, text in said) or (response.status_code == 200 and listed_again):
        # Refused by Django itself (the action is not among the role's), or no action at all is the role's: the list again.
        return "not offered" if before == after else "done though not offered"
    if response.status_code == 200:
        return "file" if response.get("Content-Disposition", "").startswith("attachment") else "page"
    if before != after:
        return "done"
    if any(level >= messages.WARNING for level, _text in said):
        return "refused"
    return "reported" if said else "nothing"
