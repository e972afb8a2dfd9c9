# EvaluatorAssignment moved to the evaluation app (evaluation 0003 took over its state; the table stays).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0001_initial'),
        ('evaluation', '0003_evaluatorassignment_from_proposals'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='EvaluatorAssignment')],
            database_operations=[],
        ),
    ]
