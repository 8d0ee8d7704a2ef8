"""Generic resources of Chinese business writing: surnames, titles, predicates, suffixes.

Nothing here names a person or a company: these lists describe the language, so they hold
for articles the engine has never seen.
"""

import re

from textkit.matcher import SURNAMES as _COMMON_SURNAMES

# Single-character surnames beyond textkit.matcher's most frequent ones.
SURNAMES = set(_COMMON_SURNAMES) | set(
    "阎柳洪钮蒙翁俞庞倪齐鲁葛柴岳康裴凌詹骆耿褚童包伍游祝阮房尚宫赖聂欧车景蓝简甘乔缪穆荣宁邢"
    "芦卜关楼柯祁纪苗梅左应管庄屈辛牛项解盛谷单席邬奚华殷滕殷储樊霍迟巴鲍晏隋温申艾符"
    "刁冉冀郁桂蔺饶邵裘麦官闵揭佟池臧晁乐桑邰茅习卓"
) - {"干", "彼"}
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "澹台",
)

# Title cores; prefixes below compose with them (高级副总裁, 联席首席执行官, 常务副总经理).
TITLE_CORES = (
    "联合创始人",
    "创始合伙人",
    "创始人",
    "创办人",
    "合伙人",
    "董事局主席",
    "董事会主席",
    "董事长",
    "副董事长",
    "执行董事",
    "非执行董事",
    "独立董事",
    "董事会秘书",
    "董秘",
    "董事",
    "监事会主席",
    "监事",
    "首席执行官",
    "首席技术官",
    "首席财务官",
    "首席运营官",
    "首席营销官",
    "首席信息官",
    "首席产品官",
    "首席战略官",
    "首席人才官",
    "首席人力资源官",
    "首席合规官",
    "首席科学家",
    "首席架构师",
    "首席顾问",
    "总裁",
    "总经理",
    "经理",
    "总监",
    "负责人",
    "主管",
    "主席",
    "总编辑",
    "主编",
    "总编",
    "顾问",
    "法定代表人",
    "总工程师",
    "工程师",
    "架构师",
    "院长",
    "所长",
    "秘书长",
    "行长",
    "厂长",
    "部长",
    "主任",
    "店长",
    "幕僚长",
    "掌门人",
    "总负责人",
    "区域经理",
    "大区经理",
    "城市经理",
    "销售经理",
    "产品经理",
    "技术委员会主席",
    "总参谋长",
    "参谋长",
    "政委",
    "高管",
    "党委书记",
    "党组书记",
    "书记",
    "主任委员",
)
TITLE_LATIN = (
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "CMO",
    "CIO",
    "CPO",
    "CHO",
    "CCO",
    "CSO",
    "CXO",
    "VP",
    "SVP",
    "EVP",
    "GM",
    "President",
    "Chairman",
    "Founder",
)
TITLE_PREFIXES = (
    "高级",
    "资深",
    "执行",
    "常务",
    "联席",
    "首席",
    "轮值",
    "代理",
    "候补",
    "名誉",
    "荣誉",
    "全球",
    "集团",
    "中国区",
    "大中华区",
    "区域",
    "大区",
    "副",
    "总",
)
# Phrases that end a title's organisation part: 京东健康医药部负责人 → 京东健康医药部 + 负责人.
STRONG_ORG_SUFFIXES = (  # enough on their own to take a tagged word for an organisation
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
    "集团",
    "事业部",
    "事业群",
    "业务群",
    "子集团",
    "平台",
    "银行",
    "基金",
    "资本",
    "研究院",
    "实验室",
    "网",
)
ORG_SUFFIXES = STRONG_ORG_SUFFIXES + (
    "集团公司",
    "研究所",
    "工作室",
    "控股",
    "科技",
    "网络",
    "大学",
    "学院",
    "委员会",
    "协会",
    "商会",
    "中心",
    "工厂",
    "电器",
    "证券",
    "保险",
    "投资",
    "创投",
    "部",
    "团队",
)
# Org tails that only say what kind of company: 京东 = 京东集团 = 京东公司.
GENERIC_ORG_TAILS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
    "控股",
    "网",
    "科技",
    "网络科技有限公司",
    "科技有限公司",
    "控股有限公司",
)
PLACE_PREFIXES = (
    "北京",
    "上海",
    "深圳",
    "杭州",
    "广州",
    "珠海",
    "南京",
    "成都",
    "武汉",
    "西安",
    "天津",
    "香港",
    "重庆",
    "苏州",
    "厦门",
    "青岛",
    "宁波",
    "中国",
    "美国",
    "日本",
)

EVENT_PREDICATES = (
    "联合创立",
    "联合创办",
    "成立",
    "创立",
    "创办",
    "创建",
    "上线",
    "推出",
    "发布",
    "上市",
    "融资",
    "收购",
    "并购",
    "关闭",
    "关停",
    "停运",
    "更名",
    "改名",
    "合并",
    "拆分",
    "分拆",
    "重组",
    "投资",
    "入股",
    "启动",
    "开业",
    "开张",
    "挂牌",
    "登陆",
    "退市",
    "破产",
    "裁员",
    "签约",
    "亮相",
    "问世",
    "开通",
    "落地",
    "开设",
    "交割",
    "发行",
    "投产",
    "下线",
    "诞生",
    "独立",
    "整合",
    "转型",
    "出售",
    "剥离",
    "换帅",
    # Career and milestone predicates the archives date as events.
    "出生",
    "毕业",
    "加入",
    "加盟",
    "入职",
    "卸任",
    "辞任",
    "辞职",
    "离职",
    "升任",
    "升为",
    "出任",
    "接任",
    "创业",
    "突破",
    "召开",
    "发表",
    "设立",
    "开办",
    "试运营",
    "爆发",
    "对赌",
    "首富",
    "登上",
    "轮岗",
    "横空出世",
    "面世",
    "宣布破产",
    "停产",
    "清盘",
    "私有化",
    "战略合作",
)
_ROUND = r"(?:获得?|完成|宣布完成)[^，,。；;]{0,12}?(?:天使|种子|Pre-?[A-Z]|[A-G]\+?|新一|战略)轮(?:融资)?"
_PLAN = r"提出[^，,。；;]{0,24}?(?:战略|目标|口号|计划|愿景|使命|方针)"
_FUNDING = r"获得?[^，,。；;]{0,12}?(?:投资|融资)|投资[\d一二三四五六七八九十两百千万亿]+[万亿]?美?元"
EVENT_PATTERN = re.compile(
    _ROUND + "|" + _FUNDING + "|" + _PLAN + "|" + "|".join(sorted(EVENT_PREDICATES, key=len, reverse=True))
)

# Role cues: (pattern, kind) where kind says what the cue means for the span.
START_VERBS = (
    "被任命为",
    "被提拔为",
    "晋升为",
    "提升为",
    "升成",
    "升至",
    "晋升",
    "当上",
    "获任",
    "被委任为",
    "受命担任",
    "身为",
    "已是",
    "现为",
    "升任为",
    "出任",
    "担任",
    "升任",
    "升为",
    "调任",
    "接任",
    "接替",
    "兼任",
    "就任",
    "当选为",
    "当选",
    "任命为",
    "改任",
    "转任",
    "履新",
    "继任",
    "成为",
    "现任",
    "任",
)
END_VERBS = ("辞去", "卸任", "辞任", "离任", "离开", "离职", "退出", "退任", "不再担任", "免去")
JOIN_VERBS = ("加入", "加盟", "入职", "进入")
FOUND_VERBS = {
    "联合创立": "联合创始人",
    "联合创办": "联合创始人",
    "共同创立": "联合创始人",
    "共同创办": "联合创始人",
    "参与创建": "联合创始人",
    "创办": "创始人",
    "创立": "创始人",
    "创建": "创始人",
    "成立": "创始人",
}


# "董事局名誉主席", "董事会副主席", "监事会主席": a board's chair with its own prefixes.
_BOARD = r"(?:董事局|董事会|监事会|管委会|管理委员会)(?:副|名誉|荣誉|执行|轮值|常务)?(?:主席|秘书)"


def _title_regex():
    cores = sorted(TITLE_CORES, key=len, reverse=True)
    latin = "|".join(TITLE_LATIN)
    prefix = "(?:" + "|".join(sorted(TITLE_PREFIXES, key=len, reverse=True)) + ")"
    core = (
        "(?:"
        + _BOARD
        + "|"
        + "|".join(cores)
        + r"|首席[\u4e00-\u9fff]{1,4}官|"
        + f"(?<![A-Za-z])(?:{latin})(?![A-Za-z]))"
    )
    return rf"(?:(?:{prefix}{{1,3}}\s?)?{core})"


TITLE_RE = re.compile(_title_regex())


def starts_with_surname(name):
    """Return True when name begins with a Chinese surname (single or compound)."""
    return bool(name) and (name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES))
