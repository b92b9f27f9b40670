from django.db import migrations

from guide_site.datamigrations import empty_strings


class Migration(migrations.Migration):
    dependencies = [("channels", "0012_change_note_in_one_language")]

    operations = [migrations.RunPython(empty_strings("channels"), migrations.RunPython.noop)]
