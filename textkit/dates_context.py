"""The context date phrases resolve against, and the resolver result (internal to textkit.dates)."""

import datetime
import re
from dataclasses import dataclass

from textkit.dates_format import edtf_bounds

__all__ = ["Context", "Resolved", "article_year"]


@dataclass
class Resolved:
    edtf: str | None
    how: str
    relative: bool
    kind: str
    sets_year: bool = True


class Context:
    """The dates a phrase may lean on: the article's year and the narrative's last year."""

    def __init__(self, base_year=None, article_date=None, anchor=None):
        self.article_year = article_year(article_date)
        self.last_year = int(base_year) if base_year is not None else None
        self.last_edtf = str(self.last_year) if self.last_year is not None else None
        if anchor is not None:
            anchor = anchor.isoformat() if isinstance(anchor, datetime.date) else anchor
            edtf_bounds(anchor)  # fail early on a bad anchor
        self.anchor = anchor
        # Where the last date was named: (paragraph number, sentence number); base_year is "here".
        self.paragraph, self.sentence = 0, 0
        self.last_at = (1, 0) if base_year is not None else None
        self.recent = []  # (paragraph, sentence, edtf, clause) of the dates named so far

    def remember(self, edtf, clause=""):
        """Make edtf the last date mentioned, for 次年, 同年 and bare months."""
        years = re.findall(r"\d{4}", edtf)
        if years:
            self.last_year, self.last_edtf = int(years[-1]), edtf
            self.last_at = (self.paragraph, self.sentence)
            self.recent = self.recent[-8:] + [(self.paragraph, self.sentence, edtf, clause)]

    def nearby(self):
        """Return True when the last date was named in this sentence or the one before."""
        return (
            self.last_at is not None
            and self.last_at[0] == self.paragraph
            and self.sentence - self.last_at[1] <= 1
        )

    def in_paragraph(self):
        """Return True when the last year was named in the current paragraph."""
        return self.last_at is not None and self.last_at[0] == self.paragraph

    def narrative_year(self):
        """Return (year, description) of the last year mentioned, or (None, None)."""
        if self.last_year is None:
            return None, None
        return self.last_year, f"{self.last_year}, the last year mentioned"

    def context_year(self):
        """Return (year, description) for a month or day given without a year."""
        if self.last_year is not None:
            return self.last_year, f"year from {self.last_year}, the last year mentioned"
        if self.article_year is not None:
            return self.article_year, f"year from the article's year {self.article_year}"
        return None, None


def article_year(article_date):
    """Return the publication year from a date, a year or an EDTF string."""
    if article_date is None or isinstance(article_date, int):
        return article_date
    if isinstance(article_date, datetime.date):
        return article_date.year
    # An interval such as 2017-08-30/2017-09-06 counts from its start.
    return edtf_bounds(str(article_date))[0].year
