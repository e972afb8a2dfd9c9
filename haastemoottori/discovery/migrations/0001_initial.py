# MatchFeedback moved here from the search app: the state is created, the table (search_matchfeedback) is kept.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('challenges', '0001_initial'),
        ('organisations', '0002_organisation_cities_served_organisation_is_listed_and_more'),
        ('search', '0004_matchfeedback_to_discovery'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MatchFeedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('direction', models.CharField(choices=[('solver', 'Solver suggested for a challenge'), ('challenge', 'Challenge suggested to a solver')], max_length=10, verbose_name='direction')),
                        ('useful', models.BooleanField(verbose_name='useful')),
                        ('rank', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='rank when shown')),
                        ('score', models.FloatField(blank=True, null=True, verbose_name='score when shown')),
                        ('created_at', models.DateTimeField(auto_now=True, verbose_name='given')),
                        ('challenge', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='challenges.challenge', verbose_name='challenge')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.organisation', verbose_name='organisation')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='given by')),
                    ],
                    options={
                        'verbose_name': 'match feedback',
                        'verbose_name_plural': 'match feedback',
                        'db_table': 'search_matchfeedback',
                        'constraints': [models.UniqueConstraint(fields=('challenge', 'organisation', 'direction', 'user'), name='match_feedback_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
