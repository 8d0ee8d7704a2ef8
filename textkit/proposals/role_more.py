"""Role patterns beyond apposition and cue verbs: founding, 以…身份加入, succession, 包括 lists."""

import re

from textkit.proposals.language import END_VERBS, FOUND_VERBS, ORG_SUFFIXES, TITLE_RE
from textkit.proposals.model import RoleProposal
from textkit.proposals.role_build import VERB_RE, build_role, chain_roles, role_date

__all__ = ["appointed", "founded", "included", "joined_as", "succession"]

_AS = re.compile(r"^\s*(?:的)?身份\s*(?:正式|重新|又)?\s*(?P<verb>加入|加盟|回到|重返|进入)(?:了)?")
_SUCCEED = re.compile(r"^\s*(?:将|又|随即|正式)?\s*(?:接任|接替)")
_STOPS = "，,；;。：:"
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,8}")
_LIST_SPLIT = re.compile(r"\s*(?:、|和|及|以及|与)\s*")


_APPOINTING = re.compile(
    r"(?:选举|推选|选出|推举|聘任|聘请|任命|委任|提名|提拔|委派|指派|邀请|请|让|派)(?:了)?\s*$"
)
_TITLE_TAIL = re.compile(r"(?:(?:" + TITLE_RE.pattern + r")、?)+\s*$")
_AS_TITLE = re.compile(r"^\s*(?:为|作为|担任|出任|接任|兼任|任)\s*$")


def appointed(sentence, chain, context):
    """Read "选举周云杰为董事局主席", "聘任周云杰为CEO、梁海山为总裁", "邀请张瑞敏担任名誉主席":
    the person after an appointing verb holds the title after 为/担任."""
    text = sentence.text
    person = next((p for p in reversed(sentence.people) if p[1] <= chain[0].start), None)
    if person is None or not _AS_TITLE.match(text[person[1] : chain[0].start]):
        return None
    lead = text[: person[0]]
    listed = re.search(r"[、，,]\s*$", lead)
    lead = _TITLE_TAIL.sub("", lead)
    if not _APPOINTING.search(lead) and not (listed and _appointed_before(sentence, person[0])):
        return None
    date = role_date(sentence, person[0], context)
    return chain_roles(
        sentence,
        person,
        chain,
        context,
        "appointed (选举/聘任…为)",
        start=date,
        span=(person[0], chain[-1].end),
    )


def _appointed_before(sentence, at):
    """Return True when the clause list before `at` began with an appointing verb (…为CEO、B为总裁)."""
    clause = max(sentence.text.rfind(ch, 0, at) for ch in "。；;") + 1
    return bool(
        re.search(_APPOINTING.pattern[:-4] + r"\s*[\u4e00-\u9fff·]{2,6}\s*为", sentence.text[clause:at])
    )


def _clause_end(text, at):
    return min([i for i in (text.find(ch, at) for ch in _STOPS) if i >= 0] + [len(text)])


def joined_as(sentence, chain, context):
    """Read "以技术合伙人身份加入王兴团队": the title at the organisation joined."""
    text = sentence.text
    match = _AS.match(text[chain[-1].end :])
    if not match or not text[: chain[0].start].rstrip().endswith("以"):
        return None
    subject = sentence.subject_before(chain[0].start, context)
    if subject is None:
        return None
    after = chain[-1].end + match.end()
    end = _clause_end(text, after)
    org = sentence.org_between(after, end) or _object_name(text[after:end])
    date = role_date(sentence, chain[0].start, context)
    return [
        build_role(
            sentence,
            subject,
            title.text,
            context,
            f"以…身份{match.group('verb')} pattern",
            org=org or context.main_org,
            start=date,
            span=(chain[0].start - 1, end),
        )
        for title in chain
    ]


def _object_name(words):
    words = words.strip()
    return words if 2 <= len(words) <= 12 and words.endswith(ORG_SUFFIXES) else None


def succession(sentence, roles, context):
    """Read "…的职务由 B 接任" / "B 接替了他的岗位": B takes the posts last said to be left."""
    out = []
    text = sentence.text
    for person in sentence.people:
        if not _SUCCEED.match(text[person[1] :]):
            continue
        left = [
            r
            for r in roles
            if r.person != person[2]
            and r.evidence[0].start - sentence.offset < person[0]
            and ("former" in r.reason or r.end is not None or r.reason.startswith(END_VERBS))
        ]
        if not left:
            continue
        # "退出法定代表人及总经理、董事职务，由李黎接任": B takes every post of that one statement.
        posts = [r for r in left if r.evidence[0].start == left[-1].evidence[0].start]
        date = role_date(sentence, person[1], context)
        taken = [
            build_role(
                sentence,
                person,
                post.title,
                context,
                "succession (接任/接替)",
                org=post.organization,
                start=date,
                span=(person[0], person[1] + 4),
            )
            for post in posts
        ]
        out.extend(taken)
        roles = roles + taken
    return out


_REPLACES = re.compile(r"(?:接替|接任|接棒|取代|替代)(?:了)?\s*$")


def predecessors(sentence, roles, context):
    """Read "董明珠接替朱江洪出任格力集团董事长": B held the post until A took it."""
    out = []
    text = sentence.text
    for role in roles:
        for person in sentence.people:
            after = text[person[1] : person[1] + 4]
            if person[2] == role.person or not _REPLACES.search(text[max(0, person[0] - 4) : person[0]]):
                continue
            start, end = (e - sentence.offset for e in (role.evidence[0].start, role.evidence[0].end))
            if not person[1] <= start <= person[1] + 2 or re.search(r"[，,；;。]", text[person[1] : end]):
                continue  # only the post named right after B, in its clause: "A接替B出任X"
            if not VERB_RE.match(after.lstrip("的")) and not after.startswith(("出任", "担任", "成为", "任")):
                continue
            ended = (role.start, role.start_text) if role.start else None
            out.append(
                build_role(
                    sentence,
                    person,
                    role.title,
                    context,
                    "predecessor (接替…出任)",
                    org=role.organization,
                    end=ended,
                    former=True,
                    span=(person[0] - 2, person[1]),
                )
            )
    return out


def founded(sentence, context):
    """Read "王兴创办校园网" / "A、B联合创立 X" as 创始人 / 联合创始人 roles."""
    out = _named_founding(sentence, context)
    text = sentence.text
    for word, title in FOUND_VERBS.items():
        for match in re.finditer(word, text):
            if any(match.start() > s and match.end() <= e for s, e in _longer(text, word)):
                continue
            founders = sentence.clause_people_before(match.start())
            org, org_end = _founded_object(sentence, match.end())
            if not org or not founders:
                continue
            joint = len(founders) > 1 or "联合" in text[max(0, match.start() - 2) : match.start()]
            relative = text[org_end : org_end + 1] == "的"
            date = None if relative else role_date(sentence, match.start(), context)
            for person in founders:
                out.append(
                    build_role(
                        sentence,
                        person,
                        "联合创始人" if joint else title,
                        context,
                        f"{word} pattern",
                        org=org,
                        start=date,
                        span=(person[0], org_end),
                    )
                )
    return out


_NAMED = re.compile(r"(?:创业|创办|创立|成立|注册)[^。；;]{0,30}?(?:取名|命名|起名|定名)(?:为|叫)?[“\"]?")


def named_company(sentence):
    """Return (name, start, end) of "创业…，公司取名为X", the company a founding sentence names."""
    match = _NAMED.search(sentence.text)
    if not match:
        return None
    org = next(((s, e, n) for s, e, n in sentence.orgs if s == match.end()), None)
    if org is None:
        words = _NAME.match(sentence.text, match.end())
        org = (words.start(), words.end(), words.group()) if words else None
    return org


def _named_founding(sentence, context):
    """Read "2012年，张一鸣开启第五次创业之旅，公司取名为字节跳动" as 创始人 of the named company."""
    org = named_company(sentence)
    if org is None:
        return []
    person = sentence.subject_before(org[0], context)
    if person is None:
        return []
    date = role_date(sentence, org[0], context)
    return [
        build_role(
            sentence,
            person,
            "创始人",
            context,
            "创业…取名为 pattern",
            org=org[2],
            start=date,
            span=(0, org[1]),
        )
    ]


def _longer(text, word):
    """Return spans of longer founding verbs containing word (联合创立 holds 创立)."""
    spans = []
    for other in FOUND_VERBS:
        if other != word and word in other:
            spans += [m.span() for m in re.finditer(other, text)]
    return spans


def _founded_object(sentence, at):
    """Return (name, end) of what was founded: an organisation named after the verb."""
    text = sentence.text
    start = at + (1 if text[at : at + 1] == "了" else 0)
    end = _clause_end(text, start)
    org = next(((s, e, n) for s, e, n in sentence.orgs if start <= s <= start + 3 and e <= end), None)
    if org is None:
        return None, start
    tail = re.match(r"(?!的)[\u4e00-\u9fffA-Za-z0-9]{2,6}(?=$|[，,；;。的])", text[org[1] : end])
    if tail and tail.end() == end - org[1]:
        return tail.group(), org[1] + tail.end()
    return org[2], org[1]


def included(sentence, titles, context):
    """Read "卸任多家关联公司法定代表人，包括 A、B 和 C": one role per organisation listed."""
    text = sentence.text
    out = []
    for title in titles:
        match = re.match(r"^[\s席位]*[，,]?\s*(?:包括|包含|分别为|分别是|是|为)[:：]?", text[title.end :])
        if not match:
            continue
        begin = title.end + match.end()
        end = min([i for i in (text.find(ch, begin) for ch in "；;。") if i >= 0] + [len(text)])
        named = [p for p in sentence.people if begin <= p[0] < end]
        if named:
            out += [
                build_role(
                    sentence,
                    p,
                    title,
                    context,
                    "people listed after a title",
                    chain=[title],
                    span=(title.start, p[1]),
                )
                for p in named
            ]
            continue
        clause = max(text.rfind(ch, 0, title.start) for ch in _STOPS) + 1
        verb = next(reversed(list(VERB_RE.finditer(text, clause, title.start))), None)
        subject = sentence.subject_before(verb.start() if verb else title.start, context)
        if subject is None:
            continue
        date = role_date(sentence, verb.start() if verb else title.start, context)
        is_end = bool(verb) and verb.group() in END_VERBS
        core = re.sub(r"^.*?(?=" + "|".join(map(re.escape, _title_cores(title.text))) + ")", "", title.text)
        for name in _LIST_SPLIT.split(text[begin:end].strip()):
            if name.endswith(ORG_SUFFIXES) and 2 <= len(name) <= 30:
                out.append(
                    _listed_role(
                        sentence, subject, core or title.text, name, context, date, is_end, (title.start, end)
                    )
                )
    return out


def _title_cores(title):
    from textkit.proposals.language import TITLE_CORES

    return [c for c in TITLE_CORES if c in title] or [title]


def _listed_role(sentence, subject, title, org, context, date, is_end, span) -> RoleProposal:
    return build_role(
        sentence,
        subject,
        title,
        context,
        "titles listed with 包括",
        org=org,
        start=None if is_end else date,
        end=date if is_end else None,
        span=span,
    )
