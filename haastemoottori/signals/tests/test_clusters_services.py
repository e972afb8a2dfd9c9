"""Staff curation of clusters: rename, merge, split, move; each marks clusters curated, pins what it moved, keeps
the counts right, is audited, refuses bad input with a translated message and changes nothing then."""

import pytest
from django.utils.translation import gettext

from haastemoottori.audit.models import AuditEvent
from haastemoottori.backlog.models import Candidate
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.signals import clustering
from haastemoottori.signals.models import Signal, SignalCluster
from haastemoottori.signals.services import clusters as services

from .conftest import ROLE_PEOPLE
from .test_clustering import ALGAE, MOULD_1, MOULD_2, PLOUGH_1, PLOUGH_2, add


@pytest.fixture
def c(world):
    """Two automatic clusters (mould: Espoo + Vantaa; plough: Espoo) and a lone signal."""
    s = {
        "mould_espoo": add(world, MOULD_1, department=world.education),
        "mould_vantaa": add(world, MOULD_2, city=world.vantaa, department=world.vantaa_department),
        "plough_1": add(world, PLOUGH_1, department=world.environment),
        "plough_2": add(world, PLOUGH_2, department=world.environment),
        "algae": add(world, ALGAE),
    }
    clustering.cluster_pending()
    for signal in s.values():
        signal.refresh_from_db()
    world.s = s
    world.mould, world.plough = s["mould_espoo"].cluster, s["plough_1"].cluster
    assert world.mould and world.plough and world.mould != world.plough and s["algae"].cluster is None
    world.editor = world.people["espoo_owner"]
    return world


def members(cluster) -> set[int]:
    return set(Signal.objects.filter(cluster=cluster).values_list("pk", flat=True))


def fresh(cluster) -> SignalCluster:
    return SignalCluster.objects.get(pk=cluster.pk)


def events(action: str):
    return AuditEvent.objects.filter(action=action)


# ---- rename -----------------------------------------------------------------------------------------------


def test_rename_names_the_cluster_and_marks_it_curated(c):
    services.cluster_rename(actor=c.editor, cluster=c.mould, name={"fi": "Koulujen sisäilma", "sv": "Inomhusluft"})
    cluster = fresh(c.mould)
    assert cluster.name == {"fi": "Koulujen sisäilma", "sv": "Inomhusluft"}
    assert cluster.curated
    assert cluster.label == "Koulujen sisäilma"
    event = events("cluster_renamed").get()
    assert event.actor == c.editor and not event.is_public and event.target_id == str(cluster.pk)


def test_an_empty_name_shows_the_most_central_signal_again(c):
    services.cluster_rename(actor=c.editor, cluster=c.mould, name={"fi": "Nimi"})
    services.cluster_rename(actor=c.editor, cluster=c.mould, name={"fi": "  ", "sv": ""})
    cluster = fresh(c.mould)
    assert cluster.name == {}
    assert cluster.label == cluster.central_signal.title


def test_a_too_long_name_is_refused_and_nothing_changes(c):
    with pytest.raises(ServiceValidationError) as exc:
        services.cluster_rename(actor=c.editor, cluster=c.mould, name={"fi": "x" * 201})
    assert exc.value.message == gettext("A name can be at most %(n)s characters.") % {"n": 200}
    assert fresh(c.mould).name == {} and not fresh(c.mould).curated


def test_a_name_in_an_unknown_language_is_refused(c):
    with pytest.raises(ServiceValidationError):
        services.cluster_rename(actor=c.editor, cluster=c.mould, name={"xx": "Nimi"})
    assert not fresh(c.mould).curated


# ---- merge ------------------------------------------------------------------------------------------------


def test_merge_moves_every_signal_and_removes_the_other_cluster(c):
    moved = members(c.plough)
    merged = services.cluster_merge(actor=c.editor, cluster=c.mould, others=[c.plough.pk])
    assert merged.pk == c.mould.pk
    assert members(c.mould) == moved | {c.s["mould_espoo"].pk, c.s["mould_vantaa"].pk}
    assert not SignalCluster.objects.filter(pk=c.plough.pk).exists()
    assert set(Signal.objects.filter(cluster_pinned=True).values_list("pk", flat=True)) == moved
    assert (merged.signal_count, merged.city_count, merged.department_count) == (4, 2, 3)
    assert merged.curated
    assert events("clusters_merged").get().data["merged"] == [c.plough.pk]


def test_merge_keeps_a_candidates_provenance(c, make_challenge):
    candidate = Candidate.objects.create(challenge=make_challenge(), cluster=c.plough)
    services.cluster_merge(actor=c.editor, cluster=c.mould, others=[c.plough])
    candidate.refresh_from_db()
    assert candidate.cluster_id == c.mould.pk


def test_merge_takes_the_others_name_when_it_has_none(c):
    services.cluster_rename(actor=c.editor, cluster=c.plough, name={"sv": "Plogning"})
    merged = services.cluster_merge(actor=c.editor, cluster=c.mould, others=[c.plough])
    assert merged.name == {"sv": "Plogning"}


@pytest.mark.parametrize("others", [[], ["self"], ["abc"], [999999]])
def test_merge_refuses_bad_choices_and_changes_nothing(c, others):
    others = [c.mould.pk if o == "self" else o for o in others]
    before = {s.pk: s.cluster_id for s in Signal.objects.all()}
    with pytest.raises(ServiceValidationError):
        services.cluster_merge(actor=c.editor, cluster=c.mould, others=others)
    assert {s.pk: s.cluster_id for s in Signal.objects.all()} == before
    assert SignalCluster.objects.filter(curated=True).count() == 0


def test_acting_on_a_cluster_that_is_gone_is_a_conflict(c):
    gone = SignalCluster(pk=c.plough.pk)
    services.cluster_merge(actor=c.editor, cluster=c.mould, others=[c.plough])
    with pytest.raises(ServiceConflict):
        services.cluster_rename(actor=c.editor, cluster=gone, name={"fi": "x"})


# ---- split and move ---------------------------------------------------------------------------------------


def test_split_moves_the_chosen_signals_to_a_new_curated_cluster(c):
    chosen = c.s["mould_vantaa"]
    new = services.cluster_split(actor=c.editor, cluster=c.mould, signals=[chosen.pk], name={"fi": "Vantaa"})
    assert members(new) == {chosen.pk}
    assert members(c.mould) == {c.s["mould_espoo"].pk}
    chosen.refresh_from_db()
    assert chosen.cluster_pinned
    assert new.curated and fresh(c.mould).curated
    assert (new.signal_count, new.city_count, new.name) == (1, 1, {"fi": "Vantaa"})
    assert (fresh(c.mould).signal_count, fresh(c.mould).city_count) == (1, 1)
    assert not fresh(c.mould).is_cross_boundary


@pytest.mark.parametrize(
    "choice, message",
    [
        ("none", "Choose at least one signal."),
        ("other_cluster", "Some of the chosen signals are not in this cluster."),
        ("all", "Leave at least one signal in this cluster. To name the group, rename the cluster instead."),
    ],
)
def test_split_refuses_bad_choices(c, choice, message):
    signals = {"none": [], "other_cluster": [c.s["mould_espoo"].pk, c.s["plough_1"].pk], "all": list(members(c.mould))}[
        choice
    ]
    with pytest.raises(ServiceValidationError) as exc:
        services.cluster_split(actor=c.editor, cluster=c.mould, signals=signals)
    assert exc.value.message == gettext(message)
    assert SignalCluster.objects.count() == 2 and not Signal.objects.filter(cluster_pinned=True).exists()


def test_move_a_signal_to_another_cluster(c):
    signal = c.s["plough_1"]
    assert services.signal_move(actor=c.editor, signal=signal, target=c.mould) == 1
    signal.refresh_from_db()
    assert signal.cluster_id == c.mould.pk and signal.cluster_pinned
    assert fresh(c.mould).signal_count == 3
    # the plough cluster keeps its other signal: it is curated now
    assert fresh(c.plough).signal_count == 1 and fresh(c.plough).curated


def test_move_out_of_any_cluster_and_the_emptied_cluster_goes(c):
    services.signals_move(actor=c.editor, signals=members(c.plough), source=c.plough, target=None)
    assert not SignalCluster.objects.filter(pk=c.plough.pk).exists()
    assert set(Signal.objects.filter(cluster__isnull=True, cluster_pinned=True).values_list("pk", flat=True)) == {
        c.s["plough_1"].pk,
        c.s["plough_2"].pk,
    }


def test_a_lone_signal_can_be_moved_into_a_cluster(c):
    services.signal_move(actor=c.editor, signal=c.s["algae"], target=c.plough)
    assert c.s["algae"].pk in members(c.plough)


def test_move_refuses_the_same_cluster_and_signals_of_other_clusters(c):
    with pytest.raises(ServiceValidationError):
        services.signals_move(actor=c.editor, signals=[c.s["plough_1"].pk], source=c.plough, target=c.plough)
    with pytest.raises(ServiceValidationError):
        services.signals_move(actor=c.editor, signals=[c.s["mould_espoo"].pk], source=c.plough, target=c.mould)
    assert members(c.plough) == {c.s["plough_1"].pk, c.s["plough_2"].pk}


def test_curated_clusters_survive_a_rebuild(c):
    new = services.cluster_split(actor=c.editor, cluster=c.mould, signals=[c.s["mould_vantaa"].pk])
    services.cluster_rename(actor=c.editor, cluster=c.plough, name={"fi": "Auraus"})
    clustering.rebuild()
    # automatic clustering would put the two mould signals together again; staff split them, so they stay apart
    assert members(c.mould) == {c.s["mould_espoo"].pk}
    assert members(new) == {c.s["mould_vantaa"].pk}
    assert members(c.plough) == {c.s["plough_1"].pk, c.s["plough_2"].pk}
    assert fresh(c.plough).name == {"fi": "Auraus"}


# ---- who may curate ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("resident", False),
        ("company_member", False),
        ("city_member", False),
        ("other_city_editor", True),
        ("city_editor", True),
        ("platform_admin", True),
    ],
)
def test_only_editors_and_platform_admins_curate(c, role, allowed):
    actor = c.people[ROLE_PEOPLE[role]]
    if allowed:
        services.cluster_rename(actor=actor, cluster=c.mould, name={"fi": "Nimi"})
        assert fresh(c.mould).name == {"fi": "Nimi"}
    else:
        for call in (
            lambda: services.cluster_rename(actor=actor, cluster=c.mould, name={"fi": "Nimi"}),
            lambda: services.cluster_merge(actor=actor, cluster=c.mould, others=[c.plough]),
            lambda: services.cluster_split(actor=actor, cluster=c.mould, signals=[c.s["mould_vantaa"].pk]),
            lambda: services.signal_move(actor=actor, signal=c.s["plough_1"], target=None),
        ):
            with pytest.raises(ServicePermissionDenied):
                call()
        assert SignalCluster.objects.filter(curated=True).count() == 0
        assert members(c.mould) == {c.s["mould_espoo"].pk, c.s["mould_vantaa"].pk}
