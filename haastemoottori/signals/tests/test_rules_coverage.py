"""Each named permission of signals and clusters: who is allowed, who is refused, and the service or page that
enforces it. Signals are read by the staff of every city; each city's editors change, moderate and import their
own; anyone signed in may suggest; an editor of any city curates the clusters."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conftest import make_org, make_user
from haastemoottori.core.errors import ServicePermissionDenied
from haastemoottori.organisations.models import Membership
from haastemoottori.signals.models import Signal, SignalCluster, SignalImport
from haastemoottori.signals.services import clusters as cluster_services
from haastemoottori.signals.services import imports as import_services
from haastemoottori.signals.services import signals as signal_services
from haastemoottori.signals.services import suggestions as suggestion_services

from .conftest import FIXTURES, make_signal
from .test_clusters_services import c  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


def _user(world, who):
    return ANONYMOUS if who == "anonymous" else world.people[who]


@pytest.fixture
def people(world):
    """The region's people, a member of a public body and a deactivated resident."""
    world.hsy = make_org("hsy", kind="public", name={"fi": "HSY"})
    world.people["public_body_member"] = make_user("member@hsy.test", world.hsy, Membership.Role.MEMBER)
    world.people["deactivated"] = make_user("gone@example.test", is_active=False)
    return world


@pytest.fixture
def pending(world):
    return make_signal(
        world,
        status=Signal.Status.PENDING,
        source=Signal.Source.RESIDENT,
        author=world.people["outsider"],
        title="Katuvalo rikki",
    )


# ---- signals.view_signals (no object) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_member", True),
        ("espoo_evaluator", True),
        ("vantaa_member", True),
        ("helsinki_owner", True),
        ("public_body_member", True),
        ("platform_admin", True),
        ("company_admin", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_view_signals(people, who, allowed):
    assert _user(people, who).has_perm("signals.view_signals") is allowed


def test_view_signals_is_enforced(client, people):
    make_signal(people, title="Valaistus puuttuu")
    client.force_login(people.people["company_admin"])
    assert client.get(reverse("signals:list")).status_code == 403
    assert client.get(reverse("signals:cluster-list")).status_code == 403
    client.force_login(people.people["vantaa_member"])  # signals cross city lines for the staff
    response = client.get(reverse("signals:list"))
    assert response.status_code == 200 and "Valaistus puuttuu" in response.content.decode()


# ---- signals.add_signal (the city) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_member", True),
        ("espoo_evaluator", True),
        ("espoo_owner", True),
        ("platform_admin", True),
        ("vantaa_owner", False),
        ("helsinki_owner", False),  # staff of another city
        ("company_admin", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_add_signal_in_espoo(people, who, allowed):
    assert _user(people, who).has_perm("signals.add_signal", people.espoo) is allowed


def test_add_signal_in_a_public_body_and_not_in_a_company(people):
    assert people.people["public_body_member"].has_perm("signals.add_signal", people.hsy)
    assert not people.people["company_admin"].has_perm("signals.add_signal", people.company)


def test_add_signal_is_enforced(people, clustering_runs):
    with pytest.raises(ServicePermissionDenied):
        signal_services.signal_create(
            actor=people.people["vantaa_owner"],
            city=people.espoo,
            source="expert",
            title="Vantaan havainto Espoosta",
            language="fi",
        )
    assert not Signal.objects.exists()
    signal = signal_services.signal_create(
        actor=people.people["espoo_member"],
        city=people.espoo,
        source="expert",
        title="Koulumatkan valaistus",
        language="fi",
    )
    assert signal.status == Signal.Status.ACCEPTED and signal.author == people.people["espoo_member"]


# ---- signals.change_signal (the signal, or the city it moves to) ----------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_admin", True),
        ("platform_admin", True),
        ("espoo_member", False),
        ("espoo_evaluator", False),  # staff who read but do not edit
        ("vantaa_owner", False),
        ("company_admin", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_change_signal(world, who, allowed):
    signal = make_signal(world)
    assert _user(world, who).has_perm("signals.change_signal", signal) is allowed


def test_change_signal_is_enforced(world, clustering_runs):
    signal = make_signal(world, title="Alkuperäinen")
    with pytest.raises(ServicePermissionDenied):
        signal_services.signal_update(actor=world.people["espoo_member"], signal=signal, title="Muutettu")
    # An Espoo editor may not move the signal to a city whose signals they do not edit.
    assert not world.people["espoo_owner"].has_perm("signals.change_signal", world.helsinki)
    with pytest.raises(ServicePermissionDenied):
        signal_services.signal_update(actor=world.people["espoo_owner"], signal=signal, city=world.helsinki)
    signal.refresh_from_db()
    assert signal.title == "Alkuperäinen" and signal.city == world.espoo
    signal_services.signal_update(actor=world.people["espoo_owner"], signal=signal, title="Muutettu")
    signal.refresh_from_db()
    assert signal.title == "Muutettu"


# ---- signals.moderate_signal (the pending suggestion) ---------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_admin", True),
        ("platform_admin", True),
        ("outsider", False),  # the resident who suggested it
        ("espoo_member", False),
        ("vantaa_owner", False),
        ("company_admin", False),
        ("anonymous", False),
    ],
)
def test_moderate_signal(world, pending, who, allowed):
    assert _user(world, who).has_perm("signals.moderate_signal", pending) is allowed


def test_moderate_signal_is_enforced(client, world, pending):
    with pytest.raises(ServicePermissionDenied):
        suggestion_services.signal_moderate(actor=world.people["vantaa_owner"], signal=pending, decision="accept")
    pending.refresh_from_db()
    assert pending.status == Signal.Status.PENDING
    url, data = reverse("signals:moderate", args=[pending.pk]), {f"m{pending.pk}-decision": "accept"}
    client.force_login(world.people["espoo_member"])  # moderates nowhere
    assert client.post(url, data).status_code == 403
    client.force_login(world.people["vantaa_owner"])  # moderates Vantaa's suggestions, not Espoo's
    assert client.post(url, data).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Signal.Status.PENDING
    client.force_login(world.people["espoo_owner"])
    assert client.post(url, data).status_code == 302
    pending.refresh_from_db()
    assert pending.status == Signal.Status.ACCEPTED


# ---- signals.import_signals (the city) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_admin", True),
        ("platform_admin", True),
        ("espoo_member", False),
        ("vantaa_owner", False),
        ("company_admin", False),
        ("anonymous", False),
    ],
)
def test_import_signals_in_espoo(world, who, allowed):
    assert _user(world, who).has_perm("signals.import_signals", world.espoo) is allowed


def test_import_signals_is_enforced(world):
    data = (FIXTURES / "signals.csv").read_bytes()
    for who in ("espoo_member", "vantaa_owner"):
        with pytest.raises(ServicePermissionDenied):
            import_services.signal_import_start(
                actor=world.people[who], city=world.espoo, fmt="csv", file_name="a.csv", data=data, background=False
            )
    assert not SignalImport.objects.exists()
    run = import_services.signal_import_start(
        actor=world.people["espoo_owner"], city=world.espoo, fmt="csv", file_name="a.csv", data=data, background=False
    )
    with pytest.raises(ServicePermissionDenied):
        import_services.signal_import_resume(actor=world.people["vantaa_owner"], import_run=run)


# ---- signals.suggest (no object) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("outsider", True), ("company_admin", True), ("espoo_member", True), ("deactivated", False), ("anonymous", False)],
)
def test_suggest(people, who, allowed):
    assert _user(people, who).has_perm("signals.suggest") is allowed


def test_suggest_is_enforced(people):
    with pytest.raises(ServicePermissionDenied):
        suggestion_services.signal_suggest(
            actor=ANONYMOUS,
            city=people.espoo,
            title="Katuvalo rikki",
            text="Katuvalo on ollut rikki viikon.",
            language="fi",
        )
    assert not Signal.objects.exists()
    signal = suggestion_services.signal_suggest(
        actor=people.people["outsider"],
        city=people.espoo,
        title="Katuvalo rikki",
        text="Katuvalo on ollut rikki viikon.",
        language="fi",
    )
    assert signal.status == Signal.Status.PENDING


# ---- signals.curate_clusters (no object) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("vantaa_owner", True),
        ("helsinki_owner", True),
        ("platform_admin", True),
        ("espoo_member", False),
        ("espoo_evaluator", False),  # city staff who read the clusters
        ("company_admin", False),  # an admin, but of a company
        ("public_body_member", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_curate_clusters(people, who, allowed):
    assert _user(people, who).has_perm("signals.curate_clusters") is allowed


def test_curate_clusters_is_enforced(client, c):  # noqa: F811
    name = SignalCluster.objects.get(pk=c.mould.pk).name
    with pytest.raises(ServicePermissionDenied):
        cluster_services.cluster_rename(actor=c.people["espoo_member"], cluster=c.mould, name={"fi": "Sisäilma"})
    client.force_login(c.people["espoo_member"])
    response = client.post(reverse("signals:cluster-rename", args=[c.mould.pk]), {"name_fi": "Sisäilma"})
    assert response.status_code == 403
    assert SignalCluster.objects.get(pk=c.mould.pk).name == name
    # An editor of another city curates the region's clusters.
    cluster_services.cluster_rename(actor=c.people["vantaa_owner"], cluster=c.mould, name={"fi": "Sisäilma"})
    assert SignalCluster.objects.get(pk=c.mould.pk).name == {"fi": "Sisäilma"}
