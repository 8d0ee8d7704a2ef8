"""The task functions: long work that already exists as services, run as jobs.

Each takes the JobRun's id (django-tasks arguments must be JSON) and runs its body through
services.job_run, which records progress, result and errors. Every body can run twice.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from import_export import exceptions as import_export_errors
from import_export.signals import post_import

from archive.models import Article
from archive.services import backup, sources
from archive.services.articles import SourceError
from core.spreadsheets import TableError
from workbench.services import suggestions_generate

from .registry import register
from .services import JobRefused, job_folder, job_run


def _user(job):
    return get_user_model().objects.filter(pk=job.user_id).first()


# The import-export confirm step ---------------------------------------------------------------


@register("admin_import")
@task()
def admin_import(job_id):
    return job_run(job_id, _admin_import)


def _admin_import(job, progress):
    params = job.params
    model_admin = _model_admin(params["model"])
    input_format = model_admin.get_import_formats()[int(params["format"])](encoding=model_admin.from_encoding)
    path = job_folder(job) / params["file"]
    if not path.is_file():
        raise JobRefused(_("%(file)s: the uploaded file is no longer there") % {"file": params["original"]})
    data = path.read_bytes()
    try:
        if not input_format.is_binary():
            data = data.decode(model_admin.from_encoding)
        dataset = input_format.create_dataset(data)
    except (TableError, UnicodeDecodeError, ValueError) as exc:
        raise JobRefused(f"{params['original']}: {exc}") from exc
    resource = _counting(
        model_admin.resource_classes[int(params.get("resource") or 0)], progress, len(dataset)
    )
    try:
        result = resource.import_data(
            dataset,
            dry_run=False,
            raise_errors=True,
            use_transactions=True,
            rollback_on_validation_errors=True,
            file_name=params["original"],
            user=_user(job),
        )
    except import_export_errors.ImportError as exc:
        if isinstance(exc.error, DatabaseError):
            raise exc.error from exc  # the connection, not the row: services.job_run says so
        where = _("%(file)s, line %(line)s") % {"file": params["original"], "line": (exc.number or 0) + 1}
        raise JobRefused(f"{where}: {exc.error}; " + _("nothing was imported")) from exc
    if result.has_validation_errors():
        return {"errors": _row_errors(result, params["original"])}
    post_import.send(sender=None, model=model_admin.model)
    totals = result.totals
    line = _("%(file)s: %(new)d new, %(update)d changed, %(skip)d unchanged of %(rows)d rows") % {
        "file": params["original"],
        "new": totals.get("new", 0),
        "update": totals.get("update", 0),
        "skip": totals.get("skip", 0),
        "rows": len(dataset),
    }
    changelist = reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")
    return {"summary": [line], "links": [[model_admin.opts.verbose_name_plural, changelist]]}


def _model_admin(label):
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower == label:
            return model_admin
    raise JobRefused(_("%(model)s: no such import") % {"model": label})


def _counting(resource_class, progress, total):
    """Return the resource, reporting each imported row to progress."""

    class Counting(resource_class):
        rows_done = 0

        def after_import_row(self, row, row_result, **kwargs):
            super().after_import_row(row, row_result, **kwargs)
            self.rows_done += 1
            progress(self.rows_done, total, _("row %(n)d") % {"n": self.rows_done})

    Counting.__name__ = resource_class.__name__
    return Counting()


def _row_errors(result, name):
    errors = []
    for invalid in result.invalid_rows:
        for field, messages in invalid.error_dict.items():
            for message in messages:
                errors.append(f"{name}, line {invalid.number + 1}, {field}: {message}")
    return errors + [_("%(file)s: nothing was imported") % {"file": name}]


# Articles: files, zips, URLs ------------------------------------------------------------------


@register("import_files")
@task()
def import_files(job_id):
    return job_run(job_id, _import_files)


def _import_files(job, progress):
    folder = job_folder(job)
    if not folder.is_dir():
        raise JobRefused(_("the uploaded files are no longer there"))
    return _import_batch(job, progress, sources.folder_items(folder))


@register("import_paths")
@task()
def import_paths(job_id):
    return job_run(job_id, _import_paths)


def _import_paths(job, progress):
    """Folders, zips and URL lists named on the command line (the worker must see the same paths)."""
    try:
        items = sources.batch_items(job.params["paths"])
    except SourceError as exc:
        raise JobRefused(str(exc)) from exc
    return _import_batch(job, progress, items)


def _import_batch(job, progress, items):
    """Import the articles one by one (each all-or-nothing), going on past a bad one."""
    report = sources.articles_import_batch(
        items=items, progress=progress, outlet=job.params.get("outlet", "")
    )
    return _batch_outcome(report, len(items))


@register("import_url")
@task()
def import_url(job_id):
    return job_run(job_id, _import_url)


def _import_url(job, progress):
    fields = {key: job.params[key] for key in ("title", "outlet") if job.params.get(key)}
    report = sources.articles_import_batch(
        items=sources.url_items([job.params["url"]]), progress=progress, **fields
    )
    return _batch_outcome(report, 1)


def _batch_outcome(report, total):
    summary = [_("Imported %(n)d of %(total)d sources.") % {"n": len(report.imported), "total": total}]
    links = [[f"{name}: {article.title}", _article_url(article)] for name, article in report.imported]
    for _name, copy, original in report.reprints:
        summary.append(_("%(copy)s reprints %(original)s") % {"copy": copy.slug, "original": original.slug})
    for name, slug in report.already:
        summary.append(_("%(name)s: already in the archive: %(slug)s") % {"name": name, "slug": slug})
    if report.skipped:
        summary.append(
            _("Skipped (not text, markdown or HTML): %(names)s") % {"names": ", ".join(report.skipped)}
        )
    refused = [f"{name}: {reason}" for name, reason in report.refused]
    return {"summary": summary, "links": links, "errors": refused, "failed": bool(refused) and total == 1}


def _article_url(article):
    return reverse("admin:archive_article_change", args=[article.pk])


# The whole archive ----------------------------------------------------------------------------


@register(
    "propose_all",
    title=gettext_lazy("Suggest known names in every article"),
    permission="archive.add_annotation",
)
@task()
def propose_all(job_id):
    return job_run(job_id, _propose_all)


def _propose_all(job, progress):
    user, created = _user(job), 0
    articles = list(Article.objects.order_by("pk").only("pk", "slug"))
    for done, article in enumerate(articles, 1):
        created += suggestions_generate(article=article, user=user)
        progress(done, len(articles), article.slug)
    return {
        "summary": [
            _(
                "%(n)d new suggestions in %(articles)d articles; names already suggested or rejected are not again."
            )
            % {"n": created, "articles": len(articles)}
        ]
    }


@register("backup", title=gettext_lazy("Back up the whole archive"))
@task()
def backup_all(job_id):
    return job_run(job_id, _backup)


def _backup(job, progress):
    folder = settings.VAR_DIR / "backups"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"archive-job{job.pk}.json.gz"  # the same name when the job runs again
    progress(0, 1, path.name)
    try:
        backup.archive_backup(path=path, with_history=bool(job.params.get("with_history")))
    except (backup.BackupError, OSError) as exc:
        raise JobRefused(str(exc)) from exc
    digest = backup.file_sha256(path)
    return {"summary": [_("Written %(path)s (SHA-256 %(digest)s)") % {"path": path, "digest": digest}]}
