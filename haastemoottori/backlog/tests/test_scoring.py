"""Scoring: drafts, submission, validation, and scorer independence on the pages and in the API."""

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.backlog.models import Score, ScoreSheet
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError

from .conftest import criteria, sheet, single_candidate

pytestmark = pytest.mark.django_db


def fi_number(value) -> str:
    with translation.override("fi"):
        return str(floatformat(value, 1))


@pytest.fixture
def two(world):
    """Criteria A (weight 3) and B (weight 1), 1–5; candidate X. The Espoo owner has submitted A 4, B 2:
    (3*0.75 + 1*0.25)/4 = 62.5. The member's A 2, B 4 would give (3*0.25 + 1*0.75)/4 = 37.5: mean 50, spread 12.5."""
    w = world
    w.a, w.b = criteria(w, specs=((3, 5), (1, 5)))
    w.x = single_candidate(w, "Kandidaatti X")
    sheet(w, "espoo_owner", w.x, {w.a: 4, w.b: 2}, comment="Perusteltu arvio.")
    return w


def test_draft_then_submit(two):
    w = two
    draft = sheet(w, "espoo_member", w.x, {w.a: 2, w.b: ""}, submit=False)
    assert draft.submitted_at is None and {s.criterion_id: s.value for s in draft.scores.all()} == {w.a.pk: 2}
    with pytest.raises(ServiceValidationError) as exc:
        sheet(w, "espoo_member", w.x, {w.a: 2, w.b: ""})  # submitting needs every criterion
    assert [r.field for r in exc.value.reasons] == [f"score_{w.b.pk}"]
    sheet(w, "espoo_member", w.x, {w.a: "", w.b: 3}, submit=False)  # a blank draft score is removed
    assert {s.criterion_id: s.value for s in ScoreSheet.objects.get(scorer=w.people["espoo_member"]).scores.all()} == {
        w.b.pk: 3
    }
    submitted = sheet(w, "espoo_member", w.x, {w.a: 2, w.b: 4})
    assert submitted.submitted_at is not None
    with pytest.raises(ServiceConflict):
        sheet(w, "espoo_member", w.x, {w.a: 5, w.b: 5})
    assert (
        AuditEvent.objects.filter(
            target_type="backlog.scoresheet", target_id=str(submitted.pk), action="backlog_sheet_submitted"
        ).count()
        == 1
    )


@pytest.mark.parametrize("value", [0, 6, "3.5", "abc", -1])
def test_out_of_range_scores_change_nothing(two, value):
    w = two
    with pytest.raises(ServiceValidationError) as exc:
        sheet(w, "espoo_member", w.x, {w.a: value, w.b: 3}, submit=False)
    assert exc.value.reasons[0].field == f"score_{w.a.pk}"
    assert not ScoreSheet.objects.filter(scorer=w.people["espoo_member"]).exists()


def test_who_may_score_what(two):
    w = two
    with pytest.raises(ServicePermissionDenied):
        sheet(w, "vantaa_member", w.x, {w.a: 3, w.b: 3})  # not Espoo's staff
    with pytest.raises(ServicePermissionDenied):
        sheet(w, "platform_admin", w.x, {w.a: 3, w.b: 3})  # admins read, they do not score
    with pytest.raises(ServiceValidationError) as exc:
        sheet(w, "vantaa_member", w.x, {w.a: 3}, city=w.vantaa)  # X is not in Vantaa's backlog
    assert exc.value.code == "not_in_backlog"
    with pytest.raises(ServiceValidationError):
        sheet(w, "espoo_member", w.x, {w.a: 3, w.b: 3, criteria(w, w.vantaa, specs=((1, 5),))[0]: 3})
    helsinki_candidate = single_candidate(w, "Helsingin oma", actor="helsinki_owner", lead=w.helsinki)
    with pytest.raises(ServiceConflict) as exc:
        sheet(w, "helsinki_owner", helsinki_candidate, {}, city=w.helsinki)
    assert exc.value.code == "no_criteria"  # Helsinki has set no criteria
    assert Score.objects.exclude(sheet__scorer=w.people["espoo_owner"]).count() == 0


def test_independence_on_the_pages(client, two):
    w = two
    client.force_login(w.people["espoo_member"])
    hidden_numbers = (fi_number(62.5), fi_number(50.0), "62.5", "50.0")
    backlog = client.get(reverse("backlog:city", args=["espoo"])).content.decode()
    assert "Kandidaatti X" in backlog and _("Score these first") in backlog
    assert not any(n in backlog for n in hidden_numbers)
    score_url = reverse("backlog:score", args=["espoo", w.x.pk])
    page = client.get(score_url).content.decode()
    assert not any(n in page for n in hidden_numbers) and _("Result so far (all submitted scores)") not in page
    detail = client.get(reverse("backlog:candidate", args=[w.x.pk])).content.decode()
    assert not any(n in detail for n in hidden_numbers) and "Perusteltu arvio." not in detail
    # A draft does not open the results either.
    client.post(score_url, {f"score_{w.a.pk}": "2", "action": "save"})
    assert fi_number(62.5) not in client.get(reverse("backlog:city", args=["espoo"])).content.decode()
    response = client.post(score_url, {f"score_{w.a.pk}": "2", f"score_{w.b.pk}": "4", "action": "submit"})
    assert response.status_code == 302
    # Now the aggregate (mean of 62.5 and 37.5 = 50.0) and the spread (12.5), never the owner's own sheet.
    backlog = client.get(reverse("backlog:city", args=["espoo"])).content.decode()
    assert fi_number(50.0) in backlog and fi_number(12.5) in backlog and fi_number(62.5) not in backlog
    page = client.get(score_url).content.decode()
    assert _("Result so far (all submitted scores)") in page and fi_number(50.0) in page
    detail = client.get(reverse("backlog:candidate", args=[w.x.pk])).content.decode()
    assert fi_number(50.0) in detail and "<li>Perusteltu arvio.</li>" in detail  # the comment, without a name


def test_independence_in_the_api(client, two):
    w = two
    url = "/api/v1/backlog/espoo/ranking"
    client.force_login(w.people["espoo_member"])
    row = client.get(url).json()[0]
    assert row["candidate"] == w.x.pk and row["hidden"] is True and row["your_status"] == "none"
    assert row["score"] is None and row["spread"] is None and row["pairwise_score"] is None and row["rank"] is None
    sheet(w, "espoo_member", w.x, {w.a: 2, w.b: 4})
    row = client.get(url).json()[0]
    assert (row["hidden"], row["score"], row["spread"], row["rank"], row["scorers"], row["your_status"]) == (
        False,
        50.0,
        12.5,
        1,
        2,
        "submitted",
    )
    client.force_login(w.people["platform_admin"])  # not a scorer: sees the result
    assert client.get(url).json()[0]["score"] == 50.0


def test_score_page_rejects_bad_input_without_a_500(client, two):
    w = two
    client.force_login(w.people["espoo_member"])
    url = reverse("backlog:score", args=["espoo", w.x.pk])
    response = client.post(url, {f"score_{w.a.pk}": "9", "action": "submit"})
    assert response.status_code == 400
    response = client.post(url, {f"score_{w.a.pk}": "3", "action": "submit"})  # B missing
    assert response.status_code == 400 and _("Give a score.") in response.content.decode()
    response = client.post(url, {"comment": "x" * 6000, "action": "save"})
    assert response.status_code == 400
    assert not ScoreSheet.objects.filter(scorer=w.people["espoo_member"], submitted_at__isnull=False).exists()
    assert client.get(reverse("backlog:score", args=["vantaa", w.x.pk])).status_code == 403
    assert client.get(reverse("backlog:score", args=["nowhere", w.x.pk])).status_code == 404
    assert client.get(reverse("backlog:score", args=["espoo", 999999])).status_code == 404
