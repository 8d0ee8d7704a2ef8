"""What the large archive costs beyond the career page: search, the admin, a reader's paths."""

import time

REPEAT = {"quick": 10, "full": 20}


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
    """Return the median server time of an admin changelist for a superuser, after a warm-up."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    client.get(path)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, path
    return round(sorted(timings)[len(timings) // 2], 1)


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
