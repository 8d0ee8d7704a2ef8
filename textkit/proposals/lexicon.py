"""What the archive knows: people, organisations, titles and rejected strings.

The Django side fills a ``Lexicon`` from the database with plain data; the text engine only
reads it, and ``learn`` folds an editor's decisions back in so the next article benefits.
"""

from dataclasses import dataclass, field

__all__ = ["Lexicon"]


def _clean(values):
    return [v.strip() for v in values or () if v and v.strip()]


@dataclass
class Lexicon:
    """Names, titles and rejections an archive has already curated.

    people: {preferred name: [aliases]} (nicknames, English names, pinyin spellings);
    organizations: {name: [aliases]}; titles: accepted role titles beyond the seeded ones;
    rejected: strings an editor refused as names (never proposed again);
    org_aliases: {alias: full name} learned from corrections ("中供" → "中国供应商").
    """

    people: dict = field(default_factory=dict)
    organizations: dict = field(default_factory=dict)
    titles: set = field(default_factory=set)
    rejected: set = field(default_factory=set)
    org_aliases: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data=None):
        """Build a lexicon from a plain dict (the shape ``to_data`` returns), or an empty one."""
        data = data or {}
        return cls(
            people={k: _clean(v) for k, v in (data.get("people") or {}).items()},
            organizations={k: _clean(v) for k, v in (data.get("organizations") or {}).items()},
            titles=set(_clean(data.get("titles"))),
            rejected=set(_clean(data.get("rejected"))),
            org_aliases=dict(data.get("org_aliases") or {}),
        )

    def to_data(self):
        """Return the lexicon as plain JSON-ready data."""
        return {
            "people": self.people,
            "organizations": self.organizations,
            "titles": sorted(self.titles),
            "rejected": sorted(self.rejected),
            "org_aliases": self.org_aliases,
        }

    def learn(self, accepted=None, rejected=()):
        """Fold editor decisions in: accepted (or corrected) claims, and rejected strings.

        accepted is a dict shaped like ``Proposals.to_json`` (people, organizations, roles),
        holding what the editor kept, with corrections applied; rejected is an iterable of
        surface strings the editor refused.
        """
        accepted = accepted or {}
        for person in accepted.get("people", ()):
            self.add_person(person["name"], person.get("aliases", ()))
        for org in accepted.get("organizations", ()):
            self.add_organization(org["name"], org.get("aliases", ()))
        for role in accepted.get("roles", ()):
            if role.get("title"):
                self.titles.add(role["title"].strip())
            if role.get("person"):
                self.add_person(role["person"])
            if role.get("organization"):
                self.add_organization(role["organization"])
        for text in _clean(rejected):
            self.reject(text)
        return self

    def add_person(self, name, aliases=()):
        """Record a person (or more aliases of one); an accepted name is no longer rejected."""
        name = name.strip()
        known = self.people.setdefault(name, [])
        for alias in _clean(aliases):
            if alias != name and alias not in known:
                known.append(alias)
        self.rejected.discard(name)

    def add_organization(self, name, aliases=()):
        """Record an organisation and its aliases (each alias also learned as an org alias)."""
        name = self.org_aliases.get(name.strip(), name.strip())
        known = self.organizations.setdefault(name, [])
        for alias in _clean(aliases):
            if alias != name and alias not in known:
                known.append(alias)
            self.org_aliases[alias] = name
        self.rejected.discard(name)

    def reject(self, text):
        """Never propose text again, unless an editor later accepts it."""
        if text not in self.people and text not in self.organizations:
            self.rejected.add(text)

    def person_names(self):
        """Return (surface, preferred name) pairs for every known person name and alias."""
        for name, aliases in self.people.items():
            yield name, name
            for alias in aliases:
                yield alias, name

    def organization_names(self):
        """Return (surface, preferred name) pairs for every known organisation name and alias."""
        for name, aliases in self.organizations.items():
            yield name, name
            for alias in aliases:
                yield alias, name
        for alias, name in self.org_aliases.items():
            yield alias, name
