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
