"""Reprint candidates, containment, alignment and diffs on the seed articles."""

import random
from collections import Counter

import opencc
import pytest

from tests.textkit.seeds import original, original_text, reprint, reprint_text, traditional_html_copy  # noqa: F401
from textkit.classify import classify, dedupe_sentences
from textkit.fold import sentences
from textkit.html import extract_article
from textkit.reprints import MIN_SHARED, align, band_keys, containment, diff_spans, similarity

S2T = opencc.OpenCC("s2t").convert
# Reprint (001) paragraph opening -> 1-based lines of the original (000) it copies, in order.
MERGED = {"杨猛说,有过疯狂": [70, 45], "余涌记得,“狂风行动”": [64, 53]}


@pytest.fixture(scope="module")
def original_kinds(original):
    return [c.kind for c in classify(original)]


@pytest.fixture(scope="module")
def html_copy(original, original_kinds):
    return "\n".join(extract_article(traditional_html_copy(original, original_kinds)).paragraphs)


def ranked(index, text, limit=10):
    """(document, share of the text's keys it holds), best first: what the archive's SQL does with
    ShingleKey rows (archive.services.reprints.reprint_candidates)."""
    query = band_keys(text)
    counts = Counter(doc for doc, keys in index.items() for key in query if key in keys)
    best = sorted(((-n, doc) for doc, n in counts.items() if n >= MIN_SHARED))[:limit]
    return [(doc, -n / len(query)) for n, doc in best]


@pytest.fixture(scope="module")
def archive(original, original_text, reprint):
    """Return the keys of the original among 200 decoys, some sharing its sentences or the reprint's footer."""
    rng = random.Random(2017)
    pool = [s for p in original for s in sentences(p)]
    words = [original_text[i : i + 2] for i in range(0, len(original_text) - 2, 3)]
    footer = reprint[-4:-1]
    index = {"000": set(band_keys(original_text))}
    for n in range(200):
        text = [
            "".join(rng.choices(words, k=rng.randrange(10, 30))) + "。" for _ in range(rng.randrange(40, 120))
        ]
        text += rng.sample(pool, 6) if n % 3 == 0 else []
        text += footer if n % 5 == 0 else []
        rng.shuffle(text)
        index[f"decoy-{n:03d}"] = set(band_keys("\n".join(text)))
    return index


def test_reprint_finds_the_original_first(archive, reprint_text):
    assert ranked(archive, reprint_text)[0][0] == "000"


def test_traditional_html_copy_finds_the_original_first(archive, html_copy):
    (top, share), (_, runner_up) = ranked(archive, html_copy, limit=2)
    assert top == "000" and share > 0.8 and runner_up < 0.2


def test_unrelated_text_finds_nothing(archive):
    assert ranked(archive, "今天天气很好,我们去公园散步,然后回家吃饭睡觉。" * 3) == []


def test_band_keys_are_short_stable_and_script_blind(original_text):
    keys = band_keys(original_text)
    assert keys == band_keys(original_text) and all(len(k) == 12 for k in keys)
    traditional = set(band_keys(S2T(original_text)))
    assert len(traditional & set(keys)) / len(keys) > 0.9


def test_containment_is_high_for_the_copy_and_low_the_other_way(original_text, reprint_text, html_copy):
    assert containment(reprint_text, original_text) > 0.9
    assert containment(original_text, reprint_text) < 0.5
    assert containment(html_copy, original_text) > 0.95


def test_similarity_folds_scripts():
    assert similarity("阿里巴巴「中國供應商」", "阿里巴巴“中国供应商”") == 1.0
    assert similarity("阿里巴巴", "腾讯控股") == 0.0


def expected_reprint_sources(reprint, original):
    """Return the reprint's expected sources: exact line matches, deduped lines, and the two merges."""
    lines = {p: n for n, p in reversed(list(enumerate(original, 1)))}
    expected = {}
    for i, paragraph in enumerate(reprint):
        merged = next((v for k, v in MERGED.items() if paragraph.startswith(k)), None)
        text = dedupe_sentences(paragraph)
        if merged or text in lines:
            expected[i] = merged or [lines[text]]
    return expected


def test_every_reprint_body_paragraph_aligns_to_its_source(reprint, original):
    kinds = classify(reprint)
    alignments = align(reprint, original)
    got = {a.copy_index: [j + 1 for j in a.original_indices] for a in alignments}
    expected = expected_reprint_sources(reprint, original)
    body = [i for i, c in enumerate(kinds) if c.kind in ("body", "heading")]
    assert sorted(got) == body == sorted(expected)
    assert got == expected
    assert min(a.similarity for a in alignments) >= 0.99


def test_merged_lines_map_to_both_sources_in_order(reprint, original):
    got = {reprint[a.copy_index][:9]: [j + 1 for j in a.original_indices] for a in align(reprint, original)}
    assert got["杨猛说,有过疯狂,"] == [70, 45]
    assert got["余涌记得,“狂风行"] == [64, 53]


def test_boilerplate_and_metadata_are_never_aligned(reprint, original):
    aligned = {a.copy_index for a in align(reprint, original)}
    kinds = classify(reprint)
    assert not [i for i in aligned if kinds[i].kind in ("boilerplate", "metadata")]
    assert not aligned & {0, 1, 2, len(reprint) - 1}


def test_traditional_html_copy_aligns_paragraph_to_paragraph(original, original_kinds, html_copy):
    copy = html_copy.split("\n")
    alignments = align(copy, original, original_kinds, original_kinds)
    assert [a.original_indices for a in alignments] == [[i] for i in range(len(original))]
    assert min(a.similarity for a in alignments) > 0.95


def test_split_paragraph_pieces_map_to_the_same_source(original):
    first, second = original[47][:60], original[47][60:]
    alignments = align(
        ["摔过的跟头", first, second, "这一句话只在转载里出现,原文并没有。"],
        original,
        ["heading", "body", "body", "body"],
    )
    assert [a.original_indices for a in alignments] == [[56], [47], [47], []]
    assert alignments[3].similarity == 0.0


def test_diff_spans_cover_both_texts():
    a, b = "阿里巴巴B2B事业群业务总裁戴珊", "阿里巴巴B2B事业群总裁戴珊女士"
    spans = diff_spans(a, b)
    assert "".join(x for _, x, _ in spans) == a and "".join(y for _, _, y in spans) == b
    assert ("delete", "业务", "") in spans and ("insert", "", "女士") in spans


def test_a_copy_only_caption_stays_unaligned():
    from textkit.reprints import align

    # Before the length-dependent floor the caption matched the first paragraph at 75.
    original = [
        "這次13代發佈會現在看來很成功，銷量超過預期，也讓對手感到壓力。",
        "第二年，公司的手機出貨量增長了一倍，成為國內市場份額第三的品牌。",
    ]
    copy = ["X 13發佈會現場", "第二年，公司的手機出貨量增長了一倍，成為國內市場份額第三的品牌。"]
    alignments = align(copy, original, ["caption", "body"], ["body", "body"])
    assert alignments[0].original_indices == [] and alignments[1].original_indices == [1]


def test_the_floor_rises_for_short_pieces():
    from textkit.reprints import PIECE_MATCH, piece_floor

    assert piece_floor(10) == 90 and piece_floor(200) < PIECE_MATCH + 1
