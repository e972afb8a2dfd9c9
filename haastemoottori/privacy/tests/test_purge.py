"""Accounts that never confirmed their e-mail address are removed after the configured time, audited."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from conftest import make_user
from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.privacy.audit_actions import AuditAction
from haastemoottori.privacy.tasks import purge_unconfirmed_accounts_task

pytestmark = pytest.mark.django_db


def aged(email, days, **extra):
    user = make_user(email, **extra)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days))
    return user


@pytest.fixture
def accounts():
    return {
        "old_unconfirmed": aged("old.unconfirmed@example.test", 20, is_active=False, full_name="Vanha Vahvistamaton"),
        "new_unconfirmed": aged("new.unconfirmed@example.test", 2, is_active=False),
        "old_confirmed": aged("old.confirmed@example.test", 20),
        "deactivated": aged("was.active@example.test", 20, is_active=False, last_login=timezone.now()),
    }


def test_the_command_removes_only_old_unconfirmed_accounts(accounts):
    out = StringIO()
    call_command("purge_unconfirmed_accounts", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 ")
    assert User.objects.filter(email="old.unconfirmed@example.test").exists()
    out = StringIO()
    call_command("purge_unconfirmed_accounts", stdout=out)
    assert "removed 1" in out.getvalue()
    assert not User.objects.filter(email__in=["old.unconfirmed@example.test"]).exists()
    assert not User.objects.filter(full_name__icontains="Vahvistamaton").exists()
    for key in ("new_unconfirmed", "old_confirmed", "deactivated"):
        assert User.objects.filter(email=accounts[key].email).exists(), key
    event = AuditEvent.objects.get(action=AuditAction.UNCONFIRMED_PURGED)
    assert event.target_id == str(accounts["old_unconfirmed"].pk)
    assert "old.unconfirmed" not in str(event.data) + event.target_label + event.actor_label


def test_the_waiting_time_is_configurable_and_the_task_runs_it(accounts):
    with override_settings(PRIVACY_UNCONFIRMED_ACCOUNT_DAYS=1):
        result = purge_unconfirmed_accounts_task.enqueue()
    assert result.return_value == {"purged": 2}
    assert not User.objects.filter(email="new.unconfirmed@example.test").exists()
