import csv
import json
import re
import sys

sys.path.insert(0, ".")
from tests.textkit.test_dates import SEED_CASES
from textkit.proposals.evaluate import article_rows

R = "/work/main/archive/demo/records/"


def rows(n):
    return list(csv.DictReader(open(R + n, encoding="utf-8-sig")))


people = rows("people.csv")
orgs = rows("organizations.csv")
pname = {p["slug"]: p["name"] for p in people}
oname = {o["slug"]: o["name"] for o in orgs}


def aliases(s):
    return [a.split(":", 1)[-1].strip() for a in (s or "").split("|") if a.strip()]


# Hand-picked event keywords (words of the article's own sentence for each event); the rule
# (first named participant, else the title's first two characters) was poor: "23", "B2", "黑名".
HAND_KEYWORDS = {
    "2326名“中供”客户涉嫌欺诈": ["欺诈"],
    "B2B各事业部一轮换帅": ["换帅"],
    "CEO卫哲、COO李旭辉引咎辞职，100多名员工被辞退": ["辞职"],
    "eBay要求PayPal停止与速卖通合作": ["PayPal"],
    "“狂风行动”与“援冬计划”，“中供”会费降至1.98万元": ["1.98万"],
    "“非典”期间阿里巴巴员工全部回家办公、自行隔离": ["非典"],
    "“黑名单”事件爆发": ["黑名单"],
    "中国宣布加入世贸组织": ["世贸"],
    "互联网泡沫袭来": ["泡沫"],
    "内贸事业部设立工业品品牌站": ["工业品"],
    "孙彤宇带着8个人离开“中供”，搬进马云创办阿里巴巴的公寓": ["孙彤宇"],
    "干嘉伟交上4万元现金，阿里巴巴实现“赚1元钱”目标": ["干嘉伟"],
    "戴珊走访湖南山里的村淘点": ["村淘"],
    "戴珊轮岗重回B2B事业群": ["轮岗"],
    "支付宝推出": ["支付宝"],
    "村淘上线“兴农扶贫”频道": ["兴农扶贫"],
    "村淘在浙江和广东开始试运营点": ["试运营"],
    "杨猛入职阿里巴巴，参加第三届“百年大计”新人培训": ["杨猛"],
    "杨猛成为“三百大”53名同学中业绩最好的一个": ["杨猛"],
    "杨猛拿到全国月度TOP3": ["TOP3"],
    "杨猛被分派到温州": ["温州"],
    "沈涤凡成为速卖通负责人": ["速卖通负责人"],
    "淘宝网上线": ["淘宝"],
    "滨江园区商家见面会": ["见面会"],
    "王峻涛在北京上线8848": ["8848"],
    "软银孙正义投资阿里巴巴2000万美元": ["2000万美元"],
    "速卖通交易额做到8000万美元，输掉对赌": ["8000万"],
    "速卖通出现": ["速卖通"],
    "速卖通平台买家人数突破1亿": ["1亿"],
    "邵亦波在上海成立易趣": ["易趣"],
    "金融危机：美国次贷危机蔓延，中国进出口贸易进入寒冬": ["金融危机"],
    "阿里B2B网站全网大促（计划）": ["大促"],
    "阿里云开始启动": ["阿里云"],
    "阿里云看到希望": ["阿里云"],
    "阿里巴巴B2B公司在香港上市": ["上市"],
    "阿里巴巴在美国硅谷、香港等地开办事处": ["办事处"],
    "阿里巴巴推出服务内贸的“诚信通”": ["诚信通"],
    "阿里巴巴提出全球化、农村、大数据云计算三大战略": ["三大战略"],
    "阿里巴巴英文网站推出“中国供应商”会员服务": ["中国供应商"],
    "阿里巴巴获得500万美元投资": ["500万美元"],
    "阿里巴巴账面仅剩700万美元现金": ["700万美元"],
    "阿里巴巴首次裁员，回到杭州，关掉所有海外办事处": ["裁员"],
    "零售通召开发布会，宣布最新服务计划": ["发布会"],
    "零售通走向前台": ["零售通"],
    "马云与17名合伙人在杭州创办阿里巴巴": ["马云"],
    "马云与速卖通团队对赌": ["对赌"],
    "马云发出内部邮件“冬天的使命”": ["冬天的使命"],
    "马云在钉钉上嘱沈涤凡转告速卖通团队": ["钉钉"],
    "马云在阿里巴巴滨江园区发表“定基调”讲话": ["定基调"],
    "马云提出阿里巴巴要“赚1元钱”": ["赚1元钱"],
    "马云登上美国《福布斯》封面": ["福布斯"],
}
gold = {
    "article": "seed_alibaba_b2b",
    "published": "2017-08-30/2017-09-06",
    "source": "archive/demo/records/*.csv (hand-curated demo records)",
    "people": [{"name": p["name"], "aliases": aliases(p.get("aliases"))} for p in people],
    "organizations": [{"name": o["name"], "aliases": aliases(o.get("aliases"))} for o in orgs],
    "roles": [],
    "events": [],
    "dates": [],
}
for r in rows("roles.csv"):
    gold["roles"].append(
        {
            "person": pname[r["person"]],
            "title": r["title"],
            "organization": oname.get(r["organization"]),
            "start": r["start_edtf"] or None,
        }
    )
for e in rows("events.csv"):
    if not e["date_edtf"]:
        continue
    who = [pname[s] for s in e["participants"].split("|") if s in pname] + [
        oname[s] for s in e["organizations"].split("|") if s in oname
    ]
    kw = (
        HAND_KEYWORDS.get(e["title"])
        or [w for w in who if w in e["title"]][:1]
        or [re.findall(r"[\u4e00-\u9fffA-Za-z0-9]{2}", e["title"])[0]]
    )
    gold["events"].append({"title": e["title"], "keywords": kw, "date": e["date_edtf"]})
text = open("tests/data/curation/seed_alibaba_b2b.txt", encoding="utf-8-sig").read()
arts = article_rows(text)
for snippet, phrase, edtf, _ in SEED_CASES:
    pos = next((p for p, t, k in arts if snippet in t and k in ("body", "heading")), None)
    if pos is None:
        print("skip", snippet)
        continue
    gold["dates"].append({"paragraph": pos, "text": phrase, "edtf": edtf})
json.dump(gold, open("tests/data/curation/seed_alibaba_b2b.gold.json", "w"), ensure_ascii=False, indent=1)
print(len(gold["people"]), len(gold["roles"]), len(gold["events"]), len(gold["dates"]))
