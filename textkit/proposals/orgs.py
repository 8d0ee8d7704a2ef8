"""Organisations: NER entities, the archive's organisations, suffix patterns and abbreviations."""

import re
from collections import Counter, defaultdict

from textkit.matcher import NameMatcher
from textkit.proposals.language import GENERIC_ORG_TAILS, PLACE_PREFIXES, STRONG_ORG_SUFFIXES
from textkit.proposals.model import Evidence, OrgProposal

__all__ = ["core_name", "find_organizations"]

_NOUNISH = {"ORG", "LOC", "nz", "n", "nw", "nt", "ns", "PER", "an", "vn", "m", "f", "j", "eng", "x"}
_ABBREVIATION = re.compile(
    r"[（(]\s*(?:以下|下文)?\s*(?:简称|下称|简称为)\s*[“\"「]?"
    r"(?P<short>[\u4e00-\u9fffA-Za-z0-9]{2,10})[”\"」]?\s*[）)]"
)
_MAX_ORG = 20
_BAD = re.compile(r"^[\d\W_]+$|^(?:公司|集团|平台|网|这家公司|该公司|母公司|子公司|总部)$")
_GENERIC_TAILS = tuple(sorted(GENERIC_ORG_TAILS, key=len, reverse=True))


def core_name(name):
    """Return the name without a leading place and a trailing legal form: 北京字节跳动科技有限公司 → 字节跳动."""
    for tail in _GENERIC_TAILS:
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            name = name[: -len(tail)]
            break
    for place in PLACE_PREFIXES:
        if name.startswith(place) and len(name) - len(place) >= 2:
            return name[len(place) :]
    return name


def entity_tokens(toks):
    """Return the tokens the people and organisation finders read: PER and ORG tokens, and each
    organisation suffix with the adjacent tokens it may compose with (千橡 + 互动 + 集团).

    Keeping only these bounds memory on a long article (most tokens are ordinary words);
    positions are kept, so adjacency checks see the same gaps as over the full stream.
    """
    keep = set()
    for i, (_start, end, word, tag) in enumerate(toks):
        if tag in ("ORG", "nt", "PER", "nr"):
            keep.add(i)
        elif word.endswith(STRONG_ORG_SUFFIXES):
            first = i
            while first > 0 and toks[first - 1][1] == toks[first][0] and end - toks[first - 1][0] <= _MAX_ORG:
                first -= 1
            keep.update(range(first, i + 1))
    return [toks[i] for i in sorted(keep)]


def _ner_orgs(paragraphs, tokens):
    """Yield (surface, position, start, end) for ORG tokens and suffix compositions."""
    for (position, text), toks in zip(paragraphs, tokens):
        for i, (start, end, word, tag) in enumerate(toks):
            if tag in ("ORG", "nt"):
                yield word.strip(), position, start, end
            elif word.endswith(STRONG_ORG_SUFFIXES):
                composed = _compose_left(toks, i, text)
                if composed:
                    yield composed


def _compose_left(toks, i, text):
    """Extend an org suffix left over adjacent noun-like tokens: 千橡 + 互动 + 集团."""
    end = toks[i][1]
    first, has_name = i, False
    while first > 0:
        p_start, p_end, _, p_tag = toks[first - 1]
        if p_end != toks[first][0] or p_tag not in _NOUNISH or end - p_start > _MAX_ORG:
            break
        has_name = has_name or p_tag in ("ORG", "nz", "LOC", "nw", "ns")
        first -= 1
    if first == i or not has_name:
        return None
    begin = toks[first][0]
    return text[begin:end], None, begin, end


def find_organizations(paragraphs, tokens, lexicon, person_names):
    """Return (organizations, mentions) where mentions is {position: [(start, end, name)]}."""
    counts = Counter()
    for surface, *_ in _ner_orgs(paragraphs, tokens):
        if _acceptable(surface, person_names, lexicon):
            counts[surface] += 1
    aliases = _abbreviations(paragraphs, counts)
    canonical = _group(counts, aliases, lexicon)
    surfaces = list(canonical.items()) + list(lexicon.organization_names())
    matcher = NameMatcher([(s, n) for s, n in surfaces if s not in person_names])
    mentions, evidence, seen_as = defaultdict(list), defaultdict(list), defaultdict(set)
    for position, text in paragraphs:
        for match in matcher.find(text):
            name = match.keys[0]
            mentions[position].append((match.start, match.end, name))
            evidence[name].append(Evidence(position, match.text, match.start, match.end))
            seen_as[name].add(match.text)
    orgs = [
        _proposal(n, evidence[n], seen_as[n], lexicon, aliases)
        for n in sorted(evidence, key=lambda n: evidence[n][0].paragraph)
    ]
    return orgs, dict(mentions)


def _acceptable(surface, person_names, lexicon):
    return (
        len(surface) >= 2
        and surface not in person_names
        and surface not in lexicon.rejected
        and not _BAD.match(surface)
        and len(surface) <= _MAX_ORG
    )


def _abbreviations(paragraphs, counts):
    """Return {short: full} from "珠海格力电器股份有限公司（以下简称格力）"."""
    found = {}
    for _, text in paragraphs:
        for match in _ABBREVIATION.finditer(text):
            before = text[: match.start()].rstrip()
            full = max((s for s in counts if before.endswith(s)), key=len, default=None)
            if full and match.group("short") != full:
                found[match.group("short")] = full
                counts[match.group("short")] += 1
    return found


def _group(counts, aliases, lexicon):
    """Map every surface to the name filed for it: the archive's, else the fullest form."""
    mapping = {}
    known = dict(lexicon.organization_names())
    by_core = defaultdict(list)
    for surface in counts:
        by_core[core_name(surface)].append(surface)
    for core, members in by_core.items():
        filed = next((known[m] for m in members if m in known), None)
        filed = filed or known.get(core) or max(members, key=lambda m: (counts[m], len(m)))
        for member in members:
            mapping[member] = filed
    for short, full in aliases.items():
        mapping[short] = mapping.get(full, full)
    return mapping


def _proposal(name, evidence, surfaces, lexicon, aliases):
    known = name in lexicon.organizations
    paragraphs = len({e.paragraph for e in evidence})
    reason = "known organisation" if known else "NER or suffix pattern"
    if any(aliases.get(s) for s in surfaces):
        reason += ", abbreviation stated in the text"
    if paragraphs > 1:
        reason += f", seen in {paragraphs} paragraphs"
    confidence = 0.95 if known else min(0.85, 0.5 + 0.1 * paragraphs)
    names = (set(lexicon.organizations.get(name, ())) | surfaces) - {name}
    return OrgProposal(name, sorted(names), known, evidence, confidence, reason)
