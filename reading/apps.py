from django.apps import AppConfig, apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The public page of each record: the public site decides where records live, so the models
# (lower layers) never name its URLs.
PAGES = {
    "people.Person": "reading:person-detail",
    "people.Organization": "reading:organization-detail",
    "archive.Article": "reading:article-detail",
    "archive.Event": "reading:event-detail",
}


def page_url(name):
    def get_absolute_url(self):
        return reverse(name, kwargs={"slug": self.slug})

    return get_absolute_url


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Public site")

    def ready(self):
        for label, name in PAGES.items():
            apps.get_model(label).get_absolute_url = page_url(name)
