"""Offline Chinese word tagging: Baidu's LAC first, jieba as the fallback, then nothing.

Every backend returns, for each input text, tokens ``(start, end, word, tag)`` where tag is
"PER" (person), "ORG" (organisation), "LOC", "TIME" or a part-of-speech tag. The model is
loaded lazily, once per process; a backend that cannot load is skipped with a notice, never
an exception, so proposals degrade to the archive's own names.
"""

import functools
import logging
import os
import sys

__all__ = ["MAX_CHARS", "Tagger", "tagger"]

log = logging.getLogger(__name__)

# LAC's GRU runs over a whole input: cap each call so a pathological paragraph stays bounded.
MAX_CHARS = 400
_BATCH = 16  # paragraphs per LAC call: 64 doubled the peak memory on 1 MB (paddle keeps the larger buffers) for no speed gain
_JIEBA_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "nt": "ORG", "ns": "LOC", "t": "TIME"}


def _shim_paddle_fluid():
    """Map paddle.fluid to paddle.base: LAC 2.1.2 predates paddle 2.6, which renamed it."""
    import paddle

    if "paddle.fluid" in sys.modules:
        return
    base = getattr(paddle, "base", None)
    if base is None:  # an old paddle still has fluid itself
        return
    import paddle.base.core

    sys.modules["paddle.fluid"] = base
    sys.modules["paddle.fluid.core"] = base.core
    paddle.fluid = base


class Tagger:
    """One loaded backend: name is "LAC", "jieba" or "none"."""

    def __init__(self, name, run, notices=()):
        self.name = name
        self._run = run
        self.notices = list(notices)

    def tag(self, texts, keep=None):
        """Return tokens for each text, splitting over-long texts into capped pieces.

        keep: optional function filtering each piece's tokens as soon as they are tagged, so a
        long article never holds every token of every word at once.
        """
        pieces, owners = [], []
        for index, text in enumerate(texts):
            for offset in range(0, len(text), MAX_CHARS):
                pieces.append((offset, text[offset : offset + MAX_CHARS]))
                owners.append(index)
        out = [[] for _ in texts]
        for i in range(0, len(pieces), _BATCH):
            batch = pieces[i : i + _BATCH]
            for (offset, piece), owner, words in zip(
                batch, owners[i : i + _BATCH], self._run([p for _, p in batch])
            ):
                tokens = _offsets(piece, words, offset)
                out[owner].extend(keep(tokens) if keep else tokens)
        return out


def _offsets(text, words, offset):
    """Attach code-point offsets to (word, tag) pairs, re-finding words a backend altered."""
    tokens, at = [], 0
    for word, tag in words:
        if not word:
            continue
        if text.startswith(word, at):
            start = at
        else:
            start = text.find(word, at)
            if start < 0:
                continue
        tokens.append((offset + start, offset + start + len(word), word, tag))
        at = start + len(word)
    return tokens


def _load_lac():
    _shim_paddle_fluid()
    os.environ.setdefault("GLOG_minloglevel", "2")  # paddle's C++ logs are noise here
    from LAC import LAC

    model = LAC(mode="lac")

    def run(texts):
        return [list(zip(words, tags)) for words, tags in model.run(list(texts))]

    run(["测试"])  # fail here, not mid-article, if the model does not run
    return run


def _load_jieba():
    import jieba
    from jieba import posseg

    jieba.setLogLevel(logging.WARNING)

    def run(texts):
        return [[(w, _JIEBA_TAGS.get(f, f)) for w, f in posseg.lcut(text, HMM=True)] for text in texts]

    return run


@functools.lru_cache(maxsize=4)
def tagger(prefer="LAC"):
    """Return the best backend that loads (LAC, then jieba, then none), cached per process."""
    notices = []
    order = [("LAC", _load_lac), ("jieba", _load_jieba)]
    if prefer == "jieba":
        order = order[1:]
    elif prefer == "none":
        order = []
    for name, load in order:
        try:
            return Tagger(name, load(), notices)
        except Exception as exc:  # noqa: BLE001  (any import or model failure: try the next one)
            log.warning("NER backend %s unavailable: %s", name, exc)
            notices.append(f"ner_unavailable:{name}: {type(exc).__name__}: {exc}"[:200])
    notices.append("lexicon_only: no NER library loaded; only names the archive knows are proposed")
    return Tagger("none", lambda texts: [[] for _ in texts], notices)
