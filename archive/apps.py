from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .groups import ensure_groups

        # After migrate and after every flush: the editorial groups are whole again.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="archive-editorial-groups")
