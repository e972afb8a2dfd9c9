"""Event and registration services: invariants, capacity and the waiting list, cancelling, audit."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.events import services
from haastemoottori.events.models import Event, Registration
from haastemoottori.events.services.registrations import waitlist_position
from haastemoottori.notifications.models import Notification

pytestmark = pytest.mark.django_db


def kinds(user):
    return list(Notification.objects.filter(user=user).order_by("id").values_list("kind", flat=True))


def test_create_publishes_and_audits(region, make_event, public_challenge):
    event = make_event()
    assert event.status == Event.Status.PUBLISHED and event.slug == "tyopaja"
    assert list(event.challenges.all()) == [public_challenge]
    assert (
        AuditEvent.objects.filter(
            target_type="events.event", target_id=str(event.pk), action="created", is_public=True
        ).count()
        == 1
    )
    assert make_event().slug == "tyopaja-2"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "start"}, "ends_at"),
        ({"location": "", "online_url": ""}, "location"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"capacity": 0}, "capacity"),
        ({"language": "de"}, "language"),
        ({"kind": "party"}, "kind"),
        ({"registration_closes_at": "after"}, "registration_closes_at"),
        ({"title": {"sv": "Bara svenska"}}, "title"),
        ({"title": {"xx": "Tuntematon"}}, "title"),
    ],
)
def test_create_refuses_bad_input_and_changes_nothing(region, make_event, change, field):
    start = timezone.now() + timedelta(days=3)
    change = dict(change)
    if change.get("ends_at") == "start":
        change["starts_at"], change["ends_at"] = start, start
    if change.get("registration_closes_at") == "after":
        change["starts_at"], change["registration_closes_at"] = start, start + timedelta(minutes=1)
    with pytest.raises(ServiceValidationError) as exc:
        make_event(**change)
    assert exc.value.field == field
    assert not Event.objects.exists() and not AuditEvent.objects.filter(target_type="events.event").exists()


def test_create_in_the_past_is_refused(region, make_event):
    with pytest.raises(ServiceValidationError) as exc:
        make_event(days=-1)
    assert exc.value.message == _("The event must start in the future.")


def test_only_challenges_the_organiser_leads_or_co_owns(region, make_event, make_challenge):
    vantaa_challenge = make_challenge(
        lead=region.vantaa, actor=region.people["vantaa_owner"], title={"fi": "Vantaan haaste"}
    )
    with pytest.raises(ServiceValidationError) as exc:
        make_event(challenges=[vantaa_challenge])
    assert exc.value.field == "challenges"
    with pytest.raises(ServiceValidationError):
        make_event(challenges=[])


@pytest.mark.parametrize("who", ["espoo_member", "espoo_evaluator", "vantaa_owner", "company_admin", "outsider"])
def test_only_organiser_editors_create_and_manage(region, make_event, who):
    with pytest.raises(ServicePermissionDenied):
        make_event(actor=region.people[who])
    event = make_event()
    with pytest.raises(ServicePermissionDenied):
        services.event_update(actor=region.people[who], event=event, capacity=10)
    with pytest.raises(ServicePermissionDenied):
        services.event_cancel(actor=region.people[who], event=event, reason="Ei")
    event.refresh_from_db()
    assert event.capacity == 2 and event.status == "published"


def test_platform_admin_and_city_admin_may_organise(region, make_event):
    assert make_event(actor=region.people["platform_admin"]).created_by == region.people["platform_admin"]
    assert make_event(actor=region.people["espoo_admin"]).organiser == region.espoo


def test_a_company_cannot_be_the_organiser(region, make_event):
    with pytest.raises(ServiceValidationError) as exc:
        make_event(organiser=region.company, actor=region.people["platform_admin"])
    assert exc.value.field == "organiser"


def test_capacity_waiting_list_and_promotion_on_cancellation(
    region, make_event, company_people, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    a, b = region.people["company_admin"], region.people["outsider"]
    c, d = company_people["company_member"], company_people["other_company"]
    ra = services.registration_create(actor=a, event=event, organisation=region.company, note="Gluteeniton")
    rb = services.registration_create(actor=b, event=event)
    rc = services.registration_create(actor=c, event=event)
    rd = services.registration_create(actor=d, event=event)
    assert [r.status for r in (ra, rb, rc, rd)] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert waitlist_position(rc) == 1 and waitlist_position(rd) == 2
    assert kinds(a) == ["events.registered"] and kinds(c) == ["events.waitlisted"]

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=b, event=event)
    rb.refresh_from_db(), rc.refresh_from_db(), rd.refresh_from_db()
    assert rb.status == "cancelled" and rb.cancelled_at is not None
    assert rc.status == "registered" and rd.status == "waitlisted" and waitlist_position(rd) == 1
    assert kinds(c) == ["events.waitlisted", "events.waitlist_promoted"]
    assert kinds(d) == ["events.waitlisted"]
    assert Registration.objects.filter(event=event, status="registered").count() == 2

    # A waitlisted person cancelling frees no seat: nobody is promoted.
    services.registration_cancel(actor=d, event=event)
    assert kinds(d) == ["events.waitlisted"]


def test_reregistering_after_cancelling_reactivates_at_the_end_of_the_queue(region, make_event, company_people):
    event = make_event(capacity=1)
    a, b, c = region.people["company_admin"], region.people["outsider"], company_people["company_member"]
    services.registration_create(actor=a, event=event)
    services.registration_create(actor=b, event=event)
    services.registration_cancel(actor=b, event=event)
    services.registration_create(actor=c, event=event)
    again = services.registration_create(actor=b, event=event)
    assert Registration.objects.filter(event=event, user=b).count() == 1
    assert again.status == "waitlisted" and again.cancelled_at is None and waitlist_position(again) == 2
    with pytest.raises(ServiceConflict):
        services.registration_create(actor=b, event=event)


def test_registration_closes_at_the_deadline_and_the_start(region, make_event):
    start = timezone.now() + timedelta(days=2)
    event = make_event(starts_at=start, registration_closes_at=start - timedelta(days=1))
    person = region.people["outsider"]
    with time_machine.travel(start - timedelta(days=1, seconds=-1)):
        with pytest.raises(ServiceValidationError) as exc:
            services.registration_create(actor=person, event=event)
        assert exc.value.message == _("Registration for this event has closed.")
    other = make_event(starts_at=start)
    with time_machine.travel(start + timedelta(minutes=1)), pytest.raises(ServiceValidationError):
        services.registration_create(actor=person, event=other)
    assert not Registration.objects.exists()


def test_cannot_cancel_a_registration_after_the_start(region, make_event):
    start = timezone.now() + timedelta(days=2)
    event = make_event(starts_at=start)
    person = region.people["outsider"]
    services.registration_create(actor=person, event=event)
    with time_machine.travel(start + timedelta(minutes=5)), pytest.raises(ServiceValidationError):
        services.registration_cancel(actor=person, event=event)
    assert Registration.objects.get().status == "registered"


def test_representing_an_organisation_requires_membership(region, make_event):
    event = make_event()
    with pytest.raises(ServiceValidationError) as exc:
        services.registration_create(actor=region.people["outsider"], event=event, organisation=region.company)
    assert exc.value.field == "organisation"
    with pytest.raises(ServiceValidationError):
        services.registration_create(actor=region.people["outsider"], event=event, note="x" * 1001)
    assert not Registration.objects.exists()


def test_anonymous_cannot_register(region, make_event):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ServicePermissionDenied):
        services.registration_create(actor=AnonymousUser(), event=make_event())


def test_cancelling_the_event_notifies_registered_and_waitlisted_once(region, make_event, company_people):
    event = make_event(capacity=1)
    a, b, c = region.people["company_admin"], region.people["outsider"], company_people["company_member"]
    for person in (a, b, c):
        services.registration_create(actor=person, event=event)
    services.registration_cancel(actor=c, event=event)
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Sairastuminen")
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancel_reason == "Sairastuminen"
    assert Notification.objects.filter(kind="events.cancelled").count() == 2
    assert set(Notification.objects.filter(kind="events.cancelled").values_list("user", flat=True)) == {a.pk, b.pk}
    assert "Sairastuminen" in Notification.objects.filter(kind="events.cancelled").first().body
    with pytest.raises(ServiceConflict):
        services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Uudestaan")
    assert Notification.objects.filter(kind="events.cancelled").count() == 2
    with pytest.raises(ServiceConflict):
        services.registration_create(actor=c, event=event)
    assert (
        AuditEvent.objects.filter(
            target_type="events.event", target_id=str(event.pk), changes__status__new="cancelled"
        ).count()
        == 1
    )


def test_cancel_needs_a_reason(region, make_event):
    event = make_event()
    with pytest.raises(ServiceValidationError):
        services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="  ")
    event.refresh_from_db()
    assert event.status == "published"


def test_more_seats_promote_the_waiting_list_fewer_than_taken_is_refused(region, make_event, company_people):
    event = make_event(capacity=1)
    a, b = region.people["company_admin"], region.people["outsider"]
    services.registration_create(actor=a, event=event)
    rb = services.registration_create(actor=b, event=event)
    services.registration_create(actor=company_people["company_member"], event=event)
    services.registration_cancel(actor=company_people["company_member"], event=event)
    services.event_update(actor=region.people["espoo_owner"], event=event, capacity=3)
    rb.refresh_from_db()
    assert rb.status == "registered" and "events.waitlist_promoted" in kinds(b)
    with pytest.raises(ServiceValidationError) as exc:
        services.event_update(actor=region.people["espoo_owner"], event=event, capacity=1)
    assert exc.value.field == "capacity"
    event.refresh_from_db()
    assert event.capacity == 3


def test_update_audits_changes(region, make_event):
    event = make_event()
    services.event_update(
        actor=region.people["espoo_owner"],
        event=event,
        location="Uusi osoite 1",
        title={"fi": "Uusi nimi", "en": "New name"},
    )
    audit = AuditEvent.objects.filter(target_type="events.event", action="updated").get()
    assert set(audit.changes) == {"location", "title"}
    # No change, no audit.
    services.event_update(actor=region.people["espoo_owner"], event=event, location="Uusi osoite 1")
    assert AuditEvent.objects.filter(target_type="events.event", action="updated").count() == 1


def test_registrations_are_audited(region, make_event):
    event = make_event()
    person = region.people["outsider"]
    reg = services.registration_create(actor=person, event=event)
    services.registration_cancel(actor=person, event=event)
    actions = list(
        AuditEvent.objects.filter(target_type="events.registration", target_id=str(reg.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["created", "updated"]
