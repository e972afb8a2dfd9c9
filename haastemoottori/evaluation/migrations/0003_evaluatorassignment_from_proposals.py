# EvaluatorAssignment moved here from the proposals app. Only the state changes: the table
# (proposals_evaluatorassignment) and the foreign keys to it stay as they are.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('evaluation', '0002_scoring'),
        ('proposals', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EvaluatorAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='assigned')),
                        ('assigned_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assigned by')),
                        ('evaluator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluator_assignments', to=settings.AUTH_USER_MODEL, verbose_name='evaluator')),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluators', to='proposals.proposal', verbose_name='proposal')),
                    ],
                    options={
                        'verbose_name': 'evaluator assignment',
                        'verbose_name_plural': 'evaluator assignments',
                        'db_table': 'proposals_evaluatorassignment',
                        'constraints': [models.UniqueConstraint(fields=('proposal', 'evaluator'), name='evaluator_unique')],
                    },
                ),
                migrations.AlterField(
                    model_name='declaration',
                    name='assignment',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='declaration', to='evaluation.evaluatorassignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='evaluation',
                    name='assignment',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation', to='evaluation.evaluatorassignment', verbose_name='assignment'),
                ),
            ],
            database_operations=[],
        ),
    ]
