"""The curation assistant's text engine: proposals of people, organisations, roles, events, dates.

Pure Python, no Django: the Django side builds a Lexicon from its database, calls propose() and
renders Proposals.to_json(slug) (the contract of ``manage.py propose --format json``).
"""

from textkit.proposals.engine import propose
from textkit.proposals.lexicon import Lexicon
from textkit.proposals.model import (
    DateProposal,
    EventProposal,
    Evidence,
    OrgProposal,
    PersonProposal,
    Proposals,
    RoleProposal,
)

__all__ = [
    "DateProposal",
    "EventProposal",
    "Evidence",
    "Lexicon",
    "OrgProposal",
    "PersonProposal",
    "Proposals",
    "RoleProposal",
    "propose",
]
