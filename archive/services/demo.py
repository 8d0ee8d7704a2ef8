"""Load the curated demo archive from archive/demo/: idempotent, all or nothing.

The files are described in archive/demo/README.md: ``articles.yaml`` and the source texts it
names, then ``records/`` — the authority records and annotations as CSV files in the format of
``export_archive``, imported through the same service as ``import_archive``. Records are
matched by natural key, so a second load updates in place and creates nothing new.
"""

from pathlib import Path

import yaml
from django.db import transaction

from people.models import Alias, Organization, Person, Role

from ..models import Annotation, Article, Event, Paragraph
from . import articles, bundles, reprints
from . import spreadsheets as csvio

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
RECORDS = "records"


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
    _load_articles(folder, read_yaml(folder, "articles.yaml"))
    if (folder / RECORDS).is_dir():
        _load_records(folder / RECORDS)
    return demo_counts()


def _load_records(path):
    try:
        bundles.archive_import(files=bundles.read_bundle(path))
    except csvio.ImportFailed as exc:
        shown = "; ".join(str(error) for error in exc.errors[:5])
        more = f" (and {len(exc.errors) - 5} more)" if len(exc.errors) > 5 else ""
        raise DemoDataError(f"{RECORDS}/: {shown}{more}") from exc


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
    fields = dict(
        title=entry["title"],
        outlet=entry.get("outlet") or "",
        author=entry.get("author") or "",
        published_text=text,
        published_edtf=edtf,
        url=entry.get("url") or "",
        script=entry.get("script") or Article.Script.SIMPLIFIED,
    )
    article = Article.objects.filter(slug=entry["slug"]).first()
    if article is None:
        data = (folder / entry["file"]).read_bytes()
        return articles.article_import(
            data=data,
            filename=Path(entry["file"]).name,
            slug=entry["slug"],
            publish=True,
            kinds=kinds,
            **fields,
        )
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


def _lookup(mapping, key, where):
    try:
        return mapping[key]
    except KeyError:
        raise DemoDataError(f"{where}: unknown {key!r}") from None
