"""textkit.anchoring: a quote found again after its paragraph was edited, or not at all."""

from textkit.anchoring import reanchor

TEXT = "后来杨猛调任台州当区域经理,因为当地商业欠发达。"


def test_quote_moved_by_an_insertion_is_found_exactly():
    placed = reanchor("2003年," + TEXT, quote="杨猛", prefix="后来", suffix="调任台州", hint=2)
    assert (placed.start, placed.end, placed.exact) == (8, 10, True)


def test_repeated_quote_is_placed_by_its_context():
    text = "杨猛说:杨猛调任台州。"
    placed = reanchor(text, quote="杨猛", prefix="杨猛说:", suffix="调任台州", hint=0)
    assert placed.start == 4


def test_equal_context_goes_to_the_occurrence_nearest_the_old_place():
    placed = reanchor("马云、马云、马云", quote="马云", hint=6)
    assert placed.start == 6


def test_lightly_edited_long_quote_is_placed_approximately():
    edited = "后来他调任台州,当区域经理,因为当地商业欠发达。"
    placed = reanchor(edited, quote="杨猛调任台州当区域经理", prefix="后来", suffix=",因为", hint=2)
    assert placed is not None and not placed.exact
    assert "调任台州" in placed.quote and placed.quote == edited[placed.start : placed.end]


def test_deleted_words_cannot_be_placed():
    assert reanchor("后来调任台州当区域经理。", quote="杨猛", prefix="后来", suffix="调任") is None


def test_short_quote_is_never_placed_approximately():
    assert reanchor("杨孟调任台州", quote="杨猛") is None


def test_rewritten_long_quote_cannot_be_placed():
    assert reanchor("这一段完全改写了,没有原来的话。", quote="杨猛调任台州当区域经理") is None


def test_empty_text_or_quote_cannot_be_placed():
    assert reanchor("", quote="杨猛") is None and reanchor(TEXT, quote="") is None
