"""Every backlog view and API endpoint for every role, the named permissions, and the backlog page's queries."""

import pytest
import rules
from django.urls import reverse

from haastemoottori.backlog.models import Candidate, Criterion, PairwiseComparison, ScoreSheet

from .conftest import criteria, make_signal, promote, single_candidate

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "company_admin", "espoo_member", "vantaa_owner", "espoo_owner", "platform_admin"]
ESPOO_STAFF = {"espoo_member", "espoo_owner"}
READERS = ESPOO_STAFF | {"platform_admin"}  # backlog.view_backlog on Espoo
EDITORS = {"espoo_owner", "platform_admin"}  # configure Espoo's criteria; publish Espoo's candidates
SCORERS = ESPOO_STAFF  # platform admins read but do not score
PROMOTERS = {"vantaa_owner", "espoo_owner", "platform_admin"}  # an editor of any city


@pytest.fixture
def setup(world):
    w = world
    w.crit = criteria(w)
    w.candidate = promote(w)
    w.other = single_candidate(w, "Toinen")
    return w


def login(client, w, role):
    if role != "anonymous":
        client.force_login(w.people[role])
    return client


def expected(role, allowed, ok=200, denied=403):
    if role == "anonymous":
        return 302
    return ok if role in allowed else denied


@pytest.mark.parametrize("role", ROLES)
def test_pages(client, setup, role):
    w = setup
    c = login(client, w, role)
    index_readers = READERS | {"vantaa_owner"}  # the staff of any city see their own backlogs
    assert c.get(reverse("backlog:index")).status_code == expected(role, index_readers)
    assert c.get(reverse("backlog:city", args=["espoo"])).status_code == expected(role, READERS)
    assert c.get(reverse("backlog:criteria", args=["espoo"])).status_code == expected(role, READERS)
    assert c.get(reverse("backlog:criterion", args=["espoo", w.crit[0].pk])).status_code == expected(role, EDITORS)
    assert c.get(reverse("backlog:pairwise", args=["espoo"])).status_code == expected(role, SCORERS)
    assert c.get(reverse("backlog:score", args=["espoo", w.candidate.pk])).status_code == expected(role, SCORERS)
    # A candidate is a draft: people who may not see it get 404, as for a draft challenge.
    assert c.get(reverse("backlog:candidate", args=[w.candidate.pk])).status_code == expected(role, READERS, denied=404)
    for name, pk in (("backlog:promote-cluster", w.cluster.pk), ("backlog:promote-signal", w.s1.pk)):
        assert c.get(reverse(name, args=[pk])).status_code == expected(role, PROMOTERS)


@pytest.mark.parametrize("role", ROLES)
def test_posts(client, setup, role):
    w = setup
    c = login(client, w, role)
    before = Criterion.objects.count()
    response = c.post(reverse("backlog:criteria", args=["espoo"]), {"name__fi": "Uusi", "weight": 5, "scale_max": 5})
    assert response.status_code == expected(role, EDITORS, ok=302)
    assert Criterion.objects.count() == before + (1 if role in EDITORS else 0)
    assert c.post(reverse("backlog:criteria-recommended", args=["espoo"])).status_code == expected(
        role, EDITORS, ok=302
    )
    assert c.post(reverse("backlog:criterion-remove", args=["espoo", w.crit[1].pk])).status_code == expected(
        role, EDITORS, ok=302
    )
    assert Criterion.objects.filter(pk=w.crit[1].pk).exists() == (role not in EDITORS)
    response = c.post(
        reverse("backlog:score", args=["espoo", w.candidate.pk]), {f"score_{w.crit[0].pk}": "3", "action": "save"}
    )
    assert response.status_code == expected(role, SCORERS, ok=302)
    assert ScoreSheet.objects.exists() == (role in SCORERS)
    response = c.post(
        reverse("backlog:pairwise", args=["espoo"]), {"first": w.candidate.pk, "second": w.other.pk, "choice": "first"}
    )
    assert response.status_code == expected(role, SCORERS, ok=302)
    assert PairwiseComparison.objects.exists() == (role in SCORERS)
    publish = c.post(reverse("backlog:candidate-publish", args=[w.candidate.pk]), {"public_reason__fi": "Syy."})
    assert publish.status_code == expected(role, EDITORS, ok=302, denied=404 if role not in READERS else 403)
    w.candidate.refresh_from_db()
    assert (w.candidate.published_at is not None) == (role in EDITORS)
    unpublish = c.post(reverse("backlog:candidate-unpublish", args=[w.candidate.pk]))
    assert unpublish.status_code == expected(role, EDITORS, ok=302, denied=404 if role not in READERS else 403)
    fresh = make_signal(w.espoo, "Kolmas", day=20)
    response = c.post(reverse("backlog:promote-signal", args=[fresh.pk]), {"title": "Uusi", "lead": w.espoo.pk})
    promoted = Candidate.objects.filter(signals=fresh).exists()
    if role in ("espoo_owner", "platform_admin"):
        assert response.status_code == 302 and promoted
    elif role == "vantaa_owner":  # may promote, but not for Espoo
        assert response.status_code == 400 and not promoted
    else:
        assert response.status_code == expected(role, set()) and not promoted


@pytest.mark.parametrize("role", ROLES)
def test_api(client, setup, role):
    w = setup
    c = login(client, w, role)
    status = c.get("/api/v1/backlog/espoo/ranking").status_code
    assert status == (200 if role in READERS else 403)
    assert c.get("/api/v1/backlog/published").status_code == 200
    assert c.get("/api/v1/backlog/nowhere/ranking").status_code == 404


def test_named_permissions(setup):
    w = setup
    p = w.people
    assert {r for r in ROLES[1:] if rules.has_perm("backlog.view_backlog", p[r], w.espoo)} == READERS
    assert {r for r in ROLES[1:] if rules.has_perm("backlog.score", p[r], w.espoo)} == SCORERS
    assert {r for r in ROLES[1:] if rules.has_perm("backlog.configure_criteria", p[r], w.espoo)} == EDITORS
    assert {r for r in ROLES[1:] if rules.has_perm("backlog.promote", p[r])} == PROMOTERS
    assert {r for r in ROLES[1:] if rules.has_perm("backlog.publish_candidate", p[r], w.candidate)} == EDITORS


def test_backlog_page_queries_do_not_grow_with_the_backlog(client, setup, django_assert_max_num_queries):
    w = setup
    client.force_login(w.people["espoo_owner"])
    url = reverse("backlog:city", args=["espoo"])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    for day in range(22, 30):
        single_candidate(w, f"Lisää {day}", day=day)
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "Lisää 29" in page
