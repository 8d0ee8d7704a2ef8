"""Which keys a page shows, and which keys a write touches.

Keys name what pages draw: a record as shown anywhere (``person:12``: its name, aliases, slug),
a record's own page (``person.page:12``: everything the page says about it, its evidence
included), and a kind's lists (``list:person``: the list pages, the home page and search).
Pages note the records they load (every Person, Organization, Event, Article and Role
instantiated while they render, see ``note_loaded``) and views add their own page and lists
(``core.pagedeps.shows``). A write stamps the keys of everything it may change (``touched``):
the record itself, the pages of the records its evidence backs, and the lists that include them.

Models are named by label only: this app listens, it does not import the archive.
"""

from django.apps import apps

from core import pagedeps

# What an instance loaded during a render makes the page depend on: label -> key of the instance.
LOADED = {
    "people.Person": lambda o: f"person:{o.pk}",
    "people.Alias": lambda o: f"person:{o.person_id}",
    "people.Organization": lambda o: f"organization:{o.pk}",
    "people.OrganizationAlias": lambda o: f"organization:{o.organization_id}",
    "people.Role": lambda o: f"role:{o.pk}",
    "archive.Event": lambda o: f"event:{o.pk}",
    "archive.Article": lambda o: f"article:{o.pk}",
}
TARGETS = ("person", "role", "event", "organization")
# Fields whose old values a save must know to touch what the record was linked to before.
BEFORE = {
    "archive.Annotation": ("paragraph_id", "status", "person_id", "role_id", "event_id", "organization_id"),
    "people.Role": ("person_id", "organization_id"),
    "people.Organization": ("parent_id",),
    "archive.Article": ("is_published", "reprint_of_id"),
    "archive.Paragraph": ("kind", "article_id"),
}
PUBLISHED = "published"


def note_loaded(sender, instance, **kwargs):
    """post_init: note the instance as shown by the page being rendered, if one is collected."""
    collected = pagedeps.collected()
    if collected is not None and instance.pk is not None:
        collected.add(LOADED[sender._meta.label](instance))


def model(label):
    return apps.get_model(label)


def before(label, instance):
    """Return the stored values of the fields BEFORE names for instance, or None when new."""
    fields = BEFORE.get(label)
    if not fields or instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()


def person_shown(ids):
    """A person's public standing may change: their page, the lists, and their events wherever
    those are shown (with their public participants)."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    events = set(model("archive.Event").objects.filter(participants__in=ids).values_list("pk", flat=True))
    keys = {f"person.page:{i}" for i in ids} | {"list:person"}
    return keys | {f"event:{e}" for e in events} | ({"list:event"} if events else set())


def organization_shown(ids):
    """An organisation's public standing may change: its page, its parent's and units', events."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    shown = _with_neighbours(model("people.Organization"), ids, "parent")
    events = set(model("archive.Event").objects.filter(organizations__in=ids).values_list("pk", flat=True))
    keys = {f"organization.page:{i}" for i in shown} | {f"event:{e}" for e in events}
    return keys | {"list:organization"} | ({"list:event"} if events else set())


def role_shown(ids):
    """A role's evidence or links change: its person's and organisation's pages and standing."""
    rows = (
        model("people.Role")
        .objects.filter(pk__in={i for i in ids if i})
        .values_list("person", "organization")
    )
    people = {person for person, _ in rows}
    organizations = {organization for _, organization in rows if organization}
    return person_shown(people) | organization_shown(organizations)


def event_shown(ids):
    """An event's evidence or links change: its page, its participants' and organisations' pages."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    Event = model("archive.Event")
    people = set(Event.participants.through.objects.filter(event__in=ids).values_list("person", flat=True))
    organizations = set(
        Event.organizations.through.objects.filter(event__in=ids).values_list("organization", flat=True)
    )
    keys = {f"event.page:{i}" for i in ids} | {"list:event"}
    return keys | {f"person.page:{p}" for p in people} | organization_shown(organizations)


def article_pages(ids):
    """An article's text or evidence changes: its page, its original's and its copies' pages."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    shown = _with_neighbours(model("archive.Article"), ids, "reprint_of")
    return {f"article.page:{i}" for i in shown} | {"list:article"}


def _with_neighbours(Model, ids, field):
    """Return ids with the rows they point to through field and the rows pointing to them
    (an organisation's parent and units, an article's original and copies)."""
    pointed = Model.objects.filter(pk__in=ids).exclude(**{field: None}).values_list(field, flat=True)
    pointing = Model.objects.filter(**{f"{field}__in": ids}).values_list("pk", flat=True)
    return set(ids) | set(pointed) | set(pointing)


def evidence_shown(annotations, only=None):
    """Return the keys of the pages annotations (dicts of their fields) back as evidence.

    With only (the pk of the one annotation written), a record that other public evidence cites
    keeps its public standing, so only its pages are touched, not every page and list that
    shows what is public.
    """
    targets = {target: set() for target in TARGETS}
    paragraphs = set()
    for row in annotations:
        paragraphs.add(row["paragraph_id"])
        for target in TARGETS:
            if row.get(f"{target}_id"):
                targets[target].add(row[f"{target}_id"])
    articles = model("archive.Paragraph").objects.filter(pk__in=paragraphs).values_list("article", flat=True)
    keys = article_pages(set(articles))
    if only is not None:
        keys |= _own_pages(targets)
        targets = {target: _standing_may_change(target, ids, only) for target, ids in targets.items()}
    return (
        keys
        | person_shown(targets["person"])
        | organization_shown(targets["organization"])
        | role_shown(targets["role"])
        | event_shown(targets["event"])
    )


def _own_pages(targets):
    """Return the pages that show the evidence of the targets, whatever their standing."""
    keys = {f"person.page:{i}" for i in targets["person"]}
    keys |= {f"organization.page:{i}" for i in targets["organization"]}
    for person, organization in (
        model("people.Role").objects.filter(pk__in=targets["role"]).values_list("person", "organization")
    ):
        keys |= {f"person.page:{person}"} | ({f"organization.page:{organization}"} if organization else set())
    if targets["event"]:
        Event = model("archive.Event")
        through = Event.participants.through.objects.filter(event__in=targets["event"])
        keys |= {f"person.page:{p}" for p in through.values_list("person", flat=True)}
        through = Event.organizations.through.objects.filter(event__in=targets["event"])
        keys |= {f"organization.page:{o}" for o in through.values_list("organization", flat=True)}
        keys |= {f"event.page:{e}" for e in targets["event"]} | {"list:event"}
    return keys


def _standing_may_change(target, ids, annotation):
    """Return the ids of targets no public evidence but the annotation cites (their standing
    may change with it); the others stay public whatever happens to it."""
    if not ids:
        return set()
    # The archive's own rule of public evidence, called by name: this app imports no archive code.
    # One EXISTS a record: it stops at the first other citation, where a DISTINCT over them all
    # read the eight thousand citations of a busy role on every publish.
    others = model("archive.Annotation").objects.evidence().exclude(pk=annotation)
    return {pk for pk in ids if not others.filter(**{target: pk}).exists()}


def _published_evidence_of(**filters):
    fields = ("paragraph_id", *(f"{target}_id" for target in TARGETS))
    return model("archive.Annotation").objects.filter(status=PUBLISHED, **filters).values(*fields)


def touched(label, instance, old=None):
    """Return the keys a save or delete of instance may change (old: its fields before a save)."""
    rows = [row for row in (old, _fields(instance, BEFORE.get(label, ()))) if row]
    if label == "archive.Annotation":
        if not any(row["status"] == PUBLISHED for row in rows):
            return set()  # neither was nor is public: no public page shows it
        return evidence_shown(rows, only=instance.pk)
    if label in ("people.Person", "people.Alias"):
        person = instance.pk if label == "people.Person" else instance.person_id
        return {f"person:{person}", f"person.page:{person}", "list:person"}
    if label in ("people.Organization", "people.OrganizationAlias"):
        organization = instance.pk if label == "people.Organization" else instance.organization_id
        parents = {row["parent_id"] for row in rows if row.get("parent_id")}
        keys = {f"organization:{organization}", f"organization.page:{organization}", "list:organization"}
        return keys | {f"organization.page:{parent}" for parent in parents}
    if label == "people.Role":
        people = {row["person_id"] for row in rows}
        organizations = {row["organization_id"] for row in rows if row["organization_id"]}
        return {f"role:{instance.pk}"} | person_shown(people) | organization_shown(organizations)
    if label == "archive.Event":
        return {f"event:{instance.pk}"} | event_shown({instance.pk})
    if label == "archive.Article":
        keys = {f"article:{instance.pk}"} | article_pages({instance.pk, *(r["reprint_of_id"] for r in rows)})
        if old is None or old["is_published"] != instance.is_published:
            keys |= evidence_shown(_published_evidence_of(paragraph__article=instance.pk))
        return keys
    if label == "archive.Paragraph":
        keys = {f"article:{instance.article_id}"} | article_pages({instance.article_id})
        return keys | evidence_shown(_published_evidence_of(paragraph=instance.pk))
    if label == "archive.Alignment":
        articles = model("archive.Paragraph").objects.filter(
            pk__in=[instance.paragraph_id, instance.source_id]
        )
        return article_pages(set(articles.values_list("article", flat=True)))
    return {pagedeps_everything()}


def _fields(instance, names):
    return {name: getattr(instance, name) for name in names} if names else None


def m2m_touched(label, instance, action, pk_set, reverse):
    """Return the keys a change of an event's participants or organisations may change."""
    if not action.startswith("post_"):
        return set()
    events = set(pk_set or ()) if reverse else {instance.pk}
    keys = {f"event:{event}" for event in events} | event_shown(events)
    if not reverse and pk_set:
        keys |= person_shown(pk_set) if label.endswith("participants") else organization_shown(pk_set)
    elif reverse:
        keys |= (
            person_shown({instance.pk})
            if label.endswith("participants")
            else organization_shown({instance.pk})
        )
    return keys


def pagedeps_everything():
    from .models import EVERYTHING

    return EVERYTHING
