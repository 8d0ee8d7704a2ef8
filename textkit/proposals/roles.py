"""Roles: person × title × organisation × span, from the sentence patterns of business writing.

Three shapes are read. Apposition: "阿里巴巴副总裁汪海", "时任集团 CCO 的李娅云". A cue verb before
a title: "孟晚舟将继续担任华为副董事长、CFO", "卸任今日头条首席执行官". Founding: "王兴创办校园网".
"""
import re

from textkit.proposals.language import END_VERBS, FOUND_VERBS, JOIN_VERBS, START_VERBS, TITLE_RE
from textkit.proposals.model import Evidence, RoleProposal
from textkit.proposals.sentences import Sentence

__all__ = ["find_roles"]

_VERBS = sorted(START_VERBS + END_VERBS + JOIN_VERBS + ("历任", "时任"), key=len, reverse=True)
# 任 alone is a verb only between a name (or a date) and a post: not 任何, 主任, 责任.
_VERB_RE = re.compile("|".join(v if v != "任" else r"(?<![主责信担出继兼现时升调接就历委聘离卸辞放])任(?![何务性命期职意])"
                               for v in _VERBS))
_CHAIN_GAP = re.compile(r"^[\s、和及兼与或/]*$|^\s*[（(][^）)]{0,12}[）)]\s*[、和及兼]?\s*$")
_APPOSITION_GAP = re.compile(r"^[\s的]*$|^[\s的]*[及和][\u4e00-\u9fff]{1,5}$")
_TITLE_HEAD = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,8}\s?$")
_FORMER = ("原", "前")
_STOP = "，,；;：:"


def _titles(sentence, orgs, people):
    """Return (start, end, title) for each title, extended left over a qualifier (市场部总裁)."""
    found = []
    for match in TITLE_RE.finditer(sentence.text):
        start, end = match.span()
        if any(s < end and start < e for s, e, _ in people):
            continue
        head = _head(sentence.text, start, orgs, people, found)
        found.append((start - len(head), end, (head + match.group()).strip()))
    return found


def _head(text, start, orgs, people, earlier):
    """Return the qualifier before a title core that is neither a name, an org nor a cue."""
    left = max([e for _, e, _ in orgs + people if e <= start] +
               [e for _, e, _ in earlier] + [0])
    gap = text[left:start]
    for cut in "、，,。；;和及兼与为任的原前是（(）) ":
        gap = gap.rsplit(cut, 1)[-1]
    verb = _VERB_RE.search(gap)
    if verb:
        gap = gap[verb.end():]
    return gap if _TITLE_HEAD.fullmatch(gap or "x") and len(gap) <= 8 else ""


def _chains(titles, text):
    """Group titles joined by 、和及兼 or a gloss in brackets into chains."""
    chains = []
    for title in titles:
        if chains and _CHAIN_GAP.match(text[chains[-1][-1][1]:title[0]]):
            chains[-1].append(title)
        else:
            chains.append([title])
    return [[t for i, t in enumerate(c) if not _glossed(c, i, text)] for c in chains]


def _glossed(chain, i, text):
    """Drop a title in brackets that only glosses the previous one: CCO (首席合规官)."""
    return i > 0 and text[chain[i - 1][1]:chain[i][0]].strip().startswith(("(", "（"))


def _org_before(orgs, start, text):
    """Return the org written just before start (allowing 的, 原, a space), or None."""
    for s, e, name in reversed(orgs):
        if e <= start:
            gap = text[e:start]
            return name if re.fullmatch(r"[\s的原前时任]*", gap) else None
    return None


def find_roles(sentences, context):
    """Return the role proposals of an article's sentences (see textkit.proposals.sentences)."""
    roles = {}
    for sentence in sentences:
        for role in _sentence_roles(sentence, context):
            _merge(roles, role)
    return list(roles.values())


def _merge(roles, role):
    key = role.key()
    if key not in roles:
        roles[key] = role
        return
    kept = roles[key]
    kept.evidence.extend(e for e in role.evidence if e not in kept.evidence)
    for attr in ("start", "start_text", "end", "end_text"):
        if getattr(kept, attr) is None and getattr(role, attr) is not None:
            setattr(kept, attr, getattr(role, attr))
    kept.current = kept.current or role.current
    kept.confidence = min(0.95, max(kept.confidence, role.confidence) + 0.05)


def _sentence_roles(sentence: Sentence, context):
    people, orgs = sentence.people, sentence.orgs
    titles = _titles(sentence, orgs, people)
    out, claimed = [], set()
    for chain in _chains(titles, sentence.text):
        if not chain:
            continue
        role_set = _apposition(sentence, chain, context) or _cued(sentence, chain, context)
        if role_set:
            claimed.update(id(t) for t in chain)
            out.extend(role_set)
    out.extend(_founded(sentence, context))
    return out


def _apposition(sentence, chain, context):
    """Read "ORG TITLE PERSON": the person right after the last title of the chain."""
    text = sentence.text
    end = chain[-1][1]
    person = next(((s, e, n) for s, e, n in sentence.people if s >= end), None)
    if person is None or not _APPOSITION_GAP.match(text[end:person[0]]):
        return None
    org = _org_before(sentence.orgs, chain[0][0], text)
    before = text[:chain[0][0]].rstrip()
    if org:
        before = text[:next(s for s, e, n in sentence.orgs if n == org and e <= chain[0][0])]
    former = before.endswith(_FORMER) or before.endswith(tuple(f + " " for f in _FORMER))
    current = before.endswith("现任")
    after = text[person[1]:]
    verb = _VERB_RE.match(after.lstrip())
    end_date = None
    if verb and verb.group() in END_VERBS:
        end_date = sentence.date_near(person[1], context)
    reason = "apposition" + (" (former)" if former else "")
    return [_role(sentence, person, title, org, context, reason, current=current,
                  end=end_date, span=(min(chain[0][0], person[0]), person[1]))
            for title in chain]


def _cued(sentence, chain, context):
    """Read "PERSON 出任/担任/卸任 ORG TITLE", "以 TITLE 身份加入 ORG" and 历任 lists."""
    text = sentence.text
    start = chain[0][0]
    verb = _last_verb(text, start, sentence)
    if verb is None:
        return _subject_listing(sentence, chain, context)
    subject = sentence.subject_before(verb.start(), context)
    if subject is None:
        return None
    word = verb.group()
    org = _org_before(sentence.orgs, start, text) or sentence.org_between(verb.end(), start) \
        or sentence.nearest_org(verb.start(), context)
    date = sentence.date_near(verb.start(), context)
    kind = "end" if word in END_VERBS else "start"
    current = word == "现任" or (word in START_VERBS and context.says_current(text, verb.start()))
    reason = f"{word} pattern"
    return [_role(sentence, subject, title, org, context, reason, current=current,
                  start=date if kind == "start" and word not in ("历任", "时任") else None,
                  end=date if kind == "end" else None, span=(verb.start(), chain[-1][1]))
            for title in chain]


def _last_verb(text, start, sentence):
    """Return the cue verb of the clause that ends at start, if any."""
    clause_start = max(text.rfind(ch, 0, start) for ch in _STOP) + 1
    verbs = list(_VERB_RE.finditer(text, clause_start, start))
    for verb in reversed(verbs):
        between = text[verb.end():start]
        if not any(verb.end() <= s < start for s, _, _ in sentence.people) and len(between) <= 16:
            return verb
    return None


def _subject_listing(sentence, chain, context):
    """Read a bio's "张一鸣，…，字节跳动原首席执行官、创始人" as roles of the sentence's subject."""
    org = _org_before(sentence.orgs, chain[0][0], sentence.text)
    subject = sentence.leading_subject(context)
    if org is None or subject is None or any(s > subject[1] and s < chain[0][0]
                                             for s, _, _ in sentence.people):
        return None
    return [_role(sentence, subject, title, org, context, "subject's titles (listing)",
                  confidence=0.5, span=(chain[0][0], chain[-1][1])) for title in chain]


def _founded(sentence, context):
    """Read "王兴创办校园网" / "A、B联合创立 X" as 创始人 / 联合创始人 roles."""
    out = []
    for word, title in FOUND_VERBS.items():
        for match in re.finditer(word, sentence.text):
            org = sentence.org_between(match.end(), match.end() + 14)
            founders = sentence.clause_people_before(match.start())
            if not org or not founders:
                continue
            role_title = "联合创始人" if len(founders) > 1 or "联合" in sentence.text[:match.start()] \
                else title
            date = sentence.date_near(match.start(), context)
            for person in founders:
                out.append(_role(sentence, person, role_title, org, context, f"{word} pattern",
                                 start=date, span=(person[0], match.end())))
    return out


def _role(sentence, person, title, org, context, reason, *, current=False, start=None, end=None,
          confidence=0.7, span=None):
    """Build one RoleProposal with its evidence span over the sentence."""
    lo, hi = span or (person[0], person[1])
    offset = sentence.offset
    evidence = Evidence(sentence.position, sentence.text[lo:hi], offset + lo, offset + hi)
    fallback = org is None
    org = org or context.main_org
    start_edtf, start_text = start or (None, None)
    end_edtf, end_text = end or (None, None)
    if fallback:
        confidence -= 0.15
        reason += ", organisation assumed from the article"
    return RoleProposal(person[2], title[2], org, start_edtf, end_edtf, start_text, end_text,
                        current, confidence, [evidence], reason + ", title lexicon")
