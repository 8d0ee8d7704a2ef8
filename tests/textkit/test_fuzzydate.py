"""The fast path for plain EDTF forms gives exactly the bounds of the full grammar."""

import pytest

from textkit.dates_format import edtf_bounds as grammar_bounds
from textkit.fuzzydate import FuzzyDateError, edtf_bounds, plain_bounds

PLAIN = ["2003", "2003-05", "2004-02", "2003~", "2003/2004", "2003-05-17", "2004-02~/2005", "2003-05-17~"]


@pytest.mark.parametrize("value", PLAIN)
def test_plain_forms_take_the_fast_path_with_the_grammars_bounds(value):
    assert plain_bounds(value) is not None
    assert plain_bounds(value) == grammar_bounds(value)


@pytest.mark.parametrize("value", ["2003-13", "2004-02-30", "2005/2003", "0000", "2003-21", "199X"])
def test_other_forms_go_to_the_grammar(value):
    assert plain_bounds(value) is None


@pytest.mark.parametrize("value", ["2003-13", "2004-02-30", "2005/2003", "2002/..", "2017/", "/2017"])
def test_bad_values_are_refused_whichever_path(value):
    with pytest.raises(FuzzyDateError):
        edtf_bounds(value)
