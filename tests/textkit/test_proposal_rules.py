"""Language rules of the proposals: 历任 lists, joint function heads, several dated events per
clause, an event's topic named in the clause before, and "创业…取名为X"."""

from textkit.proposals import propose


def _json(*texts, published=None):
    return propose([(i + 1, t, "body") for i, t in enumerate(texts)], published=published).to_json("t")


def _roles(data):
    return {(r["person"], r["title"], r["organization"]) for r in data["roles"]}


def test_listed_titles_keep_their_own_organisations():
    data = _json(
        "比亚迪公司成立于1995年，总部在深圳。",
        "王伟自2001年加入比亚迪，历任公司华南销售部总经理、欧洲比亚迪董事长、"
        "销售与服务总裁、战略与营销总裁等职务。",
        "比亚迪今年发布了新车。",
    )
    roles = _roles(data)
    assert ("王伟", "总经理", "华南销售部") in roles
    assert ("王伟", "销售与服务总裁", "比亚迪") in roles
    assert ("王伟", "战略与营销总裁", "比亚迪") in roles
    chair = [r for r in data["roles"] if r["title"] == "董事长"]
    assert chair and chair[0]["organization"] != "华南销售部"


def test_each_date_of_a_clause_dates_its_own_event():
    data = _json("从 2003 年创业到 2011 年在纽约证券交易所上市，网易的业务增长很快。")
    events = {(e["date"], e["title"]) for e in data["events"]}
    assert ("2011", "在纽约证券交易所上市") in events or any(d == "2011" and "上市" in t for d, t in events)
    assert any(d == "2003" and "创业" in t and not t.startswith("从") for d, t in events)
    assert not any(d == "2003" and "上市" in t for d, t in events)


def test_event_topic_from_the_clause_before():
    data = _json("比如华为云，2017年正式启动，但三年后才盈利。")
    started = [e for e in data["events"] if e["date"] == "2017"]
    assert started and started[0]["title"].startswith("华为云")


def test_founding_named_after_the_verb():
    data = _json("2015年9月，黄峥开始第三次创业，公司取名为拼好货。")
    assert ("黄峥", "创始人", "拼好货") in _roles(data)
    founded = [r for r in data["roles"] if r["organization"] == "拼好货"][0]
    assert founded["start"] == "2015-09"
    assert any(e["title"] == "拼好货创立" and e["date"] == "2015-09" for e in data["events"])


def test_stated_plans_are_events_but_holding_companies_are_not():
    data = _json("2014年，联想提出“保卫+扩张”战略。", "2014年，联想控股的营收增长。")
    titles = [e["title"] for e in data["events"]]
    assert any("战略" in t for t in titles)
    assert not any("营收" in t for t in titles)


def test_appointed_people_hold_the_titles_after_wei():
    data = _json(
        "海尔集团创立于1984年。",
        "11月5日，新一届董事局选举周云杰为董事局主席，邀请张瑞敏担任董事局名誉主席，"
        "聘任周云杰为首席执行官、梁海山为总裁。",
        "海尔集团今年很好。",
    )
    roles = {(p, t) for p, t, _ in _roles(data)}
    assert {
        ("周云杰", "董事局主席"),
        ("张瑞敏", "董事局名誉主席"),
        ("周云杰", "首席执行官"),
        ("梁海山", "总裁"),
    } <= roles
    assert ("周云杰", "董事局名誉主席") not in roles


def test_a_clause_of_its_own_time_borrows_no_date():
    data = _json("两人都是1988年大学毕业后加入联想的，此前，杨元庆任联想集团副总裁。")
    vp = [r for r in data["roles"] if r["title"].endswith("副总裁")]
    assert vp and vp[0]["start"] is None


def test_succession_after_a_resignation_and_former_posts_are_undated():
    data = _json(
        "携程成立于1999年，总部在上海。",
        "梁建章曾任甲骨文公司中国咨询总监，2006年辞去携程首席执行官，由范敏接任。",
        "携程今年很好。",
    )
    roles = {(r["person"], r["title"], r["organization"]): r for r in data["roles"]}
    assert roles[("梁建章", "中国咨询总监", "甲骨文公司")]["start"] is None
    assert roles[("梁建章", "首席执行官", "携程")]["end"] == "2006"
    assert roles[("范敏", "首席执行官", "携程")]["start"] == "2006"


def test_board_room_is_no_title_and_appointed_after_a_title():
    data = _json(
        "拼多多于2015年成立。",
        "同时，拼多多任命高级副总裁朱健翀为首席法务官。2015年，拼多多董事会会议室里，王五发了言。",
        "拼多多今年很好。",
    )
    roles = {(p, t) for p, t, _ in _roles(data)}
    assert ("朱健翀", "首席法务官") in roles
    assert not any(t.startswith("命") for _, t in roles)
    assert not any(t == "董事" for _, t in roles)


def test_a_newly_moved_executive_is_dated_and_a_gloss_keeps_the_unit():
    data = _json(
        "阿里巴巴集团于1999年创立。",
        "2017年以来，各事业部经历了一轮换帅，比如淘系调来的阿里巴巴副总裁、中国内贸事业部(CBU)联席总经理汪海。",
        "阿里巴巴今年很好。",
    )
    gm = [r for r in data["roles"] if r["title"] == "联席总经理"]
    assert gm and gm[0]["organization"] == "中国内贸事业部"
    assert gm[0]["start"] == "2017"


def test_group_in_the_name_and_a_unit_just_set_up():
    data = _json(
        "联想集团成立于1984年。",
        "联想集团创始人柳传志出席了会议。1994年3月19日，联想成立微机事业部，杨元庆出任总经理。",
        "联想今年很好。",
    )
    roles = _roles(data)
    assert ("柳传志", "创始人", "联想集团") in roles
    gm = [r for r in data["roles"] if r["person"] == "杨元庆"]
    assert [(r["title"], r["organization"], r["start"]) for r in gm] == [
        ("总经理", "微机事业部", "1994-03-19")
    ]


def test_an_earlier_clause_keeps_its_date_and_prepositions_go_with_dates():
    data = _json(
        "比亚迪创立于1995年，分别在香港联合交易所及深圳证券交易所上市。",
        "王传福于1995年创办比亚迪。1999年成立之初，阿里巴巴获得500万美元投资。",
    )
    events = {(e["title"], e["date"]) for e in data["events"]}
    assert ("比亚迪创立", "1995") in events and ("王传福创办比亚迪", "1995") in events
    assert not any("上市" in t for t, _ in events)  # its date is not stated
    assert any("500万美元" in t and d == "1999" for t, d in events)


def test_a_role_borrows_no_date_from_a_clause_about_something_else():
    data = _json(
        "两人都是1988年大学毕业后在海尔成长起来的，梁海山任海尔集团董事局副主席。",
        "2011年，梁海山任海尔集团总裁。",
    )
    roles = {r["title"]: r["start"] for r in data["roles"] if r["person"] == "梁海山"}
    assert roles["董事局副主席"] is None
    assert roles["总裁"] == "2011"  # a clause that is only the date still dates the next one


def test_joined_then_took_a_post_is_dated_by_the_joining():
    data = _json("王五2008年加入网易，担任网易邮箱事业部总经理。")
    gm = [r for r in data["roles"] if r["title"].endswith("总经理")]
    assert gm and gm[0]["start"] == "2008"


def test_a_clause_with_its_own_subject_and_a_date_clause_are_not_prefixed():
    data = _json(
        "2010年4月6日，雷军与林斌等人创办小米公司，同年8月16日，MIUI首个内测版发布。一年后，微信用户突破1亿。"
    )
    titles = {e["title"] for e in data["events"]}
    assert "MIUI首个内测版发布" in titles and "微信用户突破1亿" in titles


def test_a_post_taken_before_the_name_is_dated_and_a_short_name_is_completed():
    data = _json(
        "2008年加入网易，担任网易邮箱事业部总经理的王五，后来创业。",
        "2018年，时任美团点评高级副总裁的王慧文接受采访。",
    )
    roles = {(r["person"], r["title"], r["organization"]): r["start"] for r in data["roles"]}
    assert roles[("王五", "总经理", "网易邮箱事业部")] == "2008"
    assert roles[("王慧文", "高级副总裁", "美团点评")] is None  # 时任: held then, not taken then


def test_a_bare_date_earlier_in_the_sentence_still_dates_the_post():
    data = _json("2021年3月17日，黄峥发布2020年度致股东信，宣布辞去拼多多董事长职位。")
    chair = [r for r in data["roles"] if r["title"] == "董事长"]
    assert chair and chair[0]["end"] == "2021-03-17"


def test_a_predecessor_held_the_post_until_the_successor_took_it():
    data = _json("2016年3月，周云杰接替梁海山出任海尔智家总裁。")
    roles = {(r["person"], r["title"], r["organization"]): r for r in data["roles"]}
    taken, left = roles[("周云杰", "总裁", "海尔智家")], roles[("梁海山", "总裁", "海尔智家")]
    assert taken["start"] == "2016-03" and taken["end"] is None
    assert left["end"] == "2016-03" and left["start"] is None


def test_a_date_in_a_later_clause_of_its_own_does_not_date_an_earlier_post():
    data = _json("丁磊此前担任网易首席架构师，2001年起任网易首席执行官。")
    roles = {(r["person"], r["title"]): r for r in data["roles"]}
    assert roles[("丁磊", "首席执行官")]["start"] == "2001"
    assert roles[("丁磊", "首席架构师")]["start"] is None


def test_the_predecessor_gets_only_the_post_of_the_clause_that_names_him():
    data = _json(
        "2016年3月，周云杰接替梁海山出任海尔智家总裁，并兼任海尔电器董事长，原副总裁李华刚担任执行总裁。"
    )
    held = {(r["title"], r["organization"]) for r in data["roles"] if r["person"] == "梁海山"}
    assert held == {("总裁", "海尔智家")}


def test_a_date_of_what_came_before_is_not_lent_to_the_next_sentence():
    data = _json("继2015年丁磊卸任网易首席执行官之后，网易宣布了新的安排；原副总裁李华担任执行总裁。")
    roles = {(r["person"], r["title"]): r for r in data["roles"]}
    assert roles[("李华", "执行总裁")]["start"] != "2015"
