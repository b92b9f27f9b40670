"""Make every cached page stale, on every process that shares the cache.

Usage:
    python manage.py invalidatepages

Saving through the admin, ``loadcontent`` or a model's ``save()``/``delete()`` already does
this by itself; ``QuerySet.update()``, raw SQL and restores from a database dump send no
signal, so run this after them.
"""

from django.core.management.base import BaseCommand

from guide_site.pagecache import invalidate


class Command(BaseCommand):
    help = "Make every cached page stale."

    def handle(self, *args, **options):
        invalidate()
        self.stdout.write("Cached pages will be rendered afresh.")
