"""Find known names in text, and guess at names the archive does not know yet.

``NameMatcher`` is a multi-pattern matcher (Aho–Corasick, via pyahocorasick) over the names
and aliases of known people and organisations. It returns leftmost-longest, non-overlapping
matches, so "阿里巴巴B2B事业群" wins over "阿里巴巴" inside it. Latin names ("MM", "CBU") only
match as whole words, so "MM" is not found inside "COMMERCE".

``candidate_names`` is a heuristic for names not in the archive yet: a common surname and one
or two characters, followed by a word that usually follows a person (说, 表示, 加入, 担任…).
"""

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

__all__ = ["NameMatch", "NameMatcher", "Candidate", "candidate_names"]

_WORD = re.compile(r"[0-9A-Za-z]")


@dataclass(frozen=True)
class NameMatch:
    """A known name found at text[start:end]; keys are what the name stands for."""

    start: int
    end: int
    text: str
    keys: tuple


class NameMatcher:
    """Match many names at once; a name shared by several records carries all their keys."""

    def __init__(self, names):
        """Build the automaton from (name, key) pairs; blank names are skipped."""
        keys_by_name = defaultdict(list)
        for name, key in names:
            name = (name or "").strip()
            if name and key not in keys_by_name[name]:
                keys_by_name[name].append(key)
        self._automaton = ahocorasick.Automaton()
        for name, keys in keys_by_name.items():
            self._automaton.add_word(name, (name, tuple(keys)))
        self._empty = not keys_by_name
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text):
        """Return the known names in text, leftmost-longest and non-overlapping, in order."""
        if self._empty or not text:
            return []
        found = []
        for last, (name, keys) in self._automaton.iter(text):
            start = last - len(name) + 1
            if _whole_word(text, start, last + 1, name):
                found.append(NameMatch(start, last + 1, name, keys))
        return _leftmost_longest(found)


def _whole_word(text, start, end, name):
    # Latin letters and digits glued to a Latin name make another word ("MM" in "COMMERCE").
    if _WORD.match(name[0]) and start > 0 and _WORD.match(text[start - 1]):
        return False
    return not (_WORD.match(name[-1]) and end < len(text) and _WORD.match(text[end]))


def _leftmost_longest(matches):
    chosen, reach = [], 0
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= reach:
            chosen.append(match)
            reach = match.end
    return chosen


# The most frequent Chinese surnames (single characters); compound surnames are rare in sources.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤卫干彼"
)
_CUES = (
    "说",
    "表示",
    "回忆",
    "告诉",
    "认为",
    "记得",
    "坦言",
    "笑称",
    "感慨",
    "透露",
    "介绍",
    "曾经",
    "担任",
    "出任",
    "加入",
    "成为",
    "调任",
    "接任",
    "升任",
    "兼任",
    "带领",
    "负责",
    "离开",
)
_NOT_NAMES = frozenset(
    {
        "高管",
        "马上",
        "王牌",
        "金牌",
        "张开",
        "于是",
        "于是他",
        "程序",
        "方面",
        "白天",
        "钱说",
        "石头",
        "万人",
        "任何",
        "向他",
        "向她",
        "江湖",
        "龙头",
        "段时间",
        "史上",
        "孔子",
        "许多",
    }
)
_CANDIDATE = re.compile("(?P<name>[%s][\u4e00-\u9fff]{1,2}?)(?=%s)" % (SURNAMES, "|".join(_CUES)))


@dataclass(frozen=True)
class Candidate:
    """A string that looks like a person's name and matches no known name."""

    start: int
    end: int
    text: str
    cue: str


def candidate_names(text, known=()):
    """Return likely person names in text that are not among (nor inside) the known names."""
    known = [k for k in known if k]
    found = []
    for match in _CANDIDATE.finditer(text):
        name = match.group("name")
        if name in _NOT_NAMES or any(name in k or k in name for k in known):
            continue
        cue = next(c for c in _CUES if text.startswith(c, match.end()))
        found.append(Candidate(match.start(), match.end(), name, cue))
    return found
