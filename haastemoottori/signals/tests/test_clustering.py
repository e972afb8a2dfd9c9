"""Clustering in the database: embedding only what changed, placing new signals, keeping counts right, and the
full rebuild that spares what staff curated. The cheap hashing embedder of the test settings shares stemmed
words only, so similar signals here share words; the cross-lingual test with the real model is in
test_clustering_e5.py."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from haastemoottori.search.embeddings import get_embedder
from haastemoottori.signals import clustering
from haastemoottori.signals.embedding import signal_hash
from haastemoottori.signals.models import Signal, SignalCluster

from .conftest import make_signal

MOULD_1 = ("Koulun sisäilma ja home", "Oppilaat oireilevat koulun homeen takia.")
MOULD_2 = ("Homeongelma koulussa", "Koulun sisäilma: oireilevat oppilaat homeen takia.")
PLOUGH_1 = ("Pyörätiet aurataan myöhään", "Pyörätiet aurataan talvella liian myöhään aamulla.")
PLOUGH_2 = ("Pyöräteiden auraus", "Talvella pyörätiet aurataan myöhään.")
ALGAE = ("Sinilevää uimarannalla", "Rannalla oli sinilevää.")


def add(world, texts, **extra) -> Signal:
    title, text = texts
    return make_signal(world, title=title, text=text, **extra)


def cluster_of(signal: Signal):
    signal.refresh_from_db()
    return signal.cluster


@pytest.fixture
def two_needs(world):
    now = timezone.now()
    signals = {
        "mould_espoo": add(world, MOULD_1, department=world.education, observed_at=now - timedelta(days=3)),
        "mould_vantaa": add(
            world, MOULD_2, city=world.vantaa, department=world.vantaa_department, observed_at=now - timedelta(days=1)
        ),
        "plough_1": add(world, PLOUGH_1, department=world.environment, observed_at=now - timedelta(days=5)),
        "plough_2": add(world, PLOUGH_2, department=world.environment, observed_at=now - timedelta(days=2)),
        "algae": add(world, ALGAE, observed_at=now),
    }
    assert clustering.cluster_pending() == 5
    for s in signals.values():
        s.refresh_from_db()
    return signals


def test_similar_signals_form_clusters_and_a_lone_one_stays_out(two_needs):
    s = two_needs
    assert s["mould_espoo"].cluster_id and s["mould_espoo"].cluster_id == s["mould_vantaa"].cluster_id
    assert s["plough_1"].cluster_id and s["plough_1"].cluster_id == s["plough_2"].cluster_id
    assert s["mould_espoo"].cluster_id != s["plough_1"].cluster_id
    assert s["algae"].cluster_id is None
    assert SignalCluster.objects.count() == 2
    for signal in s.values():
        assert signal.embedding_model == get_embedder().name
        assert signal.embedding_hash == signal_hash(signal)
        assert not signal.cluster_pinned


def test_counts_and_the_cross_boundary_flag(two_needs):
    mould = two_needs["mould_espoo"].cluster
    plough = two_needs["plough_1"].cluster
    assert (mould.signal_count, mould.city_count, mould.department_count) == (2, 2, 2)
    assert mould.latest_signal_at == two_needs["mould_vantaa"].observed_at
    assert mould.is_cross_boundary
    assert (plough.signal_count, plough.city_count, plough.department_count) == (2, 1, 1)
    assert not plough.is_cross_boundary
    assert plough.central_signal_id in (two_needs["plough_1"].pk, two_needs["plough_2"].pk)
    assert plough.label == plough.central_signal.title  # no name: the most central signal's title


def test_nothing_is_embedded_twice(two_needs, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "haastemoottori.signals.clustering.embed_texts",
        lambda texts: calls.append(texts) or pytest.fail("embedded again"),
    )
    assert clustering.cluster_pending() == 0
    assert calls == []


def test_a_new_signal_joins_the_cluster_of_its_need(two_needs, world):
    mould = two_needs["mould_espoo"].cluster
    third = add(world, ("Koulun home", "Oppilaat oireilevat koulun sisäilman ja homeen takia."), city=world.helsinki)
    assert clustering.cluster_pending() == 1
    assert cluster_of(third) == mould
    mould.refresh_from_db()
    assert (mould.signal_count, mould.city_count) == (3, 3)


def test_a_second_signal_about_the_lone_need_forms_a_cluster_with_it(two_needs, world):
    other = add(world, ("Sinilevää rannalla", "Uimarannalla oli taas sinilevää."))
    clustering.cluster_pending()
    assert cluster_of(other) is not None
    assert cluster_of(other) == cluster_of(two_needs["algae"])
    assert cluster_of(other).signal_count == 2


def test_an_edited_signal_is_embedded_again_and_moves(two_needs):
    signal = two_needs["plough_2"]
    old_cluster = signal.cluster
    signal.title, signal.text = "Homeongelma koulussa", "Koulun sisäilma ja home: oppilaat oireilevat."
    signal.save()
    assert clustering.cluster_pending() == 1
    assert cluster_of(signal) == two_needs["mould_espoo"].cluster
    # the cluster it left had only one signal more: an automatic cluster of one dissolves
    assert not SignalCluster.objects.filter(pk=old_cluster.pk).exists()
    assert cluster_of(two_needs["plough_1"]) is None


def test_a_pinned_signal_stays_where_staff_put_it(two_needs):
    signal = two_needs["plough_2"]
    Signal.objects.filter(pk=signal.pk).update(
        cluster_pinned=True, title="Sinilevää uimarannalla", text="Rannalla oli sinilevää."
    )
    clustering.cluster_pending()
    assert cluster_of(signal) == two_needs["plough_1"].cluster


def test_a_rejected_signal_leaves_its_cluster_and_the_counts_follow(two_needs, world):
    third = add(world, ("Koulun home", "Oppilaat oireilevat koulun sisäilman ja homeen takia."), city=world.helsinki)
    clustering.cluster_pending()
    mould = cluster_of(third)
    Signal.objects.filter(pk=third.pk).update(status=Signal.Status.REJECTED)
    clustering.cluster_pending()
    assert cluster_of(third) is None
    mould.refresh_from_db()
    assert (mould.signal_count, mould.city_count) == (2, 2)


def test_a_department_changed_elsewhere_is_counted(two_needs, world):
    plough = two_needs["plough_1"].cluster
    Signal.objects.filter(pk=two_needs["plough_2"].pk).update(department=world.education)
    clustering.cluster_pending()
    plough.refresh_from_db()
    assert plough.department_count == 2
    assert plough.is_cross_boundary


def test_a_new_embedding_model_re_embeds_but_keeps_the_clusters(two_needs):
    Signal.objects.update(embedding_model="some-older-model")
    assert clustering.cluster_pending() == 5
    assert cluster_of(two_needs["mould_espoo"]) == cluster_of(two_needs["mould_vantaa"])
    assert SignalCluster.objects.count() == 2


def test_rebuild_spares_curated_clusters_and_pinned_signals(two_needs, world):
    mould = two_needs["mould_espoo"].cluster
    plough = two_needs["plough_1"].cluster
    # staff curated the mould cluster with an unrelated signal in it, and took one plough signal out
    SignalCluster.objects.filter(pk=mould.pk).update(curated=True, name={"fi": "Koulujen sisäilma"})
    Signal.objects.filter(pk=two_needs["algae"].pk).update(cluster=mould, cluster_pinned=True)
    Signal.objects.filter(pk=two_needs["plough_2"].pk).update(cluster=None, cluster_pinned=True)
    result = clustering.rebuild()
    assert result.signals == 5
    assert result.kept == 1
    assert set(Signal.objects.filter(cluster=mould).values_list("pk", flat=True)) == {
        two_needs["mould_espoo"].pk,
        two_needs["mould_vantaa"].pk,
        two_needs["algae"].pk,
    }
    assert cluster_of(two_needs["plough_2"]) is None  # pinned out: stays out
    # plough_1 alone now: its automatic cluster dissolved
    assert cluster_of(two_needs["plough_1"]) is None
    assert not SignalCluster.objects.filter(pk=plough.pk).exists()
    mould.refresh_from_db()
    assert mould.signal_count == 3 and mould.name == {"fi": "Koulujen sisäilma"}


def test_rebuild_regroups_automatic_clusters_and_keeps_their_numbers(two_needs):
    mould = two_needs["mould_espoo"].cluster
    # a wrong automatic assignment: the algae signal in the mould cluster
    Signal.objects.filter(pk=two_needs["algae"].pk).update(cluster=mould)
    result = clustering.rebuild()
    assert cluster_of(two_needs["algae"]) is None
    assert cluster_of(two_needs["mould_espoo"]).pk == mould.pk  # most of the group was in it: same number
    assert result.clusters == 2 and result.unclustered == 1


def test_the_command_rebuilds_and_reports(two_needs, capsys):
    Signal.objects.update(cluster=None)
    SignalCluster.objects.all().delete()
    call_command("cluster_signals", "--rebuild", "--no-progress")
    out = capsys.readouterr().out
    assert SignalCluster.objects.count() == 2
    assert "2" in out and "clusters" in out


def test_the_command_without_rebuild_places_pending_signals(world, capsys):
    a, b = add(world, PLOUGH_1), add(world, PLOUGH_2)
    call_command("cluster_signals", "--no-progress")
    assert cluster_of(a) is not None and cluster_of(a) == cluster_of(b)


def test_two_automatic_clusters_of_one_need_merge_when_the_next_signal_arrives(world):
    signals = [add(world, MOULD_1), add(world, MOULD_2), add(world, MOULD_1), add(world, MOULD_2)]
    clustering.cluster_pending()
    first = cluster_of(signals[0])
    second = SignalCluster.objects.create(embedding_model=first.embedding_model)
    Signal.objects.filter(pk__in=[signals[2].pk, signals[3].pk]).update(cluster=second)
    clustering.refresh_clusters([first.pk, second.pk])
    assert SignalCluster.objects.count() == 2
    fifth = add(world, ("Koulun home", "Oppilaat oireilevat koulun sisäilman ja homeen takia."))
    clustering.cluster_pending()
    assert SignalCluster.objects.count() == 1
    assert {cluster_of(s) for s in [*signals, fifth]} == {SignalCluster.objects.get()}
    assert SignalCluster.objects.get().signal_count == 5


def test_a_curated_cluster_is_not_absorbed_by_another(world):
    signals = [add(world, MOULD_1), add(world, MOULD_2), add(world, MOULD_1), add(world, MOULD_2)]
    clustering.cluster_pending()
    first = cluster_of(signals[0])
    second = SignalCluster.objects.create(embedding_model=first.embedding_model, curated=True)
    Signal.objects.filter(pk__in=[signals[2].pk, signals[3].pk]).update(cluster=second, cluster_pinned=True)
    SignalCluster.objects.filter(pk=first.pk).update(curated=True)
    clustering.refresh_clusters([first.pk, second.pk])
    add(world, ("Koulun home", "Oppilaat oireilevat koulun sisäilman ja homeen takia."))
    clustering.cluster_pending()
    assert SignalCluster.objects.count() == 2


def test_the_threshold_can_be_set(settings):
    from haastemoottori.signals.embedding import current_space

    assert current_space().threshold == 0.3  # the hashing embedder's own
    settings.HAASTEMOOTTORI_SIGNAL_CLUSTER_SIMILARITY = 0.55
    assert current_space().threshold == 0.55
