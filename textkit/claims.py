"""What a cited sentence says of its claim: the cues that it states a post or a date, and its words.

Readers see the sentences that state a claim first (a role verb such as 出任, a date such as
2003年) and a reprint's copy of a sentence folded under the original; both are read from the
quote alone, so they are worked out once when an annotation is saved (``cues`` and ``words_key``)
instead of on every page that ranks its citations. How well a sentence names the claim's title
depends on the title as well, and is asked of the title at hand (``names_title``).
"""

import hashlib
import re

# Words that state a post or a step in a career (出任, 升任…) rather than only name the person.
ROLE_VERBS = re.compile(
    r"任|升|聘|加入|入职|接替|接手|执掌|掌管|负责|主管|调到|调往|分派|晋升|提拔|创办|创立|创建|创始|卸任|离开|离职|退休|成立"
)
# Digits spelled out ([0-9０-９], not \d): a date as sources write it.
DATE_WORDS = re.compile(
    r"[0-9０-９]{4}年|[0-9０-９]{1,2}月|[0-9０-９]{1,2}日|[次同当去今]年|此后|后来|之后|随后"
)
_UNQUOTED = re.compile(r"[\W_]+")
ROLE_VERB_POINTS, DATE_POINTS, TITLE_POINTS = 2, 1, 3


def words(text):
    """Return text without punctuation, spaces and underscores: what a copy of it keeps."""
    return _UNQUOTED.sub("", text or "")


def words_key(text):
    """Return a signed 64-bit key of text's words: copies that differ only in punctuation share it."""
    digest = hashlib.blake2b(words(text).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def cues(quote):
    """Return the points a quote earns whatever its claim: a role verb (2) and a date word (1)."""
    quote = quote or ""
    return ROLE_VERB_POINTS * bool(ROLE_VERBS.search(quote)) + DATE_POINTS * bool(DATE_WORDS.search(quote))


def title_tail(title):
    """Return the shortest end of a title a sentence must contain to name it ("" for none).

    A sentence names 台州区域经理 when it holds any end of it at least half as long (区域经理):
    every longer end contains the shortest, so the shortest is the one test.
    """
    cleaned = words(title)
    if len(cleaned) < 2:
        return ""
    return cleaned[-max(2, len(cleaned) // 2) :]


def names_title(quote, title):
    """Return whether quote names the title or its last characters (区域经理 of 台州区域经理)."""
    tail = title_tail(title)
    return bool(tail) and tail in (quote or "")


def states(quote, title):
    """Return a score > 0 when a sentence states its claim: 3 × its title, 2 × a role verb, 1 × a date."""
    return TITLE_POINTS * names_title(quote, title) + cues(quote)
