"""Publishing: only the lead's editors, a public reason, visible to everyone only while published, and never
signals, score sheets or unpublished candidates in the public data."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.backlog import services
from haastemoottori.backlog.selectors import published_candidates
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError

from .conftest import criteria, promote, sheet, single_candidate

pytestmark = pytest.mark.django_db

REASON = {"fi": "Koulujen sisäilma koskee tuhansia lapsia.", "sv": "Inomhusluften i skolorna berör tusentals barn."}


@pytest.fixture
def published(world):
    w = world
    a, b = criteria(w)
    w.shared = promote(w, co_owners=[w.vantaa])  # Espoo leads, Vantaa co-owns
    w.hidden = single_candidate(w, "SALAINEN luonnos")
    sheet(w, "espoo_member", w.shared, {a: 5, b: 5}, comment="SALAINEN kommentti")
    sheet(w, "espoo_owner", w.hidden, {a: 1, b: 1})
    services.candidate_publish(actor=w.people["espoo_owner"], candidate=w.shared, public_reason=REASON, language="fi")
    w.shared.refresh_from_db()
    return w


def test_publish_and_withdraw(published):
    w = published
    assert w.shared.published_at is not None and w.shared.public_reason == REASON
    event = AuditEvent.objects.get(target_type="backlog.candidate", action="candidate_published")
    assert event.is_public and event.actor == w.people["espoo_owner"]
    items = published_candidates()
    assert [(p.candidate, p.rank, p.score, p.cities) for p in items] == [(w.shared, 1, 100.0, [w.espoo, w.vantaa])]
    services.candidate_unpublish(actor=w.people["espoo_owner"], candidate=w.shared)
    assert published_candidates() == []
    with pytest.raises(ServiceConflict):
        services.candidate_unpublish(actor=w.people["espoo_owner"], candidate=w.shared)
    assert AuditEvent.objects.filter(target_type="backlog.candidate", action="candidate_unpublished").count() == 1


def test_only_the_leads_editors_publish(published):
    w = published
    for who in ("vantaa_owner", "espoo_member", "outsider", "company_admin"):  # Vantaa co-owns but does not lead
        with pytest.raises(ServicePermissionDenied):
            services.candidate_publish(actor=w.people[who], candidate=w.hidden, public_reason=REASON, language="fi")
        with pytest.raises(ServicePermissionDenied):
            services.candidate_unpublish(actor=w.people[who], candidate=w.shared)
    with pytest.raises(ServiceValidationError):  # the reason in the publisher's language is required
        services.candidate_publish(
            actor=w.people["espoo_owner"], candidate=w.hidden, public_reason={"sv": "Bara"}, language="fi"
        )
    w.hidden.refresh_from_db()
    assert w.hidden.published_at is None


def test_public_api_lists_published_only(client, published):
    w = published
    body = client.get("/api/v1/backlog/published").content.decode()
    data = client.get("/api/v1/backlog/published").json()
    assert [d["challenge"] for d in data] == [w.shared.challenge.slug]
    item = data[0]
    assert item["public_reason"] == REASON and item["rank"] == 1 and item["score"] == 100.0
    assert [c["slug"] for c in item["cities"]] == ["espoo", "vantaa"] and item["url"] is None  # still a draft
    assert "SALAINEN" not in body and "Dålig luft i skolan" not in body and "Tapiolan" not in body
    assert [d["challenge"] for d in client.get("/api/v1/backlog/published?city=vantaa").json()] == [
        w.shared.challenge.slug
    ]
    assert client.get("/api/v1/backlog/published?city=helsinki").json() == []
    assert client.get("/api/v1/backlog/published?city=nowhere").status_code == 404
    services.candidate_unpublish(actor=w.people["platform_admin"], candidate=w.shared)
    assert client.get("/api/v1/backlog/published").json() == []


def test_publish_form(client, published):
    w = published
    client.force_login(w.people["espoo_owner"])
    page = client.get(reverse("backlog:candidate", args=[w.hidden.pk])).content.decode()
    assert _("Publish on the coming needs page") in page
    url = reverse("backlog:candidate-publish", args=[w.hidden.pk])
    response = client.post(url, {"public_reason__fi": "", "public_reason__sv": "Bara svenska"})
    assert response.status_code == 400
    w.hidden.refresh_from_db()
    assert w.hidden.published_at is None
    response = client.post(url, {"public_reason__fi": "Tärkeä tarve."})
    w.hidden.refresh_from_db()
    assert response.status_code == 302 and w.hidden.published_at is not None
    assert w.hidden.public_reason == {"fi": "Tärkeä tarve."}
    first = w.hidden.published_at
    client.post(url, {"public_reason__fi": "Vielä tärkeämpi."})  # a new reason keeps the publication date
    w.hidden.refresh_from_db()
    assert w.hidden.published_at == first and w.hidden.public_reason == {"fi": "Vielä tärkeämpi."}
    assert client.post(reverse("backlog:candidate-unpublish", args=[w.hidden.pk])).status_code == 302
    w.hidden.refresh_from_db()
    assert w.hidden.published_at is None
    client.force_login(w.people["vantaa_owner"])  # co-owner editor: sees the candidate, may not publish it
    page = client.get(reverse("backlog:candidate", args=[w.shared.pk])).content.decode()
    assert _("Publish on the coming needs page") not in page
    assert (
        client.post(reverse("backlog:candidate-publish", args=[w.shared.pk]), {"public_reason__fi": "x"}).status_code
        == 403
    )
