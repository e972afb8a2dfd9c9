"""Promotion keeps provenance: the draft challenge, its texts and owners, the links both ways, the authors told
once each, the audit; only accepted signals count; a cluster is promoted once."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.backlog.models import Candidate
from haastemoottori.backlog.selectors import promoted_cluster_ids, promoted_signal_ids, promotions_for
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification

from .conftest import make_signal, promote

pytestmark = pytest.mark.django_db


def test_cluster_becomes_a_draft_with_provenance(world):
    w = world
    candidate = promote(w, co_owners=[w.vantaa])
    challenge = candidate.challenge
    assert challenge.stage == "draft" and challenge.original_language == "fi"
    assert challenge.title == {"fi": "Koulujen sisäilma"}
    owners = {(o.organisation.slug, o.role, o.department_id) for o in challenge.ownerships.all()}
    assert owners == {("espoo", "lead", w.env.pk), ("vantaa", "co_owner", None)}
    assert sorted(t.slug for t in challenge.themes.all()) == ["carbon-neutrality", "sdg-11"]
    with translation.override("fi"):
        summary = _("A need raised in %(count)s signals from %(cities)s.") % {
            "count": 3,
            "cities": "Espoon kaupunki, Vantaan kaupunki",
        }
        summary += " " + _("Departments: %(departments)s.") % {"departments": "Kasvatus ja oppiminen, Ympäristökeskus"}
    assert challenge.summary == {"fi": summary}
    problem = challenge.problem["fi"]
    for title in ("Sisäilmaongelmia Tapiolan koulussa", "Dålig luft i skolan", "Ilmanvaihto ei riitä"):
        assert title in problem
    assert "Oppilaat oireilevat syksyisin." in problem and "Espoon kaupunki, Ympäristökeskus" in problem
    assert "Odottava ehdotus" not in problem and "Hylätty ehdotus" not in problem
    assert "https://example.test/mittaukset" in challenge.data_available["fi"]
    # Provenance both ways.
    assert candidate.cluster == w.cluster and candidate.promoted_by == w.people["espoo_owner"]
    assert set(candidate.signals.all()) == {w.s1, w.s2, w.s3}
    assert list(w.s2.candidates.all()) == [candidate] and list(w.cluster.candidates.all()) == [candidate]
    assert list(w.pending.candidates.all()) == []


def test_authors_are_told_once_each_in_their_language(world):
    w = world
    candidate = promote(w)
    sent = Notification.objects.filter(kind="signals.promoted")
    assert sorted(n.user.email for n in sent) == ["member@espoo.test", "resident@example.test"]  # not pending,
    # not rejected, not the promoter; the Espoo member wrote two of the signals and is told once
    member = sent.get(user=w.people["espoo_member"])
    resident = sent.get(user=w.people["resident"])
    assert member.url == reverse("backlog:candidate", args=[candidate.pk])  # staff of the lead: the candidate
    assert "Sisäilmaongelmia Tapiolan koulussa" in member.body and "Ilmanvaihto ei riitä" in member.body
    assert resident.language == "sv" and resident.url == ""  # a resident cannot see the draft
    with translation.override("sv"):
        assert resident.subject == _("Your suggestion was taken forward")
        assert "Vanda stad" not in resident.body and "Esbo stad" in resident.body  # the lead, in Swedish
    assert "Koulujen sisäilma" not in resident.body  # the draft's title stays with the staff
    assert "Dålig luft i skolan" in resident.body


def test_promotion_is_audited(world):
    w = world
    candidate = promote(w, co_owners=[w.vantaa])
    event = AuditEvent.objects.get(target_type="backlog.candidate", target_id=str(candidate.pk))
    assert event.action == "candidate_promoted" and event.actor == w.people["espoo_owner"]
    assert event.data["cluster"] == w.cluster.pk and event.data["lead"] == "espoo"
    assert sorted(event.data["signals"]) == sorted([w.s1.pk, w.s2.pk, w.s3.pk])
    assert event.data["co_owners"] == ["vantaa"] and event.data["authors_notified"] == 2
    assert AuditEvent.objects.filter(
        target_type="challenges.challenge", target_id=str(candidate.challenge.pk), action="created"
    ).exists()
    assert AuditEvent.objects.filter(target_type="signals.signalcluster", action="cluster_promoted").exists()


def test_a_cluster_is_promoted_once(world):
    w = world
    first = promote(w)
    with pytest.raises(ServiceConflict) as exc:
        promote(w, actor="vantaa_owner", lead=w.vantaa)
    assert exc.value.code == "already_promoted" and str(first.challenge) in str(exc.value.message)
    with pytest.raises(ServiceConflict):
        promote(w, signal=w.s1)  # a signal of a promoted cluster is already part of a candidate
    assert Candidate.objects.count() == 1 and Challenge.objects.count() == 1


def test_only_accepted_signals_count(world):
    w = world
    with pytest.raises(ServiceValidationError) as exc:
        promote(w, signal=w.pending)
    assert exc.value.code == "no_accepted_signals"
    with pytest.raises(ServiceValidationError):
        promote(w, signal=w.rejected)
    candidate = promote(w, signal=w.s2)
    assert candidate.cluster is None and list(candidate.signals.all()) == [w.s2]
    assert candidate.challenge.title == {"fi": "Dålig luft i skolan"}  # the signal's own title
    assert candidate.challenge.ownerships.get().department is None  # the signal is Vantaa's, the lead Espoo


def test_promoting_in_swedish_with_a_title_of_ones_own(world):
    w = world
    candidate = promote(w, actor="vantaa_owner", lead=w.vantaa, language="sv")
    assert candidate.challenge.title == {"sv": "Inomhusluft i skolor"} and candidate.original_language == "sv"
    assert candidate.challenge.ownerships.get().department == w.edu  # Vantaa's signal came from education
    with translation.override("sv"):
        assert candidate.challenge.summary["sv"].startswith(
            _("A need raised in %(count)s signals from %(cities)s.") % {"count": 3, "cities": "Esbo stad, Vanda stad"}
        )
    other = promote(w, signal=make_signal(w.espoo, "Uusi havainto"), title="Oma otsikko")
    assert other.challenge.title == {"fi": "Oma otsikko"}


def test_who_may_promote_and_for_whom(world):
    w = world
    with pytest.raises(ServicePermissionDenied):
        promote(w, actor="espoo_member")
    with pytest.raises(ServicePermissionDenied):
        promote(w, actor="company_admin", lead=w.region.company)
    with pytest.raises(ServicePermissionDenied):
        promote(w, actor="vantaa_owner", lead=w.espoo)  # only for one's own city
    with pytest.raises(ServiceValidationError) as exc:
        promote(w, co_owners=[w.helsinki])  # Helsinki has no signal in the cluster
    assert exc.value.code == "co_owner_not_in_signals"
    assert Challenge.objects.count() == 0 and Candidate.objects.count() == 0
    assert Notification.objects.count() == 0
    candidate = promote(w, actor="platform_admin", co_owners=[w.espoo, w.vantaa])  # the lead is dropped silently
    assert {o.organisation.slug: o.role for o in candidate.challenge.ownerships.all()} == {
        "espoo": "lead",
        "vantaa": "co_owner",
    }


def test_provenance_selectors_for_the_signal_and_cluster_pages(world):
    w = world
    candidate = promote(w)
    mine = promotions_for(user=w.people["espoo_member"], signal=w.s2)
    assert [(p.candidate, str(p.title), p.url, p.lead) for p in mine] == [
        (candidate, "Koulujen sisäilma", reverse("backlog:candidate", args=[candidate.pk]), w.espoo)
    ]
    other = promotions_for(user=w.people["helsinki_owner"], cluster=w.cluster)
    assert [(p.candidate, p.title, p.url) for p in other] == [(candidate, None, None)]  # not Helsinki's draft
    assert promotions_for(user=w.people["espoo_member"], signal=w.pending) == []
    assert promoted_cluster_ids([w.cluster.pk, w.cluster.pk + 100]) == {w.cluster.pk}
    assert promoted_signal_ids([w.s1.pk, w.pending.pk]) == {w.s1.pk}


def test_promote_pages(client, world):
    w = world
    client.force_login(w.people["espoo_owner"])
    url = reverse("backlog:promote-cluster", args=[w.cluster.pk])
    page = client.get(url).content.decode()
    assert "Koulujen sisäilma" in page and "Dålig luft i skolan" in page and "Odottava ehdotus" not in page
    response = client.post(url, {"title": "", "lead": w.espoo.pk})
    assert response.status_code == 400 and Candidate.objects.count() == 0
    response = client.post(url, {"title": "Sisäilma kouluissa", "lead": w.espoo.pk, "co_owners": [w.vantaa.pk]})
    candidate = Candidate.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("backlog:candidate", args=[candidate.pk])
    assert candidate.challenge.title == {"fi": "Sisäilma kouluissa"}
    page = client.get(response["Location"]).content.decode()
    assert "Tapiolan koulussa" in page and "<caption" in page and 'scope="row"' in page
    again = client.post(url, {"title": "Toinen", "lead": w.espoo.pk})
    assert again.status_code == 409 and Candidate.objects.count() == 1
    assert _("Already promoted") in again.content.decode()
    pending = client.get(reverse("backlog:promote-signal", args=[w.pending.pk]))
    assert pending.status_code == 200
    assert _("Only accepted signals can be promoted, and there are none here.") in pending.content.decode()
    assert (
        client.post(
            reverse("backlog:promote-signal", args=[w.pending.pk]), {"title": "x", "lead": w.espoo.pk}
        ).status_code
        == 400
    )
    assert client.get(reverse("backlog:promote-signal", args=[999999])).status_code == 404
    fresh = make_signal(w.espoo, "Uusi havainto")
    bad_lead = client.post(reverse("backlog:promote-signal", args=[fresh.pk]), {"title": "x", "lead": w.vantaa.pk})
    assert bad_lead.status_code == 400 and Candidate.objects.count() == 1  # not one of the user's cities
