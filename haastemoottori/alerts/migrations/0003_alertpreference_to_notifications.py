# AlertPreference moved to the notifications app; its table stays (notifications 0003 takes it over).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('alerts', '0002_generalised_follows'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='AlertPreference')],
            database_operations=[],
        ),
    ]
