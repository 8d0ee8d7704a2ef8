"""People: NER names and the archive's names, cleaned into the names an archive files."""

import re
from collections import Counter, defaultdict

from textkit.matcher import NameMatcher
from textkit.proposals.language import END_VERBS, JOIN_VERBS, START_VERBS, starts_with_surname
from textkit.proposals.model import Evidence, PersonProposal

__all__ = ["find_people"]

# Characters that follow a name and that a tagger glues onto it: 金凡在, 雷军心, 马哥只.
_TRAILERS = set("在心只说和与等的也都又曾则就还便托将把被给对是为于从向跟让请称看想带回到")
_TRAILING_WORDS = (
    "托人",
    "表示",
    "认为",
    "介绍",
    "回忆",
    "透露",
    "笑称",
    "坦言",
    "告诉",
    "曾经",
    "先生",
    "女士",
    "总裁",
    "老师",
    "同学",
    "团队",
)
_FOREIGN = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6}){1,3}$")
_NOT_NAMES = frozenset(
    {
        "高管",
        "马上",
        "王牌",
        "金牌",
        "于是",
        "程序",
        "方面",
        "白天",
        "石头",
        "万人",
        "任何",
        "江湖",
        "龙头",
        "史上",
        "许多",
        "黄金",
        "高层",
        "高手",
        "高铁",
        "雷锋",
    }
)


def _plausible(name):
    """Keep 2–4-character names starting with a surname, or transliterations with ·."""
    if name in _NOT_NAMES:
        return False
    if "·" in name:
        return bool(_FOREIGN.match(name))
    return (
        2 <= len(name) <= 4 and starts_with_surname(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)
    )


def _trim(name):
    """Strip words a tagger glued after a name (马云托人 → 马云)."""
    for word in _TRAILING_WORDS:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return name[: -len(word)]
    return name


_VERBS = tuple(v for v in START_VERBS + END_VERBS + JOIN_VERBS if len(v) >= 2)


def _unglue_verb(name, following):
    """Strip a verb's first character a tagger glued to a name (徐雷升 + 为 → 徐雷, of 升为)."""
    if len(name) >= 3 and (name[-1] + following).startswith(_VERBS):
        return name[:-1]
    return name


def _raw_mentions(paragraphs, tokens):
    """Return {surface: [(position, start, end)]} for every PER token."""
    found = defaultdict(list)
    for (position, text), toks in zip(paragraphs, tokens):
        for start, end, word, tag in toks:
            if tag in ("PER", "nr"):
                name = _trim(word.strip())
                name = _unglue_verb(name, text[end : end + 3])
                lead = len(word) - len(word.lstrip())
                found[name].append((position, start + lead, start + lead + len(name)))
    return found


def _canonical(raw, known_people, rejected):
    """Map each surface to the name it stands for, merging fragments and repairs."""
    counts = Counter({name: len(spans) for name, spans in raw.items()})
    mapping = {}
    for name in sorted(counts, key=len):
        if name in rejected:
            continue
        if name in known_people:
            mapping[name] = known_people[name]
            continue
        target = _merge_target(name, counts, mapping)
        if target is not None:
            mapping[name] = target
        elif _plausible(name):
            mapping[name] = name
    return _repair_short(mapping, counts)


def _merge_target(name, counts, mapping):
    """Return the more frequent shorter name that name extends by a fragment (雷军心 → 雷军)."""
    for cut in (1, 2):
        prefix = name[:-cut]
        if len(prefix) >= 2 and prefix in mapping and counts[prefix] >= counts[name]:
            if cut == 1 and name[-1] not in _TRAILERS and counts[prefix] < 2 * counts[name]:
                continue  # 王慧 vs 王慧文: a real last character, not a glued word
            return mapping[prefix]
    return None


def _repair_short(mapping, counts):
    """Map a name cut short to its longer, more frequent form (刘永 → 刘永好)."""
    names = set(mapping.values())
    for surface, name in list(mapping.items()):
        longer = [n for n in names if n != name and n.startswith(name) and len(n) == len(name) + 1]
        if len(longer) == 1 and counts[longer[0]] > counts[surface]:
            mapping[surface] = longer[0]
    return mapping


def find_people(paragraphs, tokens, lexicon, backend):
    """Return (people, mentions) where mentions is {position: [(start, end, name)]}."""
    raw = _raw_mentions(paragraphs, tokens)
    known = dict(lexicon.person_names())
    mapping = _canonical(raw, known, lexicon.rejected)
    from_ner = set(mapping.values())
    surfaces = [(s, n) for s, n in mapping.items() if len(s) >= 2] + list(known.items())
    matcher = NameMatcher(surfaces)
    mentions, evidence = defaultdict(list), defaultdict(list)
    seen_as = defaultdict(set)
    for position, text in paragraphs:
        for match in matcher.find(text):
            name = match.keys[0]
            mentions[position].append((match.start, match.end, name))
            evidence[name].append(Evidence(position, match.text, match.start, match.end))
            seen_as[name].add(match.text)
    people = [
        _proposal(name, evidence[name], seen_as[name], lexicon, name in from_ner, backend)
        for name in sorted(evidence, key=lambda n: evidence[n][0].paragraph)
    ]
    return people, dict(mentions)


def _proposal(name, evidence, surfaces, lexicon, by_ner, backend):
    """Build one person proposal with a confidence an editor can read."""
    known = name in lexicon.people
    paragraphs = len({e.paragraph for e in evidence})
    if known:
        confidence, reason = 0.95, "known person"
    else:
        confidence = min(0.9, 0.55 + 0.1 * paragraphs)
        reason = f"NER ({backend})" if by_ner else "name pattern"
    if paragraphs > 1:
        reason += f", seen in {paragraphs} paragraphs"
    aliases = sorted((set(lexicon.people.get(name, ())) | surfaces) - {name})
    return PersonProposal(name, aliases, known, evidence, confidence, reason)
