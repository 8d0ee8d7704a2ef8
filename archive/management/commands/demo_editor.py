"""Create (or reset) the demo editor account and print its login."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or reset the demo account 'editor' (Editors and Reviewers) and print its password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, **options):
        user, _ = get_user_model().objects.get_or_create(username=options["username"])
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.set(Group.objects.filter(name__in=["Editors", "Reviewers"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor login: {options['url']}  user: {user.username}  password: {password}"
            )
        )
