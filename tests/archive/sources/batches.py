"""Synthetic sources for batch tests: distinct small articles, a few reprints, five broken files."""

import random
import zipfile

COMMON = (
    "公司团队市场产品用户平台业务发展服务客户技术创新投资融资上市管理战略合作行业数据研究增长销售渠道"
    "品牌设计工程制造供应网络信息系统开发运营推广中心部门经理总裁董事会议计划项目成本利润收入资本"
)
LIMIT = 50_000


def article_text(number, paragraphs=4):
    """Return a small article of its own: a title line and paragraphs of distinct sentences."""
    rng = random.Random(number)
    lines = [f"第{number}号公司的故事"]
    for p in range(paragraphs):
        sentences = ["".join(rng.choice(COMMON) for _ in range(rng.randint(18, 30))) for _ in range(3)]
        lines.append(f"{2000 + p}年，" + "，".join(sentences) + "。")
    return "\n\n".join(lines) + "\n"


def reprint_text(number):
    """Return a copy of article_text(number) as a small site reprints it, its name and date on top."""
    body = article_text(number).split("\n\n", 1)[1]
    return f"某某制造有限公司\n\n转载时间：2018-03-01\n\n{body}"


def write_batch(folder):
    """Write 100 sources, 95 good and 5 broken: 89 files and a zip of 11 members; return the broken names."""
    folder.mkdir(exist_ok=True)
    names = {}
    for n in range(1, 82):
        names[f"a{n:03}.txt"] = article_text(n).encode("gb18030" if n % 5 == 0 else "utf-8")
    names["a085.html"] = _html(article_text(85)).encode()
    names["a086.md"] = (
        f"---\ntitle: 第86号\nauthor: 王五\ndate: 2016-05-04\n---\n\n{article_text(86)}".encode()
    )
    for n in (1, 2, 3):
        names[f"z-copy-{n}.txt"] = reprint_text(n).encode()
    names["broken.txt"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    names["empty.txt"] = b""
    names["oversized.txt"] = article_text(999).encode() * 200
    for name, data in names.items():
        (folder / name).write_bytes(data)
    with zipfile.ZipFile(folder / "saved.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(200, 209):
            archive.writestr(f"pages/b{n}.txt", article_text(n))
        archive.writestr("pages/bomb.txt", "啊" * 5_000_000)
        archive.writestr(
            "pages/nothing.html", "<html><head><title></title></head><body><div></div></body></html>"
        )
    return [
        "broken.txt",
        "empty.txt",
        "oversized.txt",
        "saved.zip/pages/bomb.txt",
        "saved.zip/pages/nothing.html",
    ]


def _html(text):
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n\n")[1:])
    return f"<html><head><title>{text.splitlines()[0]}</title></head><body><article>{paragraphs}</article></body></html>"
