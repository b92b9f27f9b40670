from django.db import migrations

from guide_site.datamigrations import empty_strings


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_numbered_rows_share_one_base")]

    operations = [migrations.RunPython(empty_strings("articles"), migrations.RunPython.noop)]
