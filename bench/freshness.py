"""Whether the served site shows each publish on every page that shows the published annotation.

After each publish the load test fetches, once ANNALS_CONTENT_VERSION_TTL and a margin have
passed, the pages that show the annotation: the person's page and JSON, the article holding it,
and the role's organisation's page and JSON when the organisation is public. A page is stale
when it does not yet show the publish:

- the article page marks every published annotation of its text (``id="a-<id>"``,
  ``data-annotations``), so it must mark this one;
- the person's and the organisation's pages, HTML and JSON, show only the first citations of each
  role (and count the rest), so no marker says whether a publish reached them. They are compared with the page itself: after
  the load, the publishes are undone one by one (the annotations go back to reviewed), and each
  page is rendered afresh, in this process, in every state a check may have seen (from the
  publish it checks to the last one committed when its answer came). A page is fresh when it is
  byte for byte one of those renders. Rendering afterwards keeps that work out of the load.
"""

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field

MARGIN = 0.25  # seconds after the TTL before a page must show a publish


def marker(pk):
    """Return the pattern a page that shows annotation pk contains."""
    return re.compile(rf'hl={pk}(?!\d)|id="a-{pk}"|data-annotations="(?:[^"]* )?{pk}[ "]'.encode())


@dataclass
class Page:
    path: str
    replayed: bool  # compared with renders of each state, not searched for a marker


def pages_showing(annotation):
    """Return the public pages that show a published annotation citing a role."""
    from urllib.parse import quote

    from django.urls import reverse

    from archive import public

    role, article = annotation.role, annotation.paragraph.article
    pages = [
        Page(reverse("reading:person-detail", args=[role.person.slug]), True),
        Page(reverse("reading:person-detail-json", args=[role.person.slug]), True),
        Page(reverse("reading:article-detail", args=[article.slug]), False),
    ]
    if role.organization_id and public.organizations().filter(pk=role.organization_id).exists():
        slug = role.organization.slug
        pages += [
            Page(reverse("reading:organization-detail", args=[slug]), True),
            Page(reverse("reading:organization-detail-json", args=[slug]), True),
        ]
    return [Page(quote(page.path), page.replayed) for page in pages]


@dataclass
class Checker:
    """Publishes, as they commit, and the checks of the pages that must show them."""

    published: list = field(default_factory=list)  # [(annotation pk, [Page])], in order
    checks: list = field(default_factory=list)  # [(publish number, last committed, Page, result)]
    lock: threading.Lock = field(default_factory=threading.Lock)
    due: list = field(default_factory=list)

    def committed(self, pk, pages, ttl):
        """Note publish pk (call with the lock held, right after its commit)."""
        self.published.append((pk, pages))
        self.due.append((time.monotonic() + ttl + MARGIN, len(self.published)))

    def run(self, connection, stop):
        """Fetch each publish's pages when they are due, until stop is set and none is left."""
        while not (stop.is_set() and not self.due):
            if not self.due:
                time.sleep(0.05)
                continue
            when, number = self.due.pop(0)
            time.sleep(max(0.0, when - time.monotonic()))
            self.check(connection, number)

    def check(self, connection, number):
        pk, pages = self.published[number - 1]
        for page in pages:
            status, _, body = connection.get(page.path)
            with self.lock:  # a publish committing now waits, so `last` covers what body may show
                last = len(self.published)
            if status != 200:
                result = None
            elif page.replayed:
                result = hashlib.md5(body).hexdigest()
            else:
                result = bool(marker(pk).search(body))
            self.checks.append((number, last, page, result))

    def stale(self, renders):
        """Return the checks whose page did not show their publish (renders: {(path, state): md5})."""
        return [
            (number, last, page.path)
            for number, last, page, result in self.checks
            if not result
            or (page.replayed and result not in {renders[page.path, s] for s in range(number, last + 1)})
        ]

    def states(self):
        """Return {state: {paths}} the replay must render (state n: the first n publishes made)."""
        wanted = {}
        for number, last, page, _ in self.checks:
            if page.replayed:
                for state in range(number, last + 1):
                    wanted.setdefault(state, set()).add(page.path)
        return wanted


def replay(checker, unpublish, host):
    """Undo the publishes from the last to the first, rendering each state's pages on the way;
    return {(path, state): md5 of the page}."""
    from django.test import Client

    client, renders, wanted = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="zh-hans"), {}, checker.states()
    for state in range(len(checker.published), 0, -1):
        for path in sorted(wanted.get(state, ())):
            response = client.get(path)
            renders[path, state] = (
                hashlib.md5(response.content).hexdigest() if response.status_code == 200 else None
            )
        unpublish(checker.published[state - 1][0])
    return renders
