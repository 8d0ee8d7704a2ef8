"""Chinese-like text for the synthetic archive: name pools and sentence templates with known spans.

Every sentence is built from pieces; a piece that names a person, role, event or organisation
records where it stands, so an annotation can quote exactly those characters.
"""

from dataclasses import dataclass, field

from textkit.fuzzydate import edtf_bounds

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海波宁东云飞鹏辉斌俊峰凯浩宇婷雪琳晨阳欣怡佳轩博昊然涵猛卫晓"
ORG_ROOTS = "华信达通泰盛恒安康新鑫源远航星宏兴隆瑞祥和丰嘉汇创智联科云天海金银中博"
COMPANY_SUFFIXES = ["科技", "集团", "网络", "实业", "控股", "电子商务", "传媒", "物流"]
UNIT_PREFIXES = [
    "内贸",
    "外贸",
    "国际",
    "零售",
    "农村",
    "直销",
    "渠道",
    "云计算",
    "支付",
    "供应链",
    "华东",
    "华南",
    "企业服务",
]
UNIT_SUFFIXES = ["事业部", "事业群", "研究院", "销售部", "大区", "中心", "平台"]
PRODUCTS = ["诚信通", "速卖通", "供销宝", "云工作台", "金牌会员", "一达通", "数据魔方"]
TITLES = [
    "销售代表",
    "区域主管",
    "区域经理",
    "大区经理",
    "总监",
    "副总裁",
    "高级副总裁",
    "总经理",
    "联席总经理",
    "首席执行官",
    "首席技术官",
    "首席财务官",
    "董事长",
    "合伙人",
    "产品经理",
    "运营总监",
]
ENGLISH_NAMES = [
    "Jack",
    "Lucy",
    "Joe",
    "Sabrina",
    "Jonathan",
    "Daniel",
    "Trudy",
    "Simon",
    "Maggie",
    "David",
    "Kevin",
    "Emma",
    "Brian",
    "Sophie",
    "Eric",
    "Grace",
    "Leo",
    "Vivian",
]
OUTLETS = [
    "第一财经周刊",
    "21世纪经济报道",
    "财经",
    "中国企业家",
    "经济观察报",
    "南方周末",
    "创业邦",
    "虎嗅网",
    "钛媒体",
    "新浪科技",
    "界面新闻",
    "商业周刊中文版",
]
AUTHORS = ["记者 " + s + g for s, g in zip("王李张刘陈杨赵黄", "敏强磊洋勇杰涛明")]
EVENT_ACTIONS = [
    ("成立", "founding"),
    ("上线{product}", "launch"),
    ("完成{round}融资", "funding"),
    ("在香港上市", "listing"),
    ("遭遇{crisis}", "crisis"),
    ("启动组织架构调整", "reorganisation"),
    ("召开{n}周年年会", "meeting"),
    ("发起{campaign}", "campaign"),
    ("客户突破{n}万家", "milestone"),
]
ROUNDS = ["天使轮", "A轮", "B轮", "C轮", "战略"]
CRISES = ["欺诈风波", "资金链危机", "行业寒冬", "客户流失", "监管调查"]
CAMPAIGNS = ["百城行动", "千县计划", "出海计划", "诚信联盟", "新零售试点"]
FILLER = (
    "的一是在了不和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年"
    "阶义发成部民可出能方进同行面说种过度而多子后自社加小机也经力线本电高量长得实家定深法"
    "表着水理化争现所起政好战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事"
    "队批如应形想制心样干都向变关点育重其思与间内去因件日利相由压员气业代全组数果期导平各"
    "基或月然问比展那它最及外没看治提解系者米群头意只明道认次文通但条较克又公领流入接席位"
    "情运器并原放立题质指建区验活众很教决特此常强极土少已根共直团统式转别造切你取西持总料"
    "连任志观调么山程百报更见必真保热委手改管处己将修支识病象几先老光专什型具示复安带每东"
    "增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知研单色坚据速防史拉世设"
)
DATE_FORMS = [  # (EDTF pattern, phrase pattern): what the source says, and no more precisely
    ("{y}", "{y}年"),
    ("{y}-{m:02d}", "{y}年{m}月"),
    ("{y}~", "{y}年前后"),
    ("{y}/{y2}", "{y}至{y2}年间"),
]
SITE_FOOTERS = [
    "版权所有 © {site} 保留所有权利",
    "首页 | 关于我们 | 产品中心 | 联系我们",
    "本文转载自网络,如有侵权请联系删除",
]


@dataclass(eq=False)
class Rec:
    """What the generator remembers of a row it created: enough to cite it in text."""

    name: str
    pk: int = None
    title: str = ""
    org_name: str = ""
    start_text: str = ""
    date_text: str = ""
    current: bool = False
    roles: list = field(default_factory=list)
    events: list = field(default_factory=list)
    extra: tuple = ()


def bounds(edtf):
    """Return the (lower, upper) dates of an EDTF value, (None, None) when it is empty."""
    return edtf_bounds(edtf) if edtf else (None, None)


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "person", "role", "event" or "organization"
    target: object


@dataclass
class Text:
    """A piece of text under construction and the spans that name something in it."""

    text: str = ""
    spans: list = field(default_factory=list)
    extra: list = field(default_factory=list)  # for a copied paragraph: (original row, share) pairs

    def add(self, piece, kind=None, target=None):
        if kind:
            self.spans.append(Span(len(self.text), len(self.text) + len(piece), kind, target))
        self.text += piece
        return self

    def extend(self, other):
        offset = len(self.text)
        self.spans.extend(Span(s.start + offset, s.end + offset, s.kind, s.target) for s in other.spans)
        self.text += other.text
        return self


def filler(rng, low=6, high=18):
    """Return a clause of common characters (Chinese-like, meaningless)."""
    return "".join(rng.choice(FILLER) for _ in range(rng.randint(low, high)))


def fuzzy_date(rng, year):
    """Return (edtf, phrase) for a date in year at one of the precisions sources use."""
    edtf, phrase = rng.choice(DATE_FORMS)
    values = {"y": year, "m": rng.randint(1, 12), "y2": year + 1}
    return edtf.format(**values), phrase.format(**values)


def role_sentence(rng, person, role):
    """Return a sentence saying person held role (a person span inside a role span's sentence)."""
    text = Text()
    post = f"{role.org_name}{role.title}"
    form = rng.randrange(3)
    if role.current and form == 0:
        text.add("现任").add(post, "role", role).add("的").add(person.name, "person", person).add("说,")
        return text.add(filler(rng)).add("。")
    if form == 1:
        text.add(person.name, "person", person).add(f"于{role.start_text}加入{role.org_name},担任")
        return text.add(role.title, "role", role).add("。")
    text.add(f"{role.start_text},").add(person.name, "person", person).add("出任")
    return text.add(post, "role", role).add(",负责").add(filler(rng)).add("。")


def event_sentence(rng, event):
    text = Text().add(f"{event.date_text},").add(event.title, "event", event)
    return text.add(",").add(filler(rng)).add("。")


def person_sentence(rng, person):
    return Text().add(person.name, "person", person).add("回忆说:“").add(filler(rng, 10, 24)).add("。”")


def organization_sentence(rng, org):
    return (
        Text().add(filler(rng, 2, 6)).add(org.name, "organization", org).add("的").add(filler(rng)).add("。")
    )


def filler_sentence(rng):
    return Text().add(filler(rng)).add(",").add(filler(rng)).add("。")
