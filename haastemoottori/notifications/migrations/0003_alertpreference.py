# AlertPreference moved here from the alerts app: the state is created, the table (alerts_alertpreference) is kept.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_preferences'),
        ('alerts', '0003_alertpreference_to_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AlertPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('frequency', models.CharField(choices=[('off', 'Never (no e-mail)'), ('daily', 'Daily'), ('weekly', 'Weekly')], default='weekly', max_length=10, verbose_name='digest e-mail')),
                        ('last_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='last digest sent')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='alert_preference', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'alert preference',
                        'verbose_name_plural': 'alert preferences',
                        'db_table': 'alerts_alertpreference',
                        'indexes': [models.Index(fields=['frequency', 'last_sent_at'], name='alertpref_due_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
