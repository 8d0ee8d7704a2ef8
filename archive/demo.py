"""Load the curated demo archive from archive/demo/: idempotent, all or nothing.

The files are described in archive/demo/README.md. Records are matched by natural key, so a
second load updates in place and creates nothing new.
"""
import csv
from pathlib import Path

import yaml
from django.db import transaction

from people.models import Alias, Organization, OrganizationAlias, Person, Role

from . import reprints, services
from .models import Annotation, Article, Event, Paragraph

DEMO_DIR = Path(__file__).resolve().parent / "demo"
PUBLISHED = Annotation.Status.PUBLISHED


class DemoDataError(ValueError):
    """A demo data file that does not hold together; the message names file and entry."""


def read_yaml(folder, name):
    path = folder / name
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


@transaction.atomic
def demo_load(*, folder=DEMO_DIR):
    """Load every demo file in folder and return counts of what the archive now holds."""
    folder = Path(folder)
    articles = _load_articles(folder, read_yaml(folder, "articles.yaml"))
    _load_organizations(read_yaml(folder, "organizations.yaml"))
    _load_people(read_yaml(folder, "people.yaml"))
    for entry in read_yaml(folder, "roles.yaml"):
        _cite(articles, entry.get("citations", []), role=_load_role(entry), where=("roles.yaml", entry.get("title")))
    for entry in read_yaml(folder, "events.yaml"):
        _cite(articles, entry.get("citations", []), event=_load_event(entry), where=("events.yaml", entry.get("title")))
    _load_mentions(folder / "mentions.csv", articles)
    return demo_counts()


def demo_counts():
    models = [Article, Paragraph, Person, Alias, Organization, Role, Event, Annotation]
    return {model._meta.verbose_name_plural: model.objects.count() for model in models}


def _fuzzy(value):
    value = value or {}
    return value.get("text", "") or "", value.get("edtf", "") or "", value.get("resolution", "") or ""


def _load_articles(folder, entries):
    by_slug = {}
    for entry in entries:
        by_slug[entry["slug"]] = _load_article(folder, entry)
    for entry in entries:
        if entry.get("reprint_of"):
            original = _lookup(by_slug, entry["reprint_of"], "articles.yaml reprint_of")
            # Aligned afresh on every load, against the curated paragraph kinds.
            reprints.article_set_original(copy=by_slug[entry["slug"]], original=original)
    return by_slug


def _load_article(folder, entry):
    text, edtf, _resolution = _fuzzy(entry.get("published"))
    kinds = {int(pos): kind for pos, kind in (entry.get("kinds") or {}).items()}
    fields = dict(title=entry["title"], outlet=entry.get("outlet") or "", author=entry.get("author") or "",
                  published_text=text, published_edtf=edtf, url=entry.get("url") or "",
                  script=entry.get("script") or Article.Script.SIMPLIFIED)
    article = Article.objects.filter(slug=entry["slug"]).first()
    if article is None:
        data = (folder / entry["file"]).read_bytes()
        return services.article_import(data=data, filename=Path(entry["file"]).name, slug=entry["slug"],
                                       publish=True, kinds=kinds, **fields)
    for name, value in fields.items():
        setattr(article, name, value)
    article.is_published = True
    article.save()
    for paragraph in article.paragraphs.all():
        kind = kinds.get(paragraph.position, Paragraph.Kind.BODY)
        if paragraph.kind != kind:
            paragraph.kind = kind
            paragraph.save(update_fields=["kind"])
    reprints.article_index_shingles(article=article)
    return article


def _load_organizations(entries):
    for entry in entries:
        org, _ = Organization.objects.update_or_create(slug=entry["slug"], defaults=dict(
            name=entry["name"], kind=entry.get("kind") or Organization.Kind.COMPANY,
            description=entry.get("description") or ""))
        for alias in entry.get("aliases") or []:
            name, kind = (alias, OrganizationAlias.Kind.SHORT) if isinstance(alias, str) else (alias["name"], alias.get("kind", "short"))
            OrganizationAlias.objects.update_or_create(organization=org, name=name, defaults={"kind": kind})
    slugs = {org.slug: org for org in Organization.objects.all()}
    for entry in entries:
        parent = _lookup(slugs, entry["parent"], f"organizations.yaml {entry['slug']} parent") if entry.get("parent") else None
        Organization.objects.filter(slug=entry["slug"]).update(parent=parent)


def _load_people(entries):
    for entry in entries:
        person, _ = Person.objects.update_or_create(slug=entry["slug"], defaults=dict(
            name=entry["name"], description=entry.get("description") or ""))
        for alias in entry.get("aliases") or []:
            Alias.objects.update_or_create(person=person, name=alias["name"], defaults={"kind": alias.get("kind", "other")})


def _load_role(entry):
    where = f"roles.yaml {entry.get('person')} {entry.get('title')}"
    person = _get(Person, entry["person"], where)
    org = _get(Organization, entry["organization"], where) if entry.get("organization") else None
    start_text, start_edtf, start_how = _fuzzy(entry.get("start"))
    end_text, end_edtf, end_how = _fuzzy(entry.get("end"))
    notes = "\n".join(filter(None, [entry.get("note"), start_how and f"start: {start_how}", end_how and f"end: {end_how}"]))
    role, _ = Role.objects.update_or_create(person=person, title=entry["title"], organization=org, start_edtf=start_edtf, defaults=dict(
        start_text=start_text, end_text=end_text, end_edtf=end_edtf, sequence=entry.get("sequence"),
        current=bool(entry.get("current")), place=entry.get("place") or "", notes=notes))
    return role


def _load_event(entry):
    where = f"events.yaml {entry.get('title')}"
    date_text, date_edtf, how = _fuzzy(entry.get("date"))
    end_text, end_edtf, _ = _fuzzy(entry.get("end"))
    description = "\n".join(filter(None, [entry.get("note"), how and f"date: {how}"]))
    event, _ = Event.objects.update_or_create(title=entry["title"], date_edtf=date_edtf, defaults=dict(
        category=entry.get("category") or Event.Category.OTHER, date_text=date_text, end_text=end_text,
        end_edtf=end_edtf, description=description))
    event.participants.set([_get(Person, slug, where) for slug in entry.get("participants") or []])
    event.organizations.set([_get(Organization, slug, where) for slug in entry.get("organizations") or []])
    return event


def _load_mentions(path, articles):
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            person = _get(Person, row["person"], f"mentions.csv line {line}")
            _cite(articles, [row], person=person, where=("mentions.csv", f"line {line}"))


def _cite(articles, citations, *, where, **target):
    for citation in citations:
        article = _lookup(articles, citation["article"], f"{where[0]} {where[1]}")
        paragraph = article.paragraphs.filter(position=int(citation["paragraph"])).first()
        if paragraph is None:
            raise DemoDataError(f"{where[0]}: {article.slug} has no paragraph {citation['paragraph']}")
        try:
            anchor = services.anchor_quote(paragraph.text, citation["quote"], int(citation.get("occurrence") or 1))
        except ValueError as exc:
            raise DemoDataError(f"{where[0]}: {article.slug} ¶{paragraph.position}: {exc}") from exc
        Annotation.objects.get_or_create(paragraph=paragraph, start=anchor.start, end=anchor.end, **target, defaults=dict(
            quote=anchor.quote, prefix=anchor.prefix, suffix=anchor.suffix, status=PUBLISHED))


def _lookup(mapping, key, where):
    try:
        return mapping[key]
    except KeyError:
        raise DemoDataError(f"{where}: unknown {key!r}") from None


def _get(model, slug, where):
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist:
        raise DemoDataError(f"{where}: unknown {model._meta.verbose_name} {slug!r}") from None
