"""The permissions matrix: five kinds of visitor × every admin view, action, import/export and
workbench endpoint, discovered from the admin site and the URL resolver, each allowed or refused
as designed. Editors view, add, change and export; Reviewers also delete, import and publish;
visitors who are not staff get nothing. Models outside people/archive are the superuser's.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from archive.models import Alignment
from tests import factories
from tests.security import hostile
from tests.security.urls import named_patterns, registered_models

ROLES = ["anonymous", "reader", "editor", "reviewer", "superuser"]
EDITORIAL_APPS = {"people", "archive"}
EDITOR_ACTIONS = {"view", "add", "change", "export"}
REVIEWER_ACTIONS = EDITOR_ACTIONS | {"delete", "import", "publish"}
# What each admin page needs, as a permission action on its model.
VIEW_NEEDS = {
    "changelist": "view",
    "add": "add",
    "change": "view",
    "history": "view",
    "delete": "delete",
    "import": "import",
    "export": "export",
    "compare": "view",
    "import_url": "add",  # fetch a page as a new article
    "import_files": "add",  # upload files as new articles
    "quickstatements": "view",  # a person's published career as Wikidata statements
}
GENERIC_ADMIN = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "autocomplete",
    "jsi18n",
    "view_on_site",
    "app_list",
}
# The workbench's endpoints by the last word of their URL name: the permission each method needs.
WORKBENCH = {
    "annotate": {"GET": "archive.view_annotation"},
    "part": {"GET": "archive.view_annotation"},  # the next part of a long article, as the page
    "annotations": {"GET": "archive.view_annotation", "POST": "archive.add_annotation"},
    "annotation": {"POST": "archive.change_annotation"},
    "delete": {"POST": "archive.delete_annotation"},
    "people": {"GET": "people.view_person", "POST": "people.add_person"},
    "roles": {"GET": "people.view_role", "POST": "people.add_role"},
    "events": {"GET": "archive.view_event", "POST": "archive.add_event"},
    "organizations": {"GET": "people.view_organization"},
    "dates": {"GET": "archive.view_annotation"},
    "generate": {"POST": "archive.add_annotation"},
    "accept": {"POST": "archive.change_annotation"},
    "reject": {"POST": "archive.change_annotation"},
    "proposals": {"GET": "archive.view_annotation"},
    "proposal-accept": {"POST": "archive.add_annotation"},  # and add person, role, event
    "proposal-reject": {"POST": "archive.add_annotation"},
    "quick-role": {"POST": "archive.add_annotation"},  # and add role
    "span": {"POST": "archive.change_annotation"},
    "role-prefill": {"GET": "people.view_role"},
}
WORKBENCH_PREFIX = "workbench:"


def designed(role, app_label, action):
    """Return "login", "allowed" or "refused": what the design says role may do."""
    if role in ("anonymous", "reader"):
        return "login"
    if role == "superuser":
        return "allowed"
    if app_label not in EDITORIAL_APPS:
        return "refused"
    return "allowed" if action in (REVIEWER_ACTIONS if role == "reviewer" else EDITOR_ACTIONS) else "refused"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Build the users, a small archive with one row of every model, and logged-in clients."""
    with django_db_blocker.unblock(), transaction.atomic():
        records = hostile.build()
        copy = factories.article(title="转载", lines=factories.FEATURE_LINES)
        copy.reprint_of = records["article"]
        copy.save()
        Alignment.objects.create(
            paragraph=copy.paragraphs.first(), source=records["article"].paragraphs.first(), similarity=0.9
        )
        users = _users()
        records["copy"] = copy
        yield records, users
        transaction.set_rollback(True)


def _users():
    model = get_user_model()
    users = {"anonymous": None, "reader": model.objects.create_user("reader", password="x")}
    for role, groups in [("editor", ["Editors"]), ("reviewer", ["Editors", "Reviewers"])]:
        users[role] = model.objects.create_user(role, password="x", is_staff=True)
        users[role].groups.set(Group.objects.filter(name__in=groups))
    users["superuser"] = model.objects.create_superuser("boss", password="x")
    return users


@pytest.fixture
def clients(world, db):
    result = {}
    for role, user in world[1].items():
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user)
        result[role] = client
    return result


def outcome(response):
    if response.status_code == 302 and reverse("admin:login") in response["Location"]:
        return "login"
    return {200: "allowed", 403: "refused"}.get(response.status_code, f"HTTP {response.status_code}")


def superuser_can(model, action, superuser):
    """Return whether the model's admin lets anyone do action (a read-only admin refuses even superusers)."""
    request = RequestFactory().get("/")
    request.user = superuser
    check = getattr(
        admin.site._registry[model], f"has_{'view' if action in ('import', 'export') else action}_permission"
    )
    return check(request)


def admin_views(model, records):
    """Return [(view, url)] of every admin page of model, its object pages on one of its rows."""
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        raise LookupError(f"the matrix needs a {opts.label} row: add one in world()")
    views = [("changelist", reverse(f"{prefix}_changelist")), ("add", reverse(f"{prefix}_add"))]
    views += [(view, reverse(f"{prefix}_{view}", args=[obj.pk])) for view in ("change", "history", "delete")]
    names = {name for name, _ in named_patterns()}
    views += [
        (view, reverse(f"{prefix}_{view}")) for view in ("import", "export") if f"{prefix}_{view}" in names
    ]
    views += [
        (view, reverse(f"{prefix}_{view}"))
        for view in ("import_url", "import_files")
        if f"{prefix}_{view}" in names
    ]
    if f"{prefix}_quickstatements" in names:
        views.append(("quickstatements", reverse(f"{prefix}_quickstatements", args=[obj.pk])))
    if f"{prefix}_compare" in names:
        views.append(("compare", reverse(f"{prefix}_compare", args=[records["copy"].pk])))
    return views


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_every_admin_view_is_allowed_or_refused_as_designed(clients, world, model):
    records, users = world
    wrong = []
    for view, url in admin_views(model, records):
        action = VIEW_NEEDS[view]
        for role in ROLES:
            expected = designed(role, model._meta.app_label, action)
            if expected == "allowed" and not superuser_can(model, action, users["superuser"]):
                expected = "refused"
            got = outcome(clients[role].get(url))
            if got != expected:
                wrong.append(f"{role} {view} {url}: {got}, designed {expected}")
    assert wrong == []


def test_every_admin_url_is_in_the_matrix():
    """A new admin page must be placed in the design above, not silently left out."""
    covered = {
        "changelist",
        "add",
        "change",
        "history",
        "delete",
        "import",
        "export",
        "process_import",
        "compare",
        "import_url",
        "import_files",
        "quickstatements",
    }
    unknown = []
    for name, _ in named_patterns():
        if not name.startswith("admin:") or name[6:] in GENERIC_ADMIN or name.startswith(WORKBENCH_PREFIX):
            continue
        if not any(name.endswith(f"_{view}") for view in covered):
            unknown.append(name)
    workbench = [name for name, _ in named_patterns() if name.startswith(WORKBENCH_PREFIX)]
    unknown += [name for name in workbench if _endpoint(name) not in WORKBENCH]
    assert unknown == []


def _endpoint(name):
    return name[len(WORKBENCH_PREFIX) :]


def workbench_urls(records):
    annotation = records["annotations"][0]
    urls = []
    for name, pattern in named_patterns():
        if name.startswith(WORKBENCH_PREFIX):
            kwargs = {"article_id": records["article"].pk}
            if "pk" in pattern.pattern.converters:
                kwargs["pk"] = annotation.pk
            urls.append((_endpoint(name), reverse(name, kwargs=kwargs)))
    return urls


def workbench_designed(role, endpoint, method):
    needs = WORKBENCH[endpoint]
    if role in ("anonymous", "reader"):
        return "login" if endpoint == "annotate" else "refused"
    if method not in needs:
        return "not allowed"
    return designed(role, "archive", needs[method].split(".")[1].split("_")[0])


def workbench_outcome(response):
    if response.status_code == 302 and reverse("admin:login") in response["Location"]:
        return "login"
    if response.status_code == 405:
        return "not allowed"
    if response.status_code == 403:
        return "refused"
    # Past the permission check: the (empty) request itself may be rejected, which is fine here.
    return "allowed" if response.status_code in (200, 201, 400, 404, 409) else f"HTTP {response.status_code}"


def test_every_workbench_endpoint_is_allowed_or_refused_as_designed(clients, world):
    records, _ = world
    urls = workbench_urls(records)
    assert len(urls) >= 10, "the workbench's endpoints are found by name"
    wrong = []
    for endpoint, url in urls:
        for method in ("GET", "POST"):
            if endpoint == "annotate" and method == "POST":
                continue
            for role in ROLES:
                client = clients[role]
                response = (
                    client.get(url)
                    if method == "GET"
                    else client.post(url, "{}", content_type="application/json")
                )
                expected, got = workbench_designed(role, endpoint, method), workbench_outcome(response)
                if got != expected:
                    wrong.append(f"{role} {method} {url}: {got}, designed {expected}")
    assert wrong == []


ACTION_NEEDS = {
    "change": "change",
    "delete": "delete",
    "publish": "publish",
    "view": "view",
    "publish_article": "publish",  # publishing an article is a Reviewer's, like an annotation
}


def admin_actions():
    """Yield (model, action name, needed permission action) for every admin action of every model."""
    for model in registered_models():
        for func, name, _description in admin.site._registry[model]._get_base_actions():
            needs = [ACTION_NEEDS[perm] for perm in getattr(func, "allowed_permissions", ())]
            yield model, name, max(needs, key=list(ACTION_NEEDS.values()).index) if needs else "view"


@pytest.mark.parametrize(
    "model,name,needs", list(admin_actions()), ids=lambda v: getattr(v, "__name__", str(v))
)
def test_every_admin_action_runs_only_for_those_designed(clients, world, model, name, needs):
    obj = model._default_manager.order_by("pk").first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            response = clients[role].post(url, {"action": name, "_selected_action": [obj.pk], "index": 0})
            ran = _action_ran(response)
            transaction.set_rollback(True)
        expected = designed(role, model._meta.app_label, needs)
        if expected == "login":
            ok = outcome(response) == "login"
        else:
            ok = ran == (expected == "allowed")
        if not ok:
            wrong.append(f"{role} {name}: ran={ran}, status {response.status_code}, designed {expected}")
    assert wrong == []


def _action_ran(response):
    if response.status_code == 200:
        return any(t.name == "admin/delete_selected_confirmation.html" for t in response.templates)
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    return response.status_code == 302 and bool(notes) and "No action selected." not in notes


def test_an_editor_cannot_publish_through_the_workbench(clients, world):
    records, _ = world
    annotation = records["annotations"][1]
    annotation.status = "draft"
    annotation.save()
    url = reverse(
        f"{WORKBENCH_PREFIX}annotation", kwargs={"article_id": records["article"].pk, "pk": annotation.pk}
    )
    body = {"status": "published", "version": annotation.version}
    response = clients["editor"].post(url, body, content_type="application/json")
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.status == "draft"
    assert clients["reviewer"].post(url, body, content_type="application/json").status_code == 200
    annotation.refresh_from_db()
    assert annotation.status == "published"


def test_workbench_writes_need_a_csrf_token(world, db):
    records, users = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["reviewer"])
    url = reverse(f"{WORKBENCH_PREFIX}annotations", kwargs={"article_id": records["article"].pk})
    assert client.post(url, "{}", content_type="application/json").status_code == 403
