"""List what an editor must fix: broken internal links and anchors, citations to paragraphs
or items that do not exist, content missing in one language, items past their review date,
and channels that no FAQ page uses.

Usage:
    python manage.py checkcontent              # everything; exits with 1 if it finds anything
    python manage.py checkcontent --no-links   # skip rendering the pages (a second, not ten)

It renders every public page in both languages in-process (no server needed), as an
anonymous reader gets it. `make test` runs it on the shipped fixtures in a fresh database.
The admin shows the same list on its content check page.
"""

from django.core.management.base import BaseCommand, CommandError

from channels import contentcheck


class Command(BaseCommand):
    help = "Check the content for broken links, bad citations, missing translations and more."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-links", action="store_true", help="Do not render pages to check links."
        )

    def handle(self, *args, no_links, **options):
        report = contentcheck.run(links=not no_links)
        for _key, title, findings in report.by_kind():
            if not findings:
                continue
            self.stdout.write(self.style.WARNING(f"{title} ({len(findings)})"))
            for finding in findings:
                self.stdout.write(f"  {finding.subject}: {finding.message}")
                if finding.admin_url:
                    self.stdout.write(f"    fix it at {finding.admin_url}")
        if report.findings:
            raise CommandError(f"{len(report.findings)} problem(s) found.", returncode=1)
        pages = f" {report.pages} pages rendered," if not no_links else ""
        self.stdout.write(self.style.SUCCESS(f"No problems found:{pages} all checks passed."))
