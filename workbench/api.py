"""The workbench's JSON endpoints: staff with the right permissions only, CSRF-protected.

Every answer is JSON; errors carry ``{"error": "<one line naming the problem>"}`` with 400 (bad
input), 403 (anonymous or not allowed), 404, 405 or 409 (someone saved first).
"""

import json
from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from archive.models import Annotation, Article, Event, Paragraph
from archive.services import annotations as annotating
from core.i18n import text_language
from core.text import TextRefused, json_depth, normalise
from people.models import Organization, Person, Role
from textkit.dates import humanize, parse_phrase

from . import editing, forms, selectors, services
from .rendering import annotation_json, annotations_json, rendered_paragraphs

LIMIT = 20
MAX_BODY_BYTES = 64 * 1024  # a workbench request carries one annotation or record, never more
MAX_DEPTH = 8
MAX_ID = 2**63 - 1  # the largest id any database stores; larger numbers are not ids


class BadRequest(ValueError):
    pass


def endpoint(get=None, post=None):
    """Guard a JSON view: staff with the method's permissions; turn service errors into JSON."""
    perms_by_method = {m: p for m, p in (("GET", get), ("POST", post)) if p is not None}

    def decorate(view):
        @never_cache
        @wraps(view)
        def wrapper(request, article_id, *args, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                return _error(_("Log in as an editor to use the workbench."), 403)
            if request.method not in perms_by_method:
                return _error(_("Method %(method)s is not allowed here.") % {"method": request.method}, 405)
            missing = [p for p in perms_by_method[request.method] if not user.has_perm(p)]
            if missing:
                return _error(
                    _("You are not allowed to do this (missing permission: %(perms)s).")
                    % {"perms": ", ".join(missing)},
                    403,
                )
            try:
                _check_query(request.GET)
                article = Article.objects.get(pk=article_id)
                return view(request, article, *args, **kwargs)
            except annotating.Conflict as exc:
                return _error(str(exc), 409)
            except (BadRequest, annotating.AnnotationError) as exc:
                return _error(str(exc), 400)
            except ValidationError as exc:
                return _error("; ".join(exc.messages), 400)
            except PermissionDenied as exc:
                return _error(str(exc) or _("You are not allowed to do this."), 403)
            except ObjectDoesNotExist as exc:
                return _error(str(exc), 404)

        return wrapper

    return decorate


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


def _check_query(query):
    for name, values in query.lists():
        for value in values:
            _check_text(value, name)


def _check_text(value, name):
    try:
        normalise(value, field=name)
    except TextRefused as exc:
        raise BadRequest(exc.messages[0]) from None


def _body(request):
    raw = request.body or b"{}"
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest(
            _("The request body is %(size)s bytes; at most %(limit)s are accepted.")
            % {"size": len(raw), "limit": MAX_BODY_BYTES}
        )
    if json_depth(raw) > MAX_DEPTH:
        raise BadRequest(_("The request body nests deeper than %(depth)s levels.") % {"depth": MAX_DEPTH})
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest(_("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest(_("The request body must be a JSON object."))
    for name, value in data.items():
        for text in [name, *(value if isinstance(value, list) else [value])]:
            if isinstance(text, str):
                _check_text(text, str(name))
    return data


def _valid(form):
    if not form.is_valid():
        raise BadRequest(forms.form_errors(form))
    return form


@endpoint(get=["archive.view_annotation"], post=["archive.add_annotation"])
def annotations(request, article):
    """GET: the article's annotations. POST: create one on a selected span."""
    if request.method == "GET":
        return JsonResponse({"results": annotations_json(selectors.article_annotations(article))})
    form = _valid(forms.AnnotationCreateForm(_body(request)))
    data = form.cleaned_data
    if not article.paragraphs.filter(pk=data["paragraph"]).exists():
        raise BadRequest(_("Paragraph %(id)s is not part of this article.") % {"id": data["paragraph"]})
    annotation = annotating.annotation_create_at_span(
        paragraph_id=data["paragraph"],
        start=data["start"],
        end=data["end"],
        paragraph_version=data["paragraph_version"],
        kind=data["kind"],
        target=form.target(),
        editor=request.user,
        status=data["status"] or Annotation.Status.DRAFT,
        comment=data["comment"],
    )
    return JsonResponse(
        {"annotation": annotation_json(annotation), "paragraphs": rendered_paragraphs([data["paragraph"]])},
        status=201,
    )


def _own_annotation(article, pk):
    return Annotation.objects.get(pk=pk, paragraph__article=article).pk


@endpoint(post=["archive.change_annotation"])
def annotation(request, article, pk):
    """Change an annotation's status, comment or target (with the version it was read at)."""
    form = _valid(forms.AnnotationUpdateForm(_body(request)))
    data = form.cleaned_data
    changed = annotating.annotation_update(
        annotation_id=_own_annotation(article, pk),
        version=data["version"],
        user=request.user,
        status=data["status"] or None,
        comment=data["comment"] if "comment" in form.data else None,
        kind=data.get("kind") or None,
        target=form.target() if data.get("kind") else None,
    )
    return JsonResponse(
        {"annotation": annotation_json(changed), "paragraphs": rendered_paragraphs([changed.paragraph_id])}
    )


@endpoint(post=["archive.change_annotation"])
def span(request, article, pk):
    """Move an annotation to a new span of its paragraph {version, start, end} (resize)."""
    form = _valid(forms.SpanForm(_body(request)))
    data = form.cleaned_data
    changed = annotating.annotation_update(
        annotation_id=_own_annotation(article, pk),
        version=data["version"],
        user=request.user,
        span=(data["start"], data["end"]),
    )
    return JsonResponse(
        {"annotation": annotation_json(changed), "paragraphs": rendered_paragraphs([changed.paragraph_id])}
    )


@endpoint(get=["people.view_role"])
def role_prefill(request, article):
    """GET ?paragraph=&start=&end=: the title, organisation and date phrase the selection states."""
    paragraph = article.paragraphs.get(pk=_int(request.GET.get("paragraph"), "paragraph"))
    start, end = _int_or_zero(request.GET.get("start"), "start"), _int(request.GET.get("end"), "end")
    return JsonResponse(editing.role_prefill(article=article, paragraph=paragraph, start=start, end=end))


def _int_or_zero(value, name):
    return 0 if str(value).strip() == "0" else _int(value, name)


@endpoint(post=["archive.delete_annotation"])
def delete(request, article, pk):
    """Delete an annotation (with the version it was read at)."""
    form = _valid(forms.VersionForm(_body(request)))
    paragraph_id = Annotation.objects.get(pk=_own_annotation(article, pk)).paragraph_id
    annotating.annotation_delete(
        annotation_id=_own_annotation(article, pk), version=form.cleaned_data["version"], user=request.user
    )
    return JsonResponse({"deleted": pk, "paragraphs": rendered_paragraphs([paragraph_id])})


@endpoint(get=["people.view_person"], post=["people.add_person"])
def people(request, article):
    """GET ?q=: people by name, alias or pinyin. POST: create a person (name, description, alias)."""
    if request.method == "GET":
        found = Person.objects.search(request.GET.get("q", "")).prefetch_related("aliases")[:LIMIT]
        return JsonResponse({"results": [_person(p) for p in found]})
    form = _valid(forms.PersonForm(_body(request)))
    with transaction.atomic():
        person = _save(form, request.user, "created in the workbench")
        form.save_alias(person)
    return JsonResponse({"person": _person(person)}, status=201)


def _person(person):
    return {
        "id": person.pk,
        "name": person.name,
        "aliases": [a.name for a in person.aliases.all()],
        "description": person.description,
    }


def _save(form, user, reason):
    instance = form.save(commit=False)
    instance._history_user = user
    instance._change_reason = reason
    instance.save()
    form.save_m2m()
    return instance


@endpoint(get=["people.view_role"], post=["people.add_role"])
def roles(request, article):
    """GET ?person=: that person's roles in career order. POST: create a role."""
    if request.method == "GET":
        found = (
            Role.objects.filter(person_id=_int(request.GET.get("person"), "person"))
            .select_related("organization")
            .career_order()
        )
        return JsonResponse({"results": [_role(r) for r in found]})
    role = _save(_valid(forms.RoleForm(_body(request))), request.user, "created in the workbench")
    return JsonResponse({"role": _role(role)}, status=201)


def _role(role):
    return {
        "id": role.pk,
        "label": str(role),
        "title": role.title,
        "organization": str(role.organization or ""),
        "start": role.start_edtf,
        "end": role.end_edtf,
    }


def _int(value, name):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest(_("%(name)s: a number is required.") % {"name": name}) from None
    if not 0 < number <= MAX_ID:
        raise BadRequest(_("%(name)s: no record has the id %(value)s.") % {"name": name, "value": value})
    return number


@endpoint(get=["archive.view_event"], post=["archive.add_event"])
def events(request, article):
    """GET ?q=: events by title. POST: create an event."""
    if request.method == "GET":
        found = Event.objects.filter(title__icontains=request.GET.get("q", "").strip())[:LIMIT]
        return JsonResponse({"results": [{"id": e.pk, "label": str(e)} for e in found]})
    event = _save(_valid(forms.EventForm(_body(request))), request.user, "created in the workbench")
    return JsonResponse({"event": {"id": event.pk, "label": str(event)}}, status=201)


@endpoint(get=["people.view_organization"])
def organizations(request, article):
    """GET ?q=: organisations by name, alias or pinyin."""
    found = Organization.objects.search(request.GET.get("q", ""))[:LIMIT]
    return JsonResponse({"results": [{"id": o.pk, "label": o.name} for o in found]})


@endpoint(get=["archive.view_annotation"])
def dates(request, article):
    """GET ?phrase=&paragraph=&offset=: the EDTF a date phrase suggests at that place, and why."""
    form = _valid(forms.PhraseForm(request.GET))
    data = form.cleaned_data
    base_year = None
    if data["paragraph"]:
        paragraph = Paragraph.objects.get(pk=data["paragraph"], article=article)
        base_year = selectors.base_year_before(article, paragraph, data["offset"] or 0)
    phrase = parse_phrase(data["phrase"], base_year=base_year, article_date=article.published_edtf or None)
    if phrase is None:
        raise BadRequest(
            _("“%(phrase)s” is not one date phrase; write the EDTF by hand.") % {"phrase": data["phrase"]}
        )
    return JsonResponse(
        {
            "text": phrase.text,
            "edtf": phrase.edtf or "",
            "resolution": phrase.resolution,
            "label": humanize(phrase.edtf, text_language()) if phrase.edtf else "",
        }
    )


@endpoint(post=["archive.add_annotation"])
def generate(request, article):
    """Create suggested annotations for the known names in the article."""
    return JsonResponse({"created": services.suggestions_generate(article=article, user=request.user)})


def _suggestion_ids(request, article):
    open_ids = Annotation.objects.filter(
        paragraph__article=article, status=Annotation.Status.SUGGESTED
    ).values_list("pk", flat=True)
    return _valid(forms.IdsForm(_body(request), choices=list(open_ids))).cleaned_data["ids"]


def _paragraphs_of(ids):
    return list(Annotation.objects.filter(pk__in=ids).values_list("paragraph_id", flat=True).distinct())


@endpoint(post=["archive.change_annotation"])
def accept(request, article):
    """Accept suggestions (ids) as drafts; answer with their paragraphs re-marked."""
    ids = _suggestion_ids(request, article)
    paragraphs = _paragraphs_of(ids)
    accepted = annotating.suggestions_accept(article=article, ids=ids, user=request.user)
    return JsonResponse({"accepted": accepted, "paragraphs": rendered_paragraphs(paragraphs)})


@endpoint(post=["archive.change_annotation"])
def reject(request, article):
    """Reject suggestions (ids); rejected ones are not suggested again. Answer as accept does."""
    ids = _suggestion_ids(request, article)
    paragraphs = _paragraphs_of(ids)
    rejected = annotating.suggestions_reject(article=article, ids=ids, user=request.user)
    return JsonResponse({"rejected": rejected, "paragraphs": rendered_paragraphs(paragraphs)})
