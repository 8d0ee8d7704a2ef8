"""Import files the job and fault tests upload: many note annotations on one paragraph."""

from archive.services import spreadsheets as csvio
from core.spreadsheets import write_table


def notes_csv(article, rows=200):
    """Return a CSV of up to 200 new note annotations on the article's second paragraph."""
    text = article.paragraphs.get(position=2).text
    cells = []
    for start in range(40):
        for length in range(1, 6):
            row = dict.fromkeys(csvio.COLUMNS, "")
            row.update(
                article=article.slug,
                paragraph="2",
                quote=text[start : start + length],
                start=str(start),
                end=str(start + length),
                target_kind="note",
                note=f"注{start}-{length}",
            )
            cells.append([row[c] for c in csvio.COLUMNS])
    return write_table(csvio.COLUMNS, cells[:rows])


def article_texts(count):
    """Return (name, bytes) of count distinct plain-text Chinese articles."""
    texts = []
    for n in range(1, count + 1):
        lines = [
            f"第{n}篇:杨猛于200{n % 10}年加入阿里巴巴,在台州做了{n}年销售。",
            f"他后来出任第{n}大区总经理,带领团队把年收入做到{n * 3}亿元。",
            f"这一段只属于第{n}篇文章,用来让每篇的内容各不相同。",
        ]
        texts.append((f"article-{n:02d}.txt", "\n".join(lines).encode()))
    return texts
