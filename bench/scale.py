"""What the large archive costs beyond the career page: search, the editors' pages, a reader's paths."""

import time

REPEAT = {"quick": 10, "full": 20}
EDITORS_REPEAT = {"quick": 3, "full": 10}  # the editors' other pages: a median of fewer runs
DEMO_FEATURE = "alibaba-b2b-18-years"


def search_queries(person_slug):
    """Return a name, its pinyin and a four-character phrase of a published paragraph."""
    from archive.models import Paragraph
    from people.models import Person

    person = Person.objects.get(slug=person_slug)
    text = (
        Paragraph.objects.filter(article__is_published=True, kind="body")
        .order_by("pk")
        .values_list("text", flat=True)
        .first()
    )
    return [person.name, person.pinyin, text[len(text) // 2 : len(text) // 2 + 4]]


def search_p95_ms(queries, repeat):
    """Return the p95 of /search/?q= over the queries (rendered afresh, in this process)."""
    from django.test import Client

    client, timings = Client(), []
    for query in queries:
        client.get("/search/", {"q": query})
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200, query
    timings.sort()
    return round(timings[int(0.95 * (len(timings) - 1))], 1)


def admin_changelist_ms(repeat, path="/admin/archive/annotation/"):
    """Return the median server time of an admin page for a superuser, after a warm-up."""
    return admin_pages_ms(repeat, [path])[path]


def admin_pages_ms(repeat, paths):
    """Return {path: median server time} of admin pages for a superuser, each after a warm-up."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    medians = {}
    for path in paths:
        client.get(path)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(path)
            timings.append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200, path
        medians[path] = round(sorted(timings)[len(timings) // 2], 1)
    return medians


def admin_changelist_paths(person_slug):
    """Return {figure: path} of the big tables' changelists, with a filter and a search by name."""
    from urllib.parse import quote

    from people.models import Person

    name = quote(Person.objects.get(slug=person_slug).name)
    return {
        "admin_annotation_status_ms": "/admin/archive/annotation/?status__exact=draft",
        "admin_annotation_search_ms": f"/admin/archive/annotation/?q={name}",
        "admin_paragraph_changelist_ms": "/admin/archive/paragraph/",
        "admin_article_changelist_ms": "/admin/archive/article/",
        "admin_person_changelist_ms": "/admin/people/person/",
        "admin_role_changelist_ms": "/admin/people/role/",
    }


def demo_article_change_ms(repeat):
    """Return the median server time of the demo feature's admin change page.

    The demo archive is loaded when missing, in a transaction rolled back after the measure:
    the benches after this one (reprint lookup imports the same feature) find the archive as
    it was.
    """
    from django.core.management import call_command
    from django.db import transaction

    from archive.models import Article

    with transaction.atomic():
        loaded = not Article.objects.filter(slug=DEMO_FEATURE).exists()
        if loaded:
            call_command("load_demo", verbosity=0)
        path = f"/admin/archive/article/{Article.objects.get(slug=DEMO_FEATURE).pk}/change/"
        ms = admin_changelist_ms(repeat, path)
        transaction.set_rollback(loaded)
    return ms


def workbench_paths():
    """Return the annotate page of the longest synthetic article (by paragraphs), a later part, and its size.

    The later part is the one after the first; when the first part holds the whole article, the
    one after its middle paragraph. The year before it goes along, as the page's script sends it.
    """
    from urllib.parse import urlencode

    from django.db.models import Count

    from archive.models import Article, Paragraph
    from workbench import parts, selectors

    synthetic = Paragraph.objects.exclude(article__slug__startswith=DEMO_FEATURE)  # if it was kept
    longest = synthetic.values("article").annotate(n=Count("pk")).order_by("-n", "article").first()
    article = Article.objects.get(pk=longest["article"])
    first = parts.part_after(article, 0)
    if first.more:
        after, year = first.last, parts.part_context(first, "zh")["year"]
    else:
        middle = first.paragraphs[len(first.paragraphs) // 2]
        after, year = middle.position - 1, selectors.base_year_before(article, middle, 0)
    page = f"/admin/archive/article/{article.pk}/annotate/"
    query = urlencode({"after": after, "year": "" if year is None else year})
    return page, f"{page}part/?{query}", longest["n"]


def reader_paths(person_slug, count=12):
    """Return public paths readers cycle through: the busiest person, other people, lists, search."""
    from urllib.parse import quote

    from archive import public

    slugs = [person_slug, *public.people().exclude(slug=person_slug).values_list("slug", flat=True)[:count]]
    paths = ["/", "/articles/", "/events/", "/people/", f"/search/?q={quote('销售')}"]
    for slug in slugs:
        paths += [f"/people/{slug}/", f"/people/{slug}.json"]
    for slug in public.articles().values_list("slug", flat=True)[:count]:
        paths.append(f"/articles/{slug}/")
    return paths


def main(argv=None):
    """Print the editors' figures of the archive DATABASE_URL names, as ``python -m bench`` takes them.

    For an archive generated once (``python -m bench.generate``) and measured again after a
    change; it adds a superuser ``bench-admin`` (and the demo archive while it measures, if missing).
    """
    import argparse
    import json
    import os

    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=main.__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=EDITORS_REPEAT["full"], help="runs of each page")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from .pages import busiest_person

    slug, _citations = busiest_person()
    paths = {"admin_annotation_changelist_ms": "/admin/archive/annotation/", **admin_changelist_paths(slug)}
    page, part, _paragraphs = workbench_paths()
    paths.update(workbench_page_ms=page, workbench_part_ms=part)
    medians = admin_pages_ms(args.repeat, list(paths.values()))
    figures = {figure: medians[path] for figure, path in paths.items()}
    figures["admin_article_change_ms"] = demo_article_change_ms(args.repeat)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
