"""List what an editor must fix: links in the text that lead nowhere, citations to
paragraphs or items that do not exist, content missing in one language, items past their
review date, channels that no FAQ page uses, and shipped content changes waiting for review.

Usage:
    python manage.py checkcontent                  # exits with 1 if it finds anything
    python manage.py checkcontent --language zh-hans   # the messages in Chinese

It works from the database alone (no page is rendered; see channels/contentcheck.py) and
takes well under a second. `make test` runs it on the shipped fixtures in a fresh database.
The admin shows the same list on its content check page.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from channels import contentcheck


class Command(BaseCommand):
    help = "Check the content for broken links, bad citations, missing translations and more."

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the messages (default: en).",
        )

    def handle(self, *args, language, **options):
        with translation.override(language):
            self.report(contentcheck.run())

    def report(self, report):
        fix_it_at = translation.gettext("Fix it at")
        for _key, title, findings in report.by_kind():
            if not findings:
                continue
            self.stdout.write(self.style.WARNING(f"{title} ({len(findings)})"))
            for finding in findings:
                self.stdout.write(f"  {finding.subject}: {finding.message}")
                if finding.admin_url:
                    self.stdout.write(f"    {fix_it_at} {finding.admin_url}")
        if report.findings:
            raise CommandError(
                translation.gettext("%(count)s problem(s) found.")
                % {"count": len(report.findings)},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(translation.gettext("No problems found.")))
