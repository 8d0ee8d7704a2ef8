"""The workbench's writes: suggestions from the name matcher, and accepting proposals.

Accepting a proposal writes in one transaction the records it needs — the person or
organisation (reused when the archive has it, by name or alias), the role or event (reused when
it exists) and the citing annotations at the evidence spans, as drafts — with history saying
who and "accepted proposal". Every decision also feeds the lexicon the next proposals read.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from archive.models import Annotation, Event, Paragraph
from archive.services import annotations as annotating
from archive.services.annotations import suggestions_create
from people.models import Alias, Organization, OrganizationAlias, Person, Role
from textkit.dates import parse_phrase
from textkit.proposals.language import ORG_SUFFIXES

from .models import LexiconEntry
from .proposing import claim_key
from .selectors import suggested_spans

REASON = "accepted proposal"


def suggestions_generate(*, article, user=None):
    """Suggest the known names found in article's paragraphs; return how many were new."""
    spans = suggested_spans(list(article.paragraphs.all()))
    return suggestions_create(article=article, spans=spans, user=user)


def _saved(instance, user):
    instance._history_user = user
    instance._change_reason = REASON
    instance.full_clean()
    instance.save()
    return instance


def _learn(kind, text, target="", user=None):
    text, target = (text or "").strip(), (target or "").strip()
    if text and text != target:
        LexiconEntry.objects.get_or_create(
            kind=kind, text=text[:300], target=target[:300], defaults={"created_by": user}
        )


def person_get_or_create(*, name, aliases=(), user=None):
    """Return the person named name (by preferred name, else one alias), created if missing."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A person needs a name."))
    person = Person.objects.filter(name=name).first()
    if person is None:
        owners = list(Person.objects.filter(aliases__name=name).distinct()[:2])
        person = owners[0] if len(owners) == 1 else None
    if person is None:
        person = _saved(Person(name=name), user)
    for alias in {a.strip() for a in aliases if a and a.strip()} - {person.name}:
        if not Alias.objects.filter(person=person, name=alias).exists():
            _saved(Alias(person=person, name=alias), user)
    return person


def organization_get_or_create(*, name, aliases=(), user=None):
    """Return the organisation named name (by name, alias or learned alias), created if missing."""
    name = (name or "").strip()
    if not name:
        return None
    learned = LexiconEntry.objects.filter(kind=LexiconEntry.Kind.ORG_ALIAS, text=name).first()
    wanted = [name] + ([learned.target] if learned else [])
    org = Organization.objects.filter(name__in=wanted).first()
    if org is None:
        found = OrganizationAlias.objects.filter(name__in=wanted).select_related("organization").first()
        org = found.organization if found else None
    if org is None:
        org = _saved(Organization(name=name), user)
    for alias in {a.strip() for a in aliases if a and a.strip()} - {org.name}:
        if not OrganizationAlias.objects.filter(organization=org, name=alias).exists():
            _saved(OrganizationAlias(organization=org, name=alias), user)
    return org


def role_get_or_create(*, person, title, organization=None, start="", start_text="", user=None, **more):
    """Return the role (reused when the same person, title, organisation and start exist)."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("A role needs a title."))
    same = Role.objects.filter(person=person, title=title, organization=organization)
    role = same.filter(start_edtf=start or "").first() or same.filter(Q(start_edtf="")).first()
    if role is None and not start:
        role = same.first()
    if role is None:
        role = _saved(
            Role(
                person=person,
                title=title,
                organization=organization,
                start_edtf=start or "",
                start_text=start_text or "",
                **{k: v or ("" if k != "current" else False) for k, v in more.items()},
            ),
            user,
        )
    _learn(LexiconEntry.Kind.TITLE, title, user=user)
    return role


def event_get_or_create(*, title, date="", date_text="", participants=(), organizations=(), user=None):
    """Return the event with that title and date, created if missing, with its participants added."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("An event needs a title."))
    event = Event.objects.filter(title=title, date_edtf=date or "").first()
    if event is None:
        event = _saved(Event(title=title, date_edtf=date or "", date_text=date_text or ""), user)
    if participants:
        event.participants.add(*participants)
    if organizations:
        event.organizations.add(*organizations)
    return event


def cite(*, article, evidence, kind, target, user):
    """Create draft annotations of target at the evidence spans; skip a span already citing it."""
    made = []
    for span in evidence:
        paragraph = Paragraph.objects.filter(article=article, position=span["paragraph"]).first()
        if paragraph is None or paragraph.text[span["start"] : span["end"]] != span["quote"]:
            raise ValidationError(
                _("“%(quote)s” is no longer at ¶%(position)s; reload the proposals.")
                % {"quote": span.get("quote", ""), "position": span.get("paragraph")}
            )
        existing = Annotation.objects.filter(
            paragraph=paragraph, start=span["start"], end=span["end"], **{kind: target}
        )
        if existing.exists():
            continue
        made.append(
            annotating.annotation_create_at_span(
                paragraph_id=paragraph.pk,
                start=span["start"],
                end=span["end"],
                paragraph_version=paragraph.version,
                kind=kind,
                target=target,
                editor=user,
                reason=REASON,
            )
        )
    return made


def _person_of(claim, user, proposed=None):
    person = person_get_or_create(name=claim["name"], aliases=claim.get("aliases", ()), user=user)
    if proposed and proposed != person.name:
        _learn(LexiconEntry.Kind.PERSON_ALIAS, proposed, person.name, user)
    return person


def _org_of(name, user, proposed=None):
    org = organization_get_or_create(name=name, user=user)
    if org and proposed and proposed != org.name:
        _learn(LexiconEntry.Kind.ORG_ALIAS, proposed, org.name, user)
    return org


def _target_of(kind, claim, user, proposed):
    """Return the record a claim stands for, created or reused."""
    if kind == "person":
        return _person_of(claim, user, proposed.get("name"))
    if kind == "organization":
        org = _org_of(claim["name"], user, proposed.get("name"))
        return organization_get_or_create(name=org.name, aliases=claim.get("aliases", ()), user=user)
    if kind == "role":
        person = _person_of({"name": claim["person"]}, user, proposed.get("person"))
        org = _org_of(claim.get("organization"), user, proposed.get("organization"))
        return role_get_or_create(
            person=person,
            title=claim["title"],
            organization=org,
            start=claim.get("start") or "",
            start_text=claim.get("start_text") or "",
            end_edtf=claim.get("end") or "",
            end_text=claim.get("end_text") or "",
            current=bool(claim.get("current")),
            user=user,
        )
    if kind == "event":
        people = [_person_of({"name": n}, user) for n in claim.get("participants", ())]
        orgs = [_org_of(n, user) for n in claim.get("organizations", ())]
        return event_get_or_create(
            title=claim["title"],
            date=claim.get("date") or "",
            date_text=claim.get("date_text") or "",
            participants=people,
            organizations=orgs,
            user=user,
        )
    raise ValidationError(_("Unknown proposal kind “%(kind)s”.") % {"kind": kind})


@transaction.atomic
def proposal_accept(*, article, kind, claim, evidence, user, proposed=None):
    """Accept a proposal (as the editor corrected it); return (target, annotations created).

    proposed is the claim as the engine made it: where the editor changed a name, the proposed
    string is learned as an alias of the chosen one. All or nothing.
    """
    target = _target_of(kind, claim, user, proposed or {})
    return target, cite(article=article, evidence=evidence, kind=kind, target=target, user=user)


def proposal_reject(*, kind, claim, user):
    """Remember a rejected proposal: a name is never proposed again, nor this role or event."""
    _learn(LexiconEntry.Kind.REJECTED, claim_key(kind, claim), kind, user)


def parse_quick(line):
    """Read "杨猛 区域经理 台州 2005年" as person, title, then organisation, place or date."""
    words = line.split()
    if len(words) < 2:
        raise ValidationError(_("Write at least a person and a title, e.g. “杨猛 区域经理 台州”."))
    parsed = {
        "person": words[0],
        "title": words[1],
        "organization": "",
        "place": "",
        "start": "",
        "start_text": "",
    }
    for word in words[2:]:
        phrase = parse_phrase(word)
        if phrase is not None and not parsed["start_text"]:
            parsed["start"], parsed["start_text"] = phrase.edtf or "", phrase.text
        elif not parsed["organization"] and _is_org(word):
            parsed["organization"] = word
        else:
            parsed["place"] = (parsed["place"] + " " + word).strip()
    return parsed


def _is_org(word):
    if Organization.objects.filter(name=word).exists():
        return True
    return OrganizationAlias.objects.filter(name=word).exists() or word.endswith(ORG_SUFFIXES)


@transaction.atomic
def role_quick_create(*, article, line, span, user):
    """Create (or reuse) the role a quick line states and cite it on span; return (role, annotations)."""
    parsed = parse_quick(line)
    person = person_get_or_create(name=parsed["person"], user=user)
    org = organization_get_or_create(name=parsed["organization"], user=user)
    role = role_get_or_create(
        person=person,
        title=parsed["title"],
        organization=org,
        start=parsed["start"],
        start_text=parsed["start_text"],
        place=parsed["place"],
        user=user,
    )
    return role, cite(article=article, evidence=[span], kind="role", target=role, user=user)
