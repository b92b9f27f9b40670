"""Load the site's content from ``fixtures/`` without overwriting what editors saved.

Usage:
    python manage.py loadcontent                 # fixtures/law.json, then fixtures/guide.json
    python manage.py loadcontent path/to/a.json  # only the files named
    python manage.py loadcontent --dry-run       # say what it would do, change nothing
    python manage.py loadcontent --overwrite --user NAME [--yes]
                                                 # replace every record that differs with
                                                 # the fixture's version, after asking

On an empty database it loads everything. Afterwards the database is the truth: records an
editor changed are kept; records only the release changed take the release's version; when
both changed a record, the database keeps the editor's version and the release's waits in
the admin ("Shipped content changes") for an editor to review. See guide_site/fixtures.py.

Every record is validated as the admin would. A broken one stops the load with a message
naming the file, the record and the problem, and the database is left exactly as it was.
Each record added or changed gets a version in the edit history; an overwrite's names the
user given with ``--user``.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guide_site import fixtures


class Command(BaseCommand):
    help = "Load fixtures/ into the database, keeping what editors changed."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace every record that differs from the fixtures (asks first).",
        )
        parser.add_argument("--user", help="Who overwrites: the history names this user.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before overwriting.")
        parser.add_argument("--dry-run", action="store_true", help="Change nothing.")

    def handle(self, *args, paths, overwrite, user, yes, dry_run, **options):
        person = None
        if overwrite and not dry_run:
            if not user:
                raise CommandError("--overwrite needs --user NAME: the history records who.")
            try:
                person = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"There is no user {user!r}.") from None
        try:
            if dry_run:
                with transaction.atomic():
                    result = fixtures.plan(paths or None, overwrite=overwrite)
                    transaction.set_rollback(True)
            else:
                result = fixtures.load(
                    paths or None,
                    overwrite=overwrite,
                    user=person,
                    confirm=None if yes else self.ask,
                )
        except fixtures.FixtureError as error:
            raise CommandError(str(error)) from error
        if result is None:
            self.stdout.write("Nothing changed.")
            return
        self.report(result, dry_run)

    def ask(self, result):
        self.stdout.write("These records differ from the fixtures and would be overwritten:")
        for change in result.of("overwrite"):
            self.stdout.write(f"  {change}")
        answer = input(f"Overwrite {len(result.of('overwrite'))} record(s)? [y/N] ")
        return answer.strip().lower() in ("y", "yes")

    def report(self, result, dry_run):
        prefix = "Would load" if dry_run else "Loaded"
        self.stdout.write(f"{prefix} {len(result.changes)} records: {result.summary()}.")
        overwritten = result.of("overwrite")
        if overwritten:
            self.stdout.write(f"{len(overwritten)} overwritten with the fixtures' version.")
        review = result.of("review")
        if review:
            self.stdout.write(
                self.style.WARNING(
                    "Changed by the release and in the database; the database keeps its "
                    "version, the release's waits in the admin under “Shipped content changes”:"
                )
            )
            for change in review:
                self.stdout.write(f"  {change}")
