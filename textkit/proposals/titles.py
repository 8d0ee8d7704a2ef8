"""Titles in a sentence, each with the organisation written into it (零售 CEO, 九九房首席执行官).

A title is a core from the lexicon (总裁, 首席执行官, learned titles…) with its prefixes. The
words just before it are its head: an organisation (字节跳动原首席执行官 → 字节跳动), a function
that belongs to the title (销售与服务总裁 → 服务总裁), or both (中供销售负责人 → 中供 + 销售负责人).
"""

import re
from dataclasses import dataclass

from textkit.proposals.language import ORG_SUFFIXES, TITLE_RE
from textkit.proposals.role_build import org_before

__all__ = ["Title", "chains", "find_titles", "title_regex"]

# Words that name a function inside a title rather than an organisation.
FUNCTIONS = (
    "人力资源",
    "销售",
    "营销",
    "服务",
    "业务",
    "技术",
    "产品",
    "市场",
    "运营",
    "财务",
    "人力",
    "战略",
    "研发",
    "区域",
    "大区",
    "地区",
    "项目",
    "品牌",
    "公关",
    "法务",
    "采购",
    "设计",
    "行政",
    "商务",
    "数据",
    "安全",
    "内容",
    "客服",
    "全国",
    "海外",
    "华东",
    "华南",
    "华北",
    "华中",
    "西南",
    "西北",
    "东北",
    "执行",
    "兼职",
    "专职",
    "分管",
    "主管",
    "常务",
)
_COMPANY_WORDS = ("集团", "公司", "本公司", "该公司", "总部")
# Characters of grammar, never inside an organisation's name.
_GRAMMAR = set("着了过是在把被将让给对向从以于也都又还就这那其该此们个很最更再曾已即并而且但则位名")
_CUTS = '、，,。；;：:和及兼与或为任的由从在向到对给把被让（(）)——“”"「」《》 \u3000'
_MARKERS = ("时任", "现任", "原", "前", "当", "做", "的", " ", "“", "”", '"', "「", "」")
_CHAIN_GAP = re.compile(r"^[\s、和及兼与或/]*$|^\s*[（(]\s*$|^\s*[（(][^）)]{0,12}[）)]\s*[、和及兼]?\s*$")
_MAX_ORG = 12
_GLOSS = re.compile(r"\s*[（(][^）)]{0,12}[）)]\s*")
_FUNCTION_WORDS = "|".join(sorted(FUNCTIONS, key=len, reverse=True))
# "销售与服务总裁", "战略和营销总裁": two functions joined by 与/和/及 head one title.
_JOINT_FUNCTION = re.compile(rf"(?:{_FUNCTION_WORDS})(?:与|和|及)(?:{_FUNCTION_WORDS})$")


@dataclass
class Title:
    """A title at [start, end) of the sentence (head included); org is the head's organisation."""

    start: int
    end: int
    text: str
    org: str | None = None
    head: str = ""
    former: bool = False

    def as_tuple(self):
        """Return (start, end, text): the shape role builders quote."""
        return self.start, self.end, self.text


def title_regex(learned=()):
    """Return TITLE_RE, or a regex that also knows the archive's learned titles."""
    extra = sorted({t for t in learned if t and not TITLE_RE.fullmatch(t)}, key=len, reverse=True)
    if not extra:
        return TITLE_RE
    return re.compile("(?:" + "|".join(map(re.escape, extra)) + ")|" + TITLE_RE.pattern)


def find_titles(sentence, regex=TITLE_RE, verb_re=None, main_org=None):
    """Return the sentence's titles, each extended over its head and split into org + title."""
    found = []
    for match in regex.finditer(sentence.text):
        start, end = match.span()
        if any(s < end and start < e for s, e, _ in sentence.people):
            continue
        if found and found[-1].end > start:
            continue
        if match.group().endswith(("董事", "监事")) and sentence.text[end : end + 1] in ("会", "局"):
            continue  # 董事会会议室: the board, not a title
        found.append(_title(sentence, start, end, match.group(), found, verb_re, main_org))
    return found


def _title(sentence, start, end, core, earlier, verb_re, main_org):
    text = sentence.text
    left = max(
        [e for _, e, _ in sentence.orgs + sentence.people if e <= start] + [t.end for t in earlier] + [0]
    )
    gap = text[left:start]
    stripped, former = _strip_markers(gap)
    piece = _last_piece(stripped, verb_re)
    joint = _JOINT_FUNCTION.search(stripped)
    if joint and len(joint.group()) > len(piece) and piece and joint.group().endswith(piece):
        piece = joint.group()
    for marker in ("时任", "现任", "原", "前"):
        if piece.startswith(marker) and len(piece) > len(marker) + 1:
            piece, former = piece[len(marker) :], former or marker in ("原", "前")
    org, head = _split_head(piece, main_org)
    owner = next((n for _, e, n in sentence.orgs if e == left), None) if piece else None
    if owner and org == piece and not piece.endswith(ORG_SUFFIXES) and len(piece) <= 6 and stripped == piece:
        if owner.endswith(ORG_SUFFIXES):
            # "甲骨文公司中国咨询总监": after a company's full name, the words are the title's.
            org, head = owner, piece
        else:
            # "美团点评高级副总裁": a short name followed by more name is one organisation.
            org, head = owner + piece, ""
    if not piece and core.startswith(_COMPANY_WORDS):
        org = main_org or org
    if not piece and org is None and (not stripped or _GLOSS.fullmatch(stripped) or stripped == ")"):
        # "美国华为董事长", "中国内贸事业部(CBU)联席总经理": the organisation right before is its own.
        org = org_before(sentence.orgs, start, text)
    if org and not head and core.startswith("集团") and len(core) > 2 and not org.endswith("集团"):
        # "联想集团创始人": the group is part of the name, not of the title.
        org, core = org + "集团", core[2:]
    begin = start - len(gap) + len(stripped) - len(piece) if piece else start
    if not piece:
        former = former or gap.endswith(("原", "前", "原 ", "前 "))
    return Title(begin, end, (head + core).strip(), org, head, former)


def _strip_markers(gap):
    """Strip 原/前/时任 and quotes off the end of a head; say whether it was marked former."""
    former = False
    changed = True
    while gap and changed:
        changed = False
        for marker in _MARKERS:
            if gap.endswith(marker):
                former = former or marker in ("原", "前")
                gap, changed = gap[: -len(marker)], True
    return gap, former


def _last_piece(gap, verb_re):
    for cut in _CUTS:
        gap = gap.rsplit(cut, 1)[-1]
    if verb_re is not None:
        verbs = list(verb_re.finditer(gap))
        if verbs:
            gap = gap[verbs[-1].end() :]
    if len(gap) < 2 or len(gap) > _MAX_ORG or _GRAMMAR & set(gap) or re.search(r"\d", gap):
        return ""
    return gap if re.fullmatch(r"[\u4e00-\u9fffA-Za-z.&·]+", gap) else ""


def _split_head(piece, main_org):
    """Return (organisation, function head) for the words before a title core."""
    if not piece:
        return None, ""
    if piece in _COMPANY_WORDS:
        return main_org or piece, ""
    if _functional(piece):
        return None, piece
    if piece.endswith(ORG_SUFFIXES):
        return piece, ""
    for word in sorted(FUNCTIONS, key=len, reverse=True):
        if piece.endswith(word) and len(piece) - len(word) >= 2:
            return piece[: -len(word)], word
    return (piece, "") if len(piece) >= 2 else (None, piece)


def _functional(piece):
    """Return True when the piece is made only of function words (销售与服务, 全球销售)."""
    rest = piece
    while rest:
        word = next(
            (w for w in FUNCTIONS + ("与", "和", "及", "全球", "高级", "资深") if rest.startswith(w)), None
        )
        if word is None:
            return False
        rest = rest[len(word) :]
    return True


def _joined(text, start, end, orgs):
    """Return True when titles are joined by 、和及兼, a gloss, or "、ORG" (副总裁、零售通事业部总经理)."""
    gap = text[start:end]
    if _CHAIN_GAP.match(gap):
        return True
    inner = [(s, e) for s, e, _ in orgs if start <= s and e <= end]
    for s, e in sorted(inner, reverse=True):
        gap = gap[: s - start] + gap[e - start :]
    gap = re.sub(r"[（(][^）)]{0,12}[）)]", "", gap)
    return bool(inner) and bool(re.fullmatch(r"\s*[、和及兼]\s*", gap))


def chains(titles, text, orgs=()):
    """Group titles joined by 、和及兼 or a gloss in brackets; drop a bracketed gloss (CCO (首席合规官))."""
    grouped = []
    for title in titles:
        if grouped and _joined(text, grouped[-1][-1].end, title.start, orgs):
            grouped[-1].append(title)
        else:
            grouped.append([title])
    out = []
    for chain in grouped:
        kept = [
            t
            for i, t in enumerate(chain)
            if i == 0 or not text[chain[i - 1].end : t.start].strip().startswith(("(", "（"))
        ]
        _carry_orgs(kept)
        out.append(kept)
    return out


def _carry_orgs(chain):
    """Give a title with no head the organisation of the title before it (字节跳动CEO、创始人)."""
    for before, title in zip(chain, chain[1:]):
        if title.org is None and not title.head and before.org:
            title.org = before.org
