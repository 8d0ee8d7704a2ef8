import functools
import re

from django.apps import AppConfig, apps
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

# The public page of each record: the public site decides where records live, so the models
# (lower layers) never name its URLs.
PAGES = {
    "people.Person": "reading:person-detail",
    "people.Organization": "reading:organization-detail",
    "archive.Article": "reading:article-detail",
    "archive.Event": "reading:event-detail",
}


PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "0slug0"


@functools.lru_cache(maxsize=64)
def _url_pattern(name, prefix, urlconf):
    """Return the page URL of name with a placeholder slug (reverse() costs more than the page's
    other work per link; the prefix and urlconf key it, so a change of either reverses anew)."""
    return reverse(name, kwargs={"slug": _PLACEHOLDER}, urlconf=urlconf)


def page_url(name):
    def get_absolute_url(self):
        return page_urls(name)(self.slug)

    return get_absolute_url


def page_urls(name):
    """Return slug -> the page URL of name, for many slugs at once: the script prefix and urlconf
    (thread-local lookups, a few µs each) are read once."""
    pattern = _url_pattern(name, get_script_prefix(), get_urlconf())

    def url(slug):
        if PLAIN_SLUG.fullmatch(slug):  # nothing to quote: the reversed pattern serves
            return pattern.replace(_PLACEHOLDER, slug, 1)
        return reverse(name, kwargs={"slug": slug})

    return url


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Public site")

    def ready(self):
        for label, name in PAGES.items():
            apps.get_model(label).get_absolute_url = page_url(name)
        from . import listeners

        listeners.connect()
