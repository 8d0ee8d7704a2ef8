"""textkit.matcher: known names (leftmost-longest, whole Latin words) and candidate new names."""

from textkit.matcher import NameMatcher, candidate_names


def test_longest_name_wins_over_a_name_inside_it():
    matcher = NameMatcher([("阿里巴巴", "group"), ("阿里巴巴B2B事业群", "b2b")])
    found = matcher.find("戴珊回到阿里巴巴B2B事业群。")
    assert [(m.text, m.keys, m.start) for m in found] == [("阿里巴巴B2B事业群", ("b2b",), 4)]


def test_latin_alias_matches_only_as_a_whole_word():
    matcher = NameMatcher([("MM", "dai-shan")])
    assert [m.start for m in matcher.find("COMMERCE里的MM,MM说")] == [10, 13]


def test_name_shared_by_two_records_carries_both_keys():
    matcher = NameMatcher([("王明", 1), ("王明", 2), ("", 3)])
    assert matcher.find("王明来了")[0].keys == (1, 2)


def test_matcher_without_names_finds_nothing():
    assert NameMatcher([]).find("杨猛") == []


def test_every_occurrence_is_found_in_order():
    matcher = NameMatcher([("张瑛", "zy"), ("马云", "my")])
    assert [m.text for m in matcher.find("马云夫人张瑛说,张瑛和马云")] == ["马云", "张瑛", "张瑛", "马云"]


def test_candidate_names_are_surname_plus_given_name_before_a_cue():
    found = candidate_names("王建勋说,张阔加入ICBU,杨猛表示满意。", known=["杨猛"])
    assert [(c.text, c.cue) for c in found] == [("王建勋", "说"), ("张阔", "加入")]


def test_candidate_names_skip_common_words():
    assert candidate_names("高管说,公司表示") == []
