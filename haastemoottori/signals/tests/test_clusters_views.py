"""The cluster pages: the list with the cross-boundary filter, a cluster with its signals, cities and
departments, and the curation forms; permissions per role, and no 500 on bad input."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from haastemoottori.signals.models import Signal, SignalCluster

from .conftest import ROLE_PEOPLE
from .test_clusters_services import c, members  # noqa: F401 (the fixture)

ROLES = ["anonymous", "resident", "company_member", "city_member", "other_city_editor", "city_editor", "platform_admin"]
VIEWERS = {"city_member", "other_city_editor", "city_editor", "platform_admin"}
CURATORS = {"other_city_editor", "city_editor", "platform_admin"}


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[ROLE_PEOPLE[role]])


def row(page: str, pk: int) -> str:
    """The table row of cluster ``pk`` on the list page."""
    link = reverse("signals:cluster-detail", args=[pk])
    return next(part for part in page.split("<tr>") if link in part)


@pytest.fixture
def editor(client, c):  # noqa: F811
    client.force_login(c.editor)
    return client


def test_the_list_flags_and_filters_cross_boundary_clusters(editor, c):  # noqa: F811
    page = editor.get(reverse("signals:cluster-list")).content.decode()
    assert f"#{c.mould.pk} " in page and f"#{c.plough.pk} " in page
    assert gettext("Cross-boundary") in row(page, c.mould.pk)
    assert gettext("Cross-boundary") not in row(page, c.plough.pk)
    filtered = editor.get(reverse("signals:cluster-list"), {"cross_boundary": "on"}).content.decode()
    assert f"#{c.mould.pk} " in filtered and f"#{c.plough.pk} " not in filtered
    by_city = editor.get(reverse("signals:cluster-list"), {"city": "vantaa"}).content.decode()
    assert f"#{c.mould.pk} " in by_city and f"#{c.plough.pk} " not in by_city


def test_the_list_sorts_by_size_or_recency_and_pages(editor, c, settings):  # noqa: F811
    SignalCluster.objects.filter(pk=c.plough.pk).update(signal_count=5)
    settings.LIST_PAGE_SIZE = 1
    first = editor.get(reverse("signals:cluster-list"), {"sort": "size"}).content.decode()
    assert f"#{c.plough.pk} " in first and f"#{c.mould.pk} " not in first
    second = editor.get(reverse("signals:cluster-list"), {"sort": "size", "page": 2}).content.decode()
    assert f"#{c.mould.pk} " in second
    latest = max(SignalCluster.objects.all(), key=lambda x: x.latest_signal_at)
    recent = editor.get(reverse("signals:cluster-list"), {"sort": "recent"}).content.decode()
    assert f"#{latest.pk} " in recent


def test_a_bad_filter_is_a_400_not_a_500(editor, c):  # noqa: F811
    assert editor.get(reverse("signals:cluster-list"), {"city": "atlantis", "sort": "x"}).status_code == 400


def test_the_list_runs_few_queries(editor, c, django_assert_max_num_queries):  # noqa: F811
    with django_assert_max_num_queries(12):
        assert editor.get(reverse("signals:cluster-list")).status_code == 200


def test_the_cluster_page_runs_few_queries_however_many_signals(
    editor,
    c,  # noqa: F811
    world,
    django_assert_max_num_queries,
):
    from .test_clustering import MOULD_1, add

    with django_assert_max_num_queries(11):
        assert editor.get(reverse("signals:cluster-detail", args=[c.mould.pk])).status_code == 200
    for city, department in ((world.helsinki, None), (world.espoo, world.environment), (world.vantaa, None)):
        signal = add(world, MOULD_1, city=city, department=department)
        Signal.objects.filter(pk=signal.pk).update(cluster=c.mould)
    with django_assert_max_num_queries(11):
        page = editor.get(reverse("signals:cluster-detail", args=[c.mould.pk]))
    assert page.content.decode().count('name="signals" value=') == 5


def test_the_cluster_page_shows_signals_cities_and_departments(editor, c):  # noqa: F811
    page = editor.get(reverse("signals:cluster-detail", args=[c.mould.pk])).content.decode()
    for key in ("mould_espoo", "mould_vantaa"):
        assert c.s[key].title in page and reverse("signals:detail", args=[c.s[key].pk]) in page
    assert reverse("signals:detail", args=[c.s["plough_1"].pk]) not in page
    assert "Espoon kaupunki" in page and "Vantaan kaupunki" in page
    assert "Kasvun ja oppimisen toimiala" in page and "Kasvatus ja oppiminen" in page
    assert 'name="signals"' in page and 'action="' + reverse("signals:cluster-merge", args=[c.mould.pk]) in page


def test_a_viewer_who_may_not_curate_sees_no_forms(client, c):  # noqa: F811
    client.force_login(c.people["espoo_member"])
    page = client.get(reverse("signals:cluster-detail", args=[c.mould.pk])).content.decode()
    assert c.s["mould_espoo"].title in page
    assert 'name="signals"' not in page and reverse("signals:cluster-rename", args=[c.mould.pk]) not in page


def test_rename_through_the_page(editor, c):  # noqa: F811
    response = editor.post(
        reverse("signals:cluster-rename", args=[c.mould.pk]),
        {"name_fi": "Koulujen sisäilma", "name_sv": "", "name_en": ""},
    )
    assert response.status_code == 302
    assert SignalCluster.objects.get(pk=c.mould.pk).name == {"fi": "Koulujen sisäilma"}
    assert "Koulujen sisäilma" in editor.get(reverse("signals:cluster-list")).content.decode()


def test_a_too_long_name_is_shown_and_nothing_changes(editor, c):  # noqa: F811
    response = editor.post(reverse("signals:cluster-rename", args=[c.mould.pk]), {"name_fi": "x" * 300})
    assert response.status_code == 400
    assert SignalCluster.objects.get(pk=c.mould.pk).name == {}


def test_merge_through_the_page(editor, c):  # noqa: F811
    response = editor.post(reverse("signals:cluster-merge", args=[c.mould.pk]), {"numbers": f"#{c.plough.pk}"})
    assert response.status_code == 302
    assert not SignalCluster.objects.filter(pk=c.plough.pk).exists()
    assert len(members(c.mould)) == 4


def test_similar_clusters_are_offered_for_merging(editor, c):  # noqa: F811
    page = editor.get(reverse("signals:cluster-detail", args=[c.mould.pk])).content.decode()
    assert f'value="{c.plough.pk}"' in page
    response = editor.post(reverse("signals:cluster-merge", args=[c.mould.pk]), {"clusters": [c.plough.pk]})
    assert response.status_code == 302 and not SignalCluster.objects.filter(pk=c.plough.pk).exists()


@pytest.mark.parametrize(
    "data", [{}, {"numbers": "abc"}, {"numbers": "999999"}, {"clusters": ["999999"]}, {"numbers": "self"}]
)
def test_merge_with_bad_input_is_a_400_and_nothing_changes(editor, c, data):  # noqa: F811
    data = {k: (str(c.mould.pk) if v == "self" else v) for k, v in data.items()}
    response = editor.post(reverse("signals:cluster-merge", args=[c.mould.pk]), data)
    assert response.status_code == 400
    assert SignalCluster.objects.count() == 2 and not SignalCluster.objects.filter(curated=True).exists()


def test_split_move_and_take_out_through_the_page(editor, c):  # noqa: F811
    url = reverse("signals:cluster-signals", args=[c.mould.pk])
    response = editor.post(url, {"action": "split", "signals": [c.s["mould_vantaa"].pk], "name_fi": "Vantaa"})
    assert response.status_code == 302
    new = SignalCluster.objects.get(name={"fi": "Vantaa"})
    assert members(new) == {c.s["mould_vantaa"].pk}
    response = editor.post(
        reverse("signals:cluster-signals", args=[c.plough.pk]),
        {"action": "move", "signals": [c.s["plough_1"].pk], "target_number": str(new.pk)},
    )
    assert response.status_code == 302
    assert members(new) == {c.s["mould_vantaa"].pk, c.s["plough_1"].pk}
    response = editor.post(
        reverse("signals:cluster-signals", args=[new.pk]), {"action": "remove", "signals": [c.s["plough_1"].pk]}
    )
    assert response.status_code == 302
    signal = Signal.objects.get(pk=c.s["plough_1"].pk)
    assert signal.cluster_id is None and signal.cluster_pinned


def test_taking_out_every_signal_leads_back_to_the_list(editor, c):  # noqa: F811
    response = editor.post(
        reverse("signals:cluster-signals", args=[c.plough.pk]), {"action": "remove", "signals": list(members(c.plough))}
    )
    assert response.status_code == 302 and response["Location"] == reverse("signals:cluster-list")


@pytest.mark.parametrize(
    "data",
    [
        {"action": "split"},  # nothing chosen
        {"action": "split", "signals": ["other"]},  # a signal of another cluster
        {"action": "split", "signals": ["x"]},  # not a number
        {"action": "split", "signals": ["all"]},  # every signal
        {"action": "move", "signals": ["mine"]},  # no target
        {"action": "move", "signals": ["mine"], "target_number": "999999"},
        {"action": "move", "signals": ["mine"], "target_number": "self"},
        {"action": "explode", "signals": ["mine"]},
    ],
)
def test_bad_signal_actions_are_a_400_and_nothing_changes(editor, c, data):  # noqa: F811
    mine, other = c.s["mould_espoo"].pk, c.s["plough_1"].pk
    values = {"other": other, "mine": mine, "x": "x", "self": c.mould.pk}
    post = {k: v for k, v in data.items() if k != "signals"}
    if "target_number" in post:
        post["target_number"] = str(values.get(post["target_number"], post["target_number"]))
    signals = data.get("signals", [])
    post["signals"] = list(members(c.mould)) if signals == ["all"] else [values[s] for s in signals]
    before = {s.pk: (s.cluster_id, s.cluster_pinned) for s in Signal.objects.all()}
    response = editor.post(reverse("signals:cluster-signals", args=[c.mould.pk]), post)
    assert response.status_code in (400, 409)
    assert {s.pk: (s.cluster_id, s.cluster_pinned) for s in Signal.objects.all()} == before
    assert SignalCluster.objects.count() == 2


def test_an_unknown_cluster_is_404_and_actions_need_post(editor, c):  # noqa: F811
    assert editor.get(reverse("signals:cluster-detail", args=[999999])).status_code == 404
    assert editor.post(reverse("signals:cluster-rename", args=[999999]), {"name_fi": "x"}).status_code == 404
    assert editor.get(reverse("signals:cluster-rename", args=[c.mould.pk])).status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_cluster_pages(client, c, role):  # noqa: F811
    login(client, c, role)
    for url in (reverse("signals:cluster-list"), reverse("signals:cluster-detail", args=[c.mould.pk])):
        response = client.get(url)
        expected = 302 if role == "anonymous" else (200 if role in VIEWERS else 403)
        assert response.status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_may_curate_through_the_pages(client, c, role):  # noqa: F811
    login(client, c, role)
    posts = [
        (reverse("signals:cluster-rename", args=[c.mould.pk]), {"name_fi": "Nimi"}),
        (reverse("signals:cluster-merge", args=[c.mould.pk]), {"numbers": str(c.plough.pk)}),
        (
            reverse("signals:cluster-signals", args=[c.mould.pk]),
            {"action": "remove", "signals": [c.s["mould_vantaa"].pk]},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data)
        expected = 302 if role in CURATORS or role == "anonymous" else 403
        assert response.status_code == expected, url
    changed = SignalCluster.objects.filter(curated=True).exists()
    assert changed == (role in CURATORS)
