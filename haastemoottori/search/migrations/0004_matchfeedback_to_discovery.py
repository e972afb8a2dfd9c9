# MatchFeedback moved to the discovery app; its table stays where it is (discovery 0001 takes it over).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_indexed_at_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='MatchFeedback')],
            database_operations=[],
        ),
    ]
