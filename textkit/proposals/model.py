"""The proposals the engine returns, and their JSON contract."""

from dataclasses import dataclass, field

__all__ = [
    "DateProposal",
    "EventProposal",
    "Evidence",
    "OrgProposal",
    "PersonProposal",
    "Proposals",
    "RoleProposal",
]


@dataclass(frozen=True)
class Evidence:
    """A span of one paragraph: quote == text[start:end], offsets in code points."""

    paragraph: int
    quote: str
    start: int
    end: int

    def to_json(self):
        """Return the W3C-like selector the contract uses."""
        return {"paragraph": self.paragraph, "quote": self.quote, "start": self.start, "end": self.end}


def _evidence(items):
    return [e.to_json() for e in items]


@dataclass
class PersonProposal:
    """A person the article names, under the name an archive would file."""

    name: str
    aliases: list = field(default_factory=list)
    known: bool = False
    evidence: list = field(default_factory=list)
    confidence: float = 0.5
    reason: str = ""

    def to_json(self):
        """Return the contract's person object."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "known": self.known,
            "evidence": _evidence(self.evidence),
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
        }


@dataclass
class OrgProposal:
    """An organisation (company, business unit, product platform) the article names."""

    name: str
    aliases: list = field(default_factory=list)
    known: bool = False
    evidence: list = field(default_factory=list)
    confidence: float = 0.5
    reason: str = ""

    def to_json(self):
        """Return the contract's organisation object."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "known": self.known,
            "evidence": _evidence(self.evidence),
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
        }


@dataclass
class RoleProposal:
    """A person holding a title at an organisation, with what the text says of its span."""

    person: str
    title: str
    organization: str | None = None
    start: str | None = None
    end: str | None = None
    start_text: str | None = None
    end_text: str | None = None
    current: bool = False
    confidence: float = 0.5
    evidence: list = field(default_factory=list)
    reason: str = ""

    def key(self):
        """Return what makes two proposals the same role."""
        return self.person, self.title, self.organization

    def to_json(self):
        """Return the contract's role object."""
        return {
            "person": self.person,
            "title": self.title,
            "organization": self.organization,
            "start": self.start,
            "end": self.end,
            "start_text": self.start_text,
            "end_text": self.end_text,
            "current": self.current,
            "confidence": round(self.confidence, 2),
            "evidence": _evidence(self.evidence),
            "reason": self.reason,
        }


@dataclass
class EventProposal:
    """A dated happening with who and which organisations took part."""

    title: str
    date: str | None
    date_text: str | None
    participants: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    confidence: float = 0.5
    evidence: list = field(default_factory=list)
    reason: str = ""

    def to_json(self):
        """Return the contract's event object."""
        return {
            "title": self.title,
            "date": self.date,
            "date_text": self.date_text,
            "participants": list(self.participants),
            "organizations": list(self.organizations),
            "confidence": round(self.confidence, 2),
            "evidence": _evidence(self.evidence),
            "reason": self.reason,
        }


@dataclass
class DateProposal:
    """A date phrase of a paragraph with its EDTF value (or None) and explanations."""

    paragraph: int
    text: str
    edtf: str | None
    explanation: str
    explanation_en: str = ""
    start: int = 0
    end: int = 0

    def to_json(self):
        """Return the contract's date object (explanation in Chinese, English alongside)."""
        return {
            "paragraph": self.paragraph,
            "text": self.text,
            "edtf": self.edtf,
            "explanation": self.explanation,
            "explanation_en": self.explanation_en,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Proposals:
    """Everything proposed for one article; notices say what degraded (e.g. no NER library)."""

    people: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    events: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    backend: str = ""

    def to_json(self, article_slug):
        """Return the exact JSON shape of ``manage.py propose --format json``."""
        return {
            "article": article_slug,
            "people": [p.to_json() for p in self.people],
            "organizations": [o.to_json() for o in self.organizations],
            "roles": [r.to_json() for r in self.roles],
            "events": [e.to_json() for e in self.events],
            "dates": [d.to_json() for d in self.dates],
            "notices": list(self.notices),
            "backend": self.backend,
        }
