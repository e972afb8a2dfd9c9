"""Signal services: staff signals, residents' suggestions and their moderation, edits, the audit trail."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification
from haastemoottori.signals import services
from haastemoottori.signals.models import Signal

from .conftest import make_signal

pytestmark = pytest.mark.django_db


def _create(world, actor=None, **extra):
    kwargs = {
        "city": world.espoo,
        "source": "expert",
        "title": "Koulumatkan valaistus puuttuu",
        "text": "Lapset kulkevat pimeässä.",
        "language": "fi",
        **extra,
    }
    return services.signal_create(actor=actor or world.people["espoo_member"], **kwargs)


def _events_text(signal) -> str:
    events = AuditEvent.objects.for_object(signal)
    return json.dumps([[e.target_label, e.changes, e.data] for e in events], ensure_ascii=False)


def test_staff_signal_is_accepted_audited_and_clustered(world, clustering_runs):
    signal = _create(
        world,
        department=world.education,
        themes=world.themes,
        latitude="60,2055",
        longitude="24.6559",
        evidence_url="https://www.espoo.fi/raportti",
        location_name="Tapiola",
    )
    signal.refresh_from_db()
    assert (signal.status, signal.source, signal.author) == ("accepted", "expert", world.people["espoo_member"])
    assert (signal.latitude, signal.longitude) == (Decimal("60.205500"), Decimal("24.655900"))
    assert sorted(t.slug for t in signal.themes.all()) == ["carbon-neutrality", "sdg-11"]
    event = AuditEvent.objects.for_object(signal).get()
    assert event.action == "created" and event.target_label == f"#{signal.pk}" and not event.is_public
    assert "Koulumatkan" not in _events_text(signal) and "Tapiola" not in _events_text(signal)
    assert len(clustering_runs) == 1


@pytest.mark.parametrize("person", ["outsider", "company_admin", "vantaa_owner"])
def test_only_the_citys_staff_add_its_signals(world, person, clustering_runs):
    with pytest.raises(ServicePermissionDenied):
        _create(world, actor=world.people[person])
    assert not Signal.objects.exists() and not clustering_runs


def test_department_must_belong_to_the_city_and_errors_are_translated(world):
    with translation.override("sv"), pytest.raises(ServiceValidationError) as exc:
        _create(world, department=world.vantaa_department)
    assert exc.value.field == "department"
    with translation.override("sv"):
        expected = gettext("Choose a department of %(city)s.") % {"city": world.espoo}
    assert str(exc.value.message) == expected
    assert "Esbo" in expected  # the city's name in Swedish: the message was made in the active language


@pytest.mark.parametrize(
    "field,value,code",
    [
        ("title", "", "required"),
        ("title", "x" * 201, "too_long"),
        ("language", "de", "unknown_language"),
        ("evidence_url", "javascript:alert(1)", "invalid_url"),
        ("latitude", "pohjoinen", "invalid_latitude"),
        ("source", "resident", "unknown_source"),
        ("observed_at", timezone.now() + timedelta(days=3), "observed_in_future"),
    ],
)
def test_invalid_values_are_refused_with_nothing_saved(world, field, value, code):
    extra = {field: value}
    if field == "latitude":
        extra["longitude"] = "24.6"
    with pytest.raises(ServiceValidationError) as exc:
        _create(world, **extra)
    assert exc.value.code == code
    assert not Signal.objects.exists() and not AuditEvent.objects.filter(target_type="signals.signal").exists()


def test_only_one_coordinate_is_refused(world):
    with pytest.raises(ServiceValidationError) as exc:
        _create(world, latitude="60.2")
    assert exc.value.code == "coordinates_incomplete"


def test_edit_by_the_citys_editor_reclusters_and_audits_field_names_only(world, clustering_runs):
    signal = _create(world)
    clustering_runs.clear()
    services.signal_update(
        actor=world.people["espoo_owner"],
        signal=signal,
        text="Uusi kuvaus: valot puuttuvat.",
        department=world.education,
    )
    signal.refresh_from_db()
    assert signal.text == "Uusi kuvaus: valot puuttuvat." and signal.department == world.education
    event = AuditEvent.objects.for_object(signal).filter(action="updated").get()
    assert event.data["fields"] == ["department", "text"]
    assert event.changes == {"department": {"old": None, "new": world.education.pk}}
    assert "valot puuttuvat" not in _events_text(signal)
    assert len(clustering_runs) == 1


def test_edit_without_changes_writes_nothing(world, clustering_runs):
    signal = _create(world)
    clustering_runs.clear()
    services.signal_update(actor=world.people["espoo_owner"], signal=signal, title=signal.title)
    assert AuditEvent.objects.for_object(signal).count() == 1 and not clustering_runs


@pytest.mark.parametrize("person", ["espoo_member", "vantaa_owner", "outsider"])
def test_only_the_citys_editors_edit(world, person):
    signal = _create(world)
    with pytest.raises(ServicePermissionDenied):
        services.signal_update(actor=world.people[person], signal=signal, title="Kaapattu")
    signal.refresh_from_db()
    assert signal.title == "Koulumatkan valaistus puuttuu"


def test_moving_a_signal_needs_editing_rights_in_both_cities(world):
    signal = _create(world)
    with pytest.raises(ServicePermissionDenied):
        services.signal_update(actor=world.people["espoo_owner"], signal=signal, city=world.vantaa)
    moved = services.signal_update(
        actor=world.people["platform_admin"], signal=signal, city=world.vantaa, department=world.vantaa_department
    )
    assert moved.city == world.vantaa and moved.department == world.vantaa_department


def _suggest(world, actor=None, **extra):
    kwargs = {
        "city": world.espoo,
        "title": "Leikkipuistoon varjoa",
        "text": "Hiekkalaatikolla on kesällä kuuma.",
        "language": "sv",
        **extra,
    }
    return services.signal_suggest(actor=actor or world.people["outsider"], **kwargs)


def test_a_suggestion_waits_for_moderation_and_is_not_clustered(world, clustering_runs):
    signal = _suggest(world, theme=world.themes[0], location_name="Otsolahti")
    assert (signal.status, signal.source, signal.language) == ("pending", "resident", "sv")
    assert list(signal.themes.all()) == [world.themes[0]]
    assert not clustering_runs
    assert Signal.objects.accepted().count() == 0


def test_anonymous_cannot_suggest(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ServicePermissionDenied):
        _suggest(world, actor=AnonymousUser())


def test_suggestions_are_limited_per_day(world):
    now = timezone.now()
    for n in range(services.MAX_SUGGESTIONS_PER_DAY):
        _suggest(world, title=f"Tarve {n}", now=now)
    with pytest.raises(ServiceConflict) as exc:
        _suggest(world, title="Yksi liikaa", now=now)
    assert exc.value.code == "too_many_suggestions"
    assert Signal.objects.count() == services.MAX_SUGGESTIONS_PER_DAY
    # Another person is not affected, and the same person may suggest again a day later.
    _suggest(world, actor=world.people["company_admin"], title="Toisen ehdotus", now=now)
    Signal.objects.filter(author=world.people["outsider"]).update(created_at=now - timedelta(hours=25))
    _suggest(world, title="Seuraavana päivänä", now=now)


def test_the_same_pending_suggestion_twice_is_refused(world):
    _suggest(world)
    with pytest.raises(ServiceConflict):
        _suggest(world, title="LEIKKIPUISTOON VARJOA")


def test_a_suggestion_needs_a_real_description(world):
    with pytest.raises(ServiceValidationError) as exc:
        _suggest(world, text="kuuma")
    assert (exc.value.code, exc.value.field) == ("too_short", "text")


def test_accepting_tells_the_resident_and_clusters(world, clustering_runs):
    signal = _suggest(world)
    services.signal_moderate(actor=world.people["espoo_owner"], signal=signal, decision="accept")
    signal.refresh_from_db()
    assert signal.status == "accepted" and signal.moderated_by == world.people["espoo_owner"]
    note = Notification.objects.get()
    assert (note.user, note.kind) == (world.people["outsider"], "signals.accepted")
    assert note.url.endswith(f"#s{signal.pk}")
    assert len(clustering_runs) == 1


def test_rejecting_needs_a_reason_shown_only_to_the_resident(world, clustering_runs):
    signal = _suggest(world)
    with pytest.raises(ServiceValidationError):
        services.signal_moderate(actor=world.people["espoo_owner"], signal=signal, decision="reject", reason=" ")
    reason = "Asia on jo työn alla puistosuunnitelmassa."
    services.signal_moderate(actor=world.people["espoo_owner"], signal=signal, decision="reject", reason=reason)
    signal.refresh_from_db()
    assert (signal.status, signal.moderation_reason) == ("rejected", reason)
    notes = list(Notification.objects.all())
    assert [(n.user, n.kind) for n in notes] == [(world.people["outsider"], "signals.rejected")]
    assert reason in notes[0].body
    assert reason not in _events_text(signal) and "Leikkipuistoon" not in _events_text(signal)
    assert not clustering_runs


def test_moderation_is_once_and_only_by_the_citys_editors(world):
    signal = _suggest(world)
    for person in ("vantaa_owner", "espoo_member", "outsider"):
        with pytest.raises(ServicePermissionDenied):
            services.signal_moderate(actor=world.people[person], signal=signal, decision="accept")
    services.signal_moderate(actor=world.people["espoo_admin"], signal=signal, decision="accept")
    with pytest.raises(ServiceConflict):
        services.signal_moderate(actor=world.people["espoo_owner"], signal=signal, decision="reject", reason="Ei.")
    with pytest.raises(ServiceValidationError):
        services.signal_moderate(
            actor=world.people["espoo_owner"], signal=make_signal(world, status="pending"), decision="maybe"
        )


def test_the_source_of_an_imported_signal_cannot_be_changed(world):
    signal = make_signal(world, source="open311", external_source="open311", external_id="1")
    with pytest.raises(ServiceValidationError) as exc:
        services.signal_update(actor=world.people["espoo_owner"], signal=signal, source="expert")
    assert exc.value.field == "source"


def test_pending_suggestions_are_neither_embedded_nor_clustered_until_accepted(world):
    from haastemoottori.signals.clustering import cluster_pending

    text = "Koulun pihalla ei ole varjoa, ja lapset ovat kesällä auringossa koko välitunnin."
    first = _suggest(world, title="Koulun pihalle varjoa", text=text)
    second = _suggest(world, actor=world.people["company_admin"], title="Koulun pihalle varjoa", text=text)
    cluster_pending()
    for signal in (first, second):
        signal.refresh_from_db()
        assert signal.cluster_id is None and signal.embedding is None
    for signal in (first, second):
        services.signal_moderate(actor=world.people["espoo_owner"], signal=signal, decision="accept")
    cluster_pending()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.cluster_id is not None and first.cluster_id == second.cluster_id
    assert first.cluster.signal_count == 2
