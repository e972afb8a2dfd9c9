"""Registrants are told when an event's time or place changes (issue 21, item 9); not for other edits."""

from datetime import timedelta

from haastemoottori.events import services
from haastemoottori.notifications.models import Notification


def test_a_new_time_or_place_is_sent_to_registered_and_waitlisted_once(region, make_event, company_people):
    event = make_event(capacity=1)
    a, b, c = region.people["company_admin"], region.people["outsider"], company_people["company_member"]
    for person in (a, b, c):
        services.registration_create(actor=person, event=event)
    services.registration_cancel(actor=c, event=event)
    owner = region.people["espoo_owner"]
    services.event_update(
        actor=owner,
        event=event,
        starts_at=event.starts_at + timedelta(hours=2),
        ends_at=event.ends_at + timedelta(hours=2),
    )
    changed = Notification.objects.filter(kind="events.changed")
    assert set(changed.values_list("user", flat=True)) == {a.pk, b.pk}
    services.event_update(actor=owner, event=event, location="Otakaari 1, Espoo")
    assert Notification.objects.filter(kind="events.changed").count() == 4
    assert "Otakaari 1, Espoo" in Notification.objects.filter(kind="events.changed").order_by("pk").last().body


def test_other_edits_send_nothing(region, make_event):
    event = make_event(capacity=5)
    services.registration_create(actor=region.people["company_admin"], event=event)
    services.event_update(actor=region.people["espoo_owner"], event=event, capacity=6)
    assert not Notification.objects.filter(kind="events.changed").exists()
