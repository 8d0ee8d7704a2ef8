"""Synthetic articles: originals narrating careers, their reprints, and annotations quoting them.

Used by bench.synthetic.generate; one ArticleBatch writes a hundred originals, a share of reprints of
them and the annotations on the originals with a handful of bulk inserts.
"""

from dataclasses import dataclass, field

from archive.models import Alignment, Annotation, Article, Paragraph, fingerprint
from textkit.pinyin import compact_key

from . import text as st

BATCH = 1000
ANNOTATION_BATCH = 5000
Kind = Paragraph.Kind
Status = Annotation.Status
SITE_KINDS = ["机械网", "制造网", "商务网", "资讯网", "企业网"]


@dataclass
class Plan:
    article: Article
    quota: int = 0
    texts: list = field(default_factory=list)  # (st.Text, kind) in reading order
    rows: list = field(default_factory=list)


class ArticleBatch:
    def __init__(self, rng, book, persons, orgs):
        self.rng, self.book, self.persons, self.orgs = rng, book, persons, orgs

    def write(self, quotas, reprints):
        """Write originals (one per annotation quota) and reprints of some; return row counts."""
        from .generate import _popular

        plans = [
            self._original(_popular(self.rng, self.persons, self.rng.randint(1, 4)), quota)
            for quota in quotas
        ]
        Article.objects.bulk_create([plan.article for plan in plans])
        self._paragraphs(plans)
        copies = [self._reprint(plan) for plan in self.rng.sample(plans, min(reprints, len(plans)))]
        Article.objects.bulk_create([copy.article for copy in copies])
        alignments = self._paragraphs(copies)
        Alignment.objects.bulk_create(alignments, batch_size=BATCH)
        annotations = self._annotate(plans)
        paragraphs = sum(len(plan.rows) for plan in plans + copies)
        return {
            "articles": len(plans) + len(copies),
            "paragraphs": paragraphs,
            "alignments": len(alignments),
            "annotations": annotations,
        }

    def _paragraphs(self, plans):
        rows, alignments = [], []
        for plan in plans:
            plan.rows = [
                Paragraph(
                    article=plan.article,
                    position=n,
                    text=text.text,
                    kind=kind,
                    fingerprint=fingerprint(text.text),
                    aligned_to=text.extra[0][0] if text.extra else None,
                    similarity=max((s for _, s in text.extra), default=None),
                )
                for n, (text, kind) in enumerate(plan.texts, start=1)
            ]
            rows += plan.rows
        Paragraph.objects.bulk_create(rows, batch_size=BATCH)
        for row, (text, _) in ((row, item) for plan in plans for row, item in zip(plan.rows, plan.texts)):
            alignments += [
                Alignment(paragraph=row, source=source, similarity=sim, rank=rank)
                for rank, (source, sim) in enumerate(text.extra, start=1)
            ]
        return alignments

    def _original(self, subjects, quota):
        rng = self.rng
        year, month, day = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
        title = f"{subjects[0].name}:{st.filler(rng, 6, 14)}"
        outlet = rng.choice(st.OUTLETS)
        slug = self.book.make(title)
        article = Article(
            title=title,
            slug=slug,
            outlet=outlet,
            author=rng.choice(st.AUTHORS),
            published_text=f"{year}年{month}月{day}日",
            published_edtf=f"{year}-{month:02d}-{day:02d}",
            url=f"https://www.{compact_key(outlet) or 'news'}.cn/{year}/{slug}.html",
            is_published=rng.random() < 0.9,
        )
        _set_bounds(article)
        plan = Plan(article=article, quota=quota)
        sentences = self._narrative(subjects, quota)
        while sentences:
            if plan.texts and rng.random() < 0.18:
                plan.texts.append((st.Text().add(st.filler(rng, 4, 10)), Kind.HEADING))
            paragraph, count = st.Text(), rng.randint(1, 4)
            for sentence in sentences[:count]:
                paragraph.extend(sentence)
            del sentences[:count]
            plan.texts.append((paragraph, Kind.BODY))
            if rng.random() < 0.05:
                plan.texts.append((st.Text().add(paragraph.text[:40]), Kind.CAPTION))
        return plan

    def _narrative(self, subjects, quota):
        """Return sentences telling each subject's career in order, interleaved, with asides.

        A long feature comes back to its people: when the careers name fewer things than the
        article's annotation quota, the subjects' posts, events and words are told again until
        there is a span for every annotation the quota asks for.
        """
        rng = self.rng
        queues = []
        for person in subjects:
            told = [st.role_sentence(rng, person, role) for role in person.roles]
            told += [st.event_sentence(rng, event) for event in person.events[:3]]
            queues.append([st.person_sentence(rng, person)] + told)
        spans = sum(len(sentence.spans) for queue in queues for sentence in queue)
        while spans < quota:
            sentence = self._retold(rng.choice(subjects))
            rng.choice(queues).append(sentence)
            spans += len(sentence.spans)
        sentences = []
        while queues:
            queue = rng.choice(queues)
            sentences.append(queue.pop(0))
            if not queue:
                queues.remove(queue)
        for _ in range(rng.randint(2, 8)):
            aside = (
                st.organization_sentence(rng, rng.choice(self.orgs))
                if rng.random() < 0.4
                else st.filler_sentence(rng)
            )
            sentences.insert(rng.randrange(len(sentences) + 1), aside)
        return sentences

    def _retold(self, person):
        """Return a sentence coming back to person: a post again, an event, or their words."""
        rng, roll = self.rng, self.rng.random()
        if person.roles and roll < 0.6:
            return st.role_sentence(rng, person, rng.choice(person.roles))
        if person.events and roll < 0.75:
            return st.event_sentence(rng, rng.choice(person.events))
        return st.person_sentence(rng, person)

    def _reprint(self, plan):
        """Plan a reprint: site lines, most body paragraphs (some swapped, one pair merged), footer."""
        rng, original = self.rng, plan.article
        site = rng.choice(st.ORG_ROOTS) + rng.choice(st.ORG_ROOTS) + rng.choice(SITE_KINDS)
        body = [
            index for index, (_, kind) in enumerate(plan.texts) if kind == Kind.BODY and rng.random() < 0.85
        ] or [0]
        if len(body) > 2 and rng.random() < 0.3:
            i = rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        groups = [[index] for index in body]
        if len(groups) > 2 and rng.random() < 0.3:
            i = rng.randrange(len(groups) - 1)
            groups[i : i + 2] = [groups[i] + groups[i + 1]]
        copy = Plan(
            article=Article(
                title=original.title,
                slug=self.book.make(f"{original.title} {site}"),
                outlet=site,
                published_text=original.published_text,
                published_edtf=original.published_edtf,
                reprint_of=original,
                is_published=rng.random() < 0.7,
            )
        )
        _set_bounds(copy.article)
        copy.texts = [
            (st.Text().add(line), Kind.METADATA)
            for line in (site, original.title, f"发布时间:{original.published_edtf}")
        ]
        copy.texts += [(_copied(plan, group), Kind.BODY) for group in groups]
        copy.texts += [
            (st.Text().add(line.format(site=site)), Kind.BOILERPLATE) for line in st.SITE_FOOTERS[:2]
        ]
        copied = sum(len(plan.texts[i][0].text) for i in body)
        copy.article.reprint_similarity = round(
            copied / max(1, sum(len(t.text) for t, k in plan.texts if k == Kind.BODY)), 3
        )
        return copy

    def _annotate(self, plans):
        rows, total = [], 0
        for plan in plans:
            slots = [(row, span) for row, (text, _) in zip(plan.rows, plan.texts) for span in text.spans]
            # One annotation per span and target: the annotation key is unique (migration 0008).
            for k in range(min(plan.quota, len(slots))):
                row, span = slots[k]
                rows.append(self._annotation(row, span, first=True))
            if len(rows) >= ANNOTATION_BATCH:
                total += len(Annotation.objects.bulk_create(rows, batch_size=BATCH))
                rows = []
        return total + len(Annotation.objects.bulk_create(rows, batch_size=BATCH))

    def _annotation(self, row, span, first):
        roll = self.rng.random()
        if first:
            status = Status.PUBLISHED if roll < 0.8 else Status.REVIEWED if roll < 0.9 else Status.DRAFT
        else:
            status = Status.SUGGESTED if roll < 0.7 else Status.DRAFT
        text = row.text
        return Annotation(
            paragraph=row,
            quote=text[span.start : span.end],
            prefix=text[max(0, span.start - 32) : span.start],
            suffix=text[span.end : span.end + 32],
            start=span.start,
            end=span.end,
            status=status,
            **{f"{span.kind}_id": span.target.pk},
        )


def _copied(plan, group):
    """Return a reprint paragraph copying the original paragraphs in group, with its alignments."""
    text = st.Text()
    for index in group:
        text.add(plan.texts[index][0].text)
    text.extra = [
        (plan.rows[index], round(len(plan.texts[index][0].text) / len(text.text), 3)) for index in group
    ]
    return text


def _set_bounds(article):
    article.published_lower, article.published_upper = st.bounds(article.published_edtf)
