"""Recognise the lines a page wraps an article in: datelines, credits, reprint notices, menus, footers.

Every pattern is matched on the *simplified*, width-folded view of a line
(``發佈時間：`` reads as ``发布时间:``), so one set of patterns serves both scripts.
"""

import functools
import re
import unicodedata

from .fold import fold, to_simplified

_COPYRIGHT = re.compile(
    r"copyright|版权所有|©|\(c\)\s*\d{4}|icp[备証证]|公网安备|all rights reserved|powered by", re.IGNORECASE
)
_NAV_WORDS = re.compile(
    r"网站地图|网站首页|返回首页|返回顶部|联系我们|联络我们|关于我们|设为首页|加入收藏|上一篇|下一篇|上一主题|下一主题|"
    r"上一页|下一页|分享到|扫一扫|扫码|二维码|打开app|技术支持|友情链接|免责声明|隐私政策|阅读原文|点击上方|"
    r"搜索历史|热搜|预览时标签|收录于合集|阅读全文|展开全文|查看更多|责任编辑|举报|投稿|复制链接",
    re.IGNORECASE,
)
_LIST_HEADER = re.compile(
    r"^(相关|延伸|推荐|热门|猜你喜欢|更多|最新|精彩)(阅读|文章|推荐|新闻|内容|资讯)?[:：]?$|^related posts$|^latest news$",
    re.IGNORECASE,
)
_META = re.compile(
    r"^(发布时间|发布日期|发表时间|发表于|更新时间|时间|日期|来源|来自|出处|本文作者|作者|记者|编辑|责任编辑|"
    r"责编|原标题|浏览次数|阅读|点击|关键词|标签|文章来源|本文来源|撰文|采访|整理|排版|出品|出品人|图源|题图|头图|"
    r"摄影|策划|监制|审核|校对|统筹)\s*[:：丨|｜/]"
)
_CREDIT = re.compile(
    r"^(声明[:：]\s*)?(本文|文章|本篇|此文|原文)?\s*(来自于?|来源于?|转载自|转自|摘编自|摘自|选自|首发于|原载于?|刊于|刊载于|"
    r"刊登于|发表于|经授权转载自)|^文\s*[/丨|｜]|^[(（]?(本文|文章)?(来源|作者)[:：]"
)
_NOTICE = re.compile(
    r"经授权发布|授权.{0,12}(转载|发布)|版权归.{0,8}所有|未经.{0,6}(授权|许可|允许).{0,6}(转载|使用)|转载请注明|"
    r"原创文章|原创内容|如有侵权|转载须知|已获授权"
)
_DISCLAIMER = re.compile(
    r"不代表.{0,12}(立场|观点)|仅代表作者|作者独立观点|如对本稿件|请联系.{0,20}@|@\w+\.(com|cn|net)"
)
_DATE = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_NAV_SEP = re.compile(r"\s*[|｜]\s*|\s{2,}|\s*[·>»›]\s*")
# A dialogue line names its speaker before a colon: 周鸿祎：…, 主持人姜燕：…, Q：…
_SPEAKER = re.compile(r"^[\w·・ ]{1,12}?[:：]\s*\S")
_CAPTION_MARK = re.compile(
    r"^(图|圖|图为|图片|图源|图注|配图|摄影|photo)\s*[:：/丨|]|[(（][^()（）]{0,20}(图片|摄影|摄|供图|图源|提供)[)）]$|"
    r"(截图|照片|合影|现场|供图|摄)$",
    re.IGNORECASE,
)
# Lines a narrative starts with a date do not give the article's date: 2010年10月19日，…
_DATE_LED = re.compile(r"^\D{0,4}(19|20)\d{2}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?\s*[,，、]")
SENTENCE_END = "。！？!?…"


@functools.lru_cache(maxsize=8192)
def simple(text: str) -> str:
    """Return the simplified, width-folded, lower-case view of the line that patterns are matched on."""
    return unicodedata.normalize("NFKC", to_simplified(text)).lower().strip()


def is_copyright(text: str) -> bool:
    """Tell whether a line is a copyright, licence or site-registration notice."""
    return len(text) <= 200 and bool(_COPYRIGHT.search(simple(text)))


def is_navigation(text: str) -> bool:
    """Tell whether a line is a menu, a share bar or app chrome: nav words, or short separated items."""
    view = simple(text)
    if _NAV_WORDS.search(view) and len(text) <= 60:
        return True
    items = [item for item in _NAV_SEP.split(view) if item]
    if "|" in view:
        return len(view) <= 120 and all(len(item) <= 12 for item in items)
    return len(items) >= 3 and all(len(item) <= 8 for item in items)


def has_nav_word(text: str) -> bool:
    """Tell whether a short line holds a word only site furniture uses (上一篇, 分享到, 扫码…)."""
    return len(text) <= 60 and bool(_NAV_WORDS.search(simple(text)))


def is_list_header(text: str) -> bool:
    """Tell whether a line introduces a list of other articles (相关阅读, 延伸閱讀, Related Posts)."""
    return len(text) <= 20 and bool(_LIST_HEADER.match(simple(text)))


def is_disclaimer(text: str) -> bool:
    """Tell whether a line is the site's disclaimer or a contact notice."""
    return len(text) <= 200 and bool(_DISCLAIMER.search(simple(text)))


def is_credit(text: str) -> bool:
    """Tell whether a line credits the source or author, or is a reprint notice (in either script)."""
    view = simple(text)
    if len(view) > 200:
        return False
    if _CREDIT.match(view) and len(view) <= 160:
        return True
    return bool(_NOTICE.search(view)) and len(view) <= 120


def is_dateline(text: str) -> bool:
    """Tell whether a line gives the date, source, author or editor of the article."""
    view = simple(text)
    if len(view) > 80:
        return False
    if _META.match(view):
        return True
    if not _DATE.search(view) or is_date_led(text):
        return False
    return len(fold(_DATE.sub("", view))) <= 12 and view[-1] not in SENTENCE_END


def is_date_led(text: str) -> bool:
    """Tell whether a line opens a narrative with a date (``2010年10月19日，…``): body, not a dateline."""
    return bool(_DATE_LED.match(simple(text)))


def is_dialogue(text: str) -> bool:
    """Tell whether a line is a speaker's turn (``周鸿祎：……``, ``Q：…``): body, never a heading."""
    view = simple(text)
    match = _SPEAKER.match(view)
    return bool(match) and len(view) > match.end() + 1


def is_caption_like(text: str) -> bool:
    """Tell whether a short line reads as a photo caption: 图：…, （…图片）, …现场, …合影."""
    return len(text) <= 60 and bool(_CAPTION_MARK.search(simple(text)))


_CAPTION_PREFIX = re.compile(r"^(图|图为|图片|图源|图注|配图|摄影|photo)\s*[:：/丨|]", re.IGNORECASE)


def is_caption_prefixed(text: str) -> bool:
    """Tell whether a short line opens as captions do: 图：…, 图片/…, 摄影：…"""
    return len(text) <= 80 and bool(_CAPTION_PREFIX.match(simple(text)))


def is_chrome(text: str) -> bool:
    """Tell whether a line is any of the page furniture above: a dated one must not date the article."""
    return any(check(text) for check in (is_copyright, is_navigation, is_disclaimer, is_credit, is_dateline))


def is_bracketed_byline(text: str) -> bool:
    """Tell whether a short line is a name in brackets, as bylines print (``[ 爆橘 ]``, ``【记者 张三】``)."""
    view = simple(text)
    return len(view) <= 16 and bool(re.fullmatch(r"[\[【(（]\s*[^\]】)）]{1,12}\s*[\]】)）]", view))
