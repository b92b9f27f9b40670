"""Create a content editor's account: staff (may sign in to the admin), not a superuser, in
the "Editors" group (channels/migrations/0005_editors_group.py says what that group may do).

Usage:
    python manage.py createeditor USERNAME [--email EMAIL]
        asks for the password twice; Django's password rules apply
    DJANGO_EDITOR_PASSWORD=… python manage.py createeditor USERNAME --noinput
        for scripts: the password from the environment
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUP = "Editors"


class Command(BaseCommand):
    help = "Create a content editor: a staff account in the Editors group."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Take the password from DJANGO_EDITOR_PASSWORD instead of asking.",
        )

    def handle(self, *args, username, email, interactive, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already an account named {username!r}.")
        try:
            group = Group.objects.get(name=GROUP)
        except Group.DoesNotExist:
            raise CommandError("The Editors group is missing: run `manage.py migrate`.") from None
        user = User(username=username, email=email, is_staff=True)
        password = self.ask_password(user) if interactive else self.env_password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Created editor {username!r}; they can sign in to the admin now.")

    def env_password(self, user):
        password = os.environ.get("DJANGO_EDITOR_PASSWORD", "")
        if not password:
            raise CommandError("--noinput needs the password in DJANGO_EDITOR_PASSWORD.")
        self.validate(password, user)
        return password

    def ask_password(self, user):
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                self.validate(password, user)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password

    @staticmethod
    def validate(password, user):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
