"""The inbox and preference services check who acts and what is asked, and audit each change."""

import pytest
from django.contrib.auth.models import AnonymousUser

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications import services
from haastemoottori.notifications.models import AlertPreference, Notification, NotificationPreference
from haastemoottori.notifications.preferences import email_modes_for_user
from haastemoottori.notifications.unsubscribe import unsubscribe_token

pytestmark = pytest.mark.django_db


def test_preferences_refuse_unknown_category_mode_and_anonymous(region):
    me = region.people["outsider"]
    with pytest.raises(ServiceValidationError):
        services.notification_preferences_set(actor=me, modes={"gossip": "none"})
    with pytest.raises(ServiceValidationError) as exc:
        services.notification_preferences_set(actor=me, modes={"qa": "fax"})
    assert exc.value.field == "qa"
    with pytest.raises(ServicePermissionDenied):
        services.notification_preferences_set(actor=AnonymousUser(), modes={"qa": "none"})
    assert not NotificationPreference.objects.exists() and not AuditEvent.objects.filter(actor=me).exists()


def test_preferences_default_to_immediate_and_save_only_changes(region):
    me = region.people["outsider"]
    assert set(email_modes_for_user(user=me).values()) == {"immediate"}
    result = services.notification_preferences_set(actor=me, modes={"qa": "none", "events": "immediate"})
    assert result["qa"] == "none" and result["events"] == "immediate"
    assert list(NotificationPreference.objects.values_list("category", flat=True)) == ["qa"]
    assert not AlertPreference.objects.filter(user=me).exists()  # no digest asked for


def test_only_the_owner_marks_read(region):
    me, other = region.people["outsider"], region.people["company_admin"]
    n = Notification.objects.create(user=me, kind="qa.x", language="fi", subject="S")
    for actor in (other, AnonymousUser(), region.people["platform_admin"]):
        with pytest.raises(ServicePermissionDenied):
            services.notification_mark_read(actor=actor, notification=n)
    n.refresh_from_db()
    assert n.read_at is None
    services.notification_mark_read(actor=me, notification=n)
    first = n.read_at
    services.notification_mark_read(actor=me, notification=n)  # again: nothing changes
    assert n.read_at == first
    assert AuditEvent.objects.filter(target_type="notifications.notification").count() == 1
    with pytest.raises(ServicePermissionDenied):
        services.notification_mark_all_read(actor=AnonymousUser())


def test_unsubscribe_token_is_checked(client, region):
    me = region.people["outsider"]
    assert client.get(f"/fi/notifications/unsubscribe/{unsubscribe_token(me)}/").status_code == 200
    assert client.get("/fi/notifications/unsubscribe/forged/").status_code == 400
    with pytest.raises(ServiceValidationError):
        services.notification_digest_unsubscribe(token="forged")
