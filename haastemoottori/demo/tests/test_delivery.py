"""The delivery demo (data/delivery.json): evaluations, pilots, procurement and an adoption after seed_demo.

Expected values are computed here from the data file, not read back from what the loader produced.
"""

import html
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.models import Challenge
from haastemoottori.evaluation.models import Decision, Declaration, Evaluation, EvaluationForm, EvaluatorAssignment
from haastemoottori.organisations.models import Organisation
from haastemoottori.pilots.models import KPI, Adoption, CheckIn, Pilot
from haastemoottori.procurement.models import Award, Contract, ProcurementPath
from haastemoottori.procurement.tests.ocds_schema import codelist_errors, schema_errors
from haastemoottori.proposals.models import Proposal

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DATA = json.loads((DATA_DIR / "delivery.json").read_text(encoding="utf-8"))
CHALLENGES = {c["slug"]: c for c in json.loads((DATA_DIR / "challenges.json").read_text(encoding="utf-8"))}
CALLS = {c["challenge"]: c for c in DATA["calls"]}
EVALUATIONS = {e["challenge"]: e for e in DATA["evaluations"]}

pytestmark = pytest.mark.xdist_group("demo-" + __name__)


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """seed_demo once for the module (it takes seconds, on PostgreSQL ten), rolled back after the module; each
    test runs in a savepoint inside it, so what a test changes is undone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return None


def challenge_of(key: str) -> Challenge:
    """The demo challenge with the title given in challenges.json (slugs are made from the titles)."""
    title = CHALLENGES[key]["title"]["fi"]
    return next(c for c in Challenge.objects.all() if c.title.get("fi") == title and not hasattr(c, "adopted_from"))


def expected_total(key: str, lead: str) -> float:
    """The weighted total (0–100) of one proposal from the demo scores, overrides applied, recused left out."""
    weights = [c["weight"] for c in CALLS[key]["criteria"]]
    spec = EVALUATIONS[key]
    values: list[list[float]] = [[] for _ in weights]
    for evaluator in spec["evaluators"]:
        plan = evaluator["proposals"].get(lead)
        if plan is None or isinstance(plan, dict) or evaluator.get("submitted") is None:
            continue
        scores = [value for value, _comment in plan[: len(weights)]]
        for item in spec.get("overrides", []):
            if item["evaluator"] == evaluator["email"] and item["proposal"] == lead:
                scores[item["criterion"]] = item["value"]
        for i, value in enumerate(scores):
            values[i].append(value / 5)  # the prefilled criteria are numeric 0–5
    weighted = sum(w * sum(v) / len(v) for w, v in zip(weights, values, strict=True))
    return round(weighted / sum(weights) * 100, 1)


def test_evaluations_decisions_and_the_adoption(demo):
    from haastemoottori.evaluation.aggregation import ranking
    from haastemoottori.evaluation.selectors import proposals_with_evaluations

    kivisto = challenge_of("kivisto-hulevedet")
    spec = EVALUATIONS["kivisto-hulevedet"]
    assert (
        EvaluatorAssignment.objects.filter(proposal__call__challenge=kivisto).values("evaluator").distinct().count()
        == len(spec["evaluators"])
        == 3
    )
    recused = Declaration.objects.get(assignment__proposal__call__challenge=kivisto, status="recused")
    assert recused.reason == "declared"
    assert recused.assignment.evaluator.email == "espoo.evaluator@demo.haastemoottori.fi"
    assert recused.assignment.proposal.lead.slug == "sadeviisas"
    assert not Evaluation.objects.filter(assignment=recused.assignment).exists()
    criteria = list(EvaluationForm.objects.get(call__challenge=kivisto).criteria.order_by("order", "pk"))
    results = ranking(proposals_with_evaluations(challenge=kivisto), criteria, viewer=AnonymousUser())
    totals = {r.proposal.lead.slug: r.total for r in results}
    assert totals == {
        lead: expected_total("kivisto-hulevedet", lead) for lead in ("sadeviisas", "havsdata", "datapuro")
    }
    assert results[0].proposal.lead.slug == "sadeviisas" and results[0].recused == 1

    decided = [d for e in DATA["evaluations"] for d in e.get("decisions", [])]
    assert Decision.objects.count() == len(decided) == 7
    assert Decision.objects.filter(feedback_sent_at__isnull=False).count() == 7
    assert {(d.proposal.lead.slug, d.outcome) for d in Decision.objects.select_related("proposal__lead")} == {
        (d["proposal"], d["outcome"]) for d in decided
    }
    assert all(d.decided_at < d.feedback_sent_at for d in Decision.objects.all())
    # Still under way: one evaluator of the Jätkäsaari call has submitted, the other has a draft; no decision yet.
    jatkasaari = challenge_of("jatkasaari-lastausalueet")
    states = sorted(
        Evaluation.objects.filter(assignment__proposal__call__challenge=jatkasaari).values_list("status", flat=True)
    )
    assert states == ["draft", "submitted"]
    assert not Decision.objects.filter(proposal__call__challenge=jatkasaari).exists()
    kielipolku = challenge_of("tyopaikan-kielipolku")
    assert EvaluatorAssignment.objects.filter(proposal__call__challenge=kielipolku).count() == 2
    for action in (
        "evaluator_recused",
        "evaluation_submitted",
        "score_overridden",
        "decision_made",
        "decision_feedback_sent",
        "pilot_finished",
        "kpi_measured",
        "checked_in",
        "adopted",
        "reference_issued",
        "reference_visibility",
    ):
        assert AuditEvent.objects.filter(action=action).exists(), action

    adoption = Adoption.objects.get()
    assert adoption.organisation.slug == "vantaa" and adoption.source_pilot.status == "finished"
    adopted = adoption.adopted_challenge
    assert adopted.stage == "draft" and adopted.ownerships.get(role="lead").organisation.slug == "vantaa"
    results_fi = next(p for p in DATA["pilots"] if p.get("finish"))["finish"]["results"]["fi"]
    assert results_fi in adopted.tried["fi"]


def test_public_pilots_and_the_impact_dashboard(demo, client):
    from haastemoottori.impact.figures import figure_compute, figures_compute
    from haastemoottori.impact.selectors import impact_filters_for

    assert Pilot.objects.public().count() == len(DATA["pilots"]) == 4
    with translation.override("en"):
        page = client.get(reverse("pilots:list"))
        assert page.status_code == 200
        text = html.unescape(page.content.decode())
        for spec in DATA["pilots"]:
            assert spec["title"]["en"] in text
        finished = Pilot.objects.get(status="finished")
        detail = html.unescape(client.get(reverse("pilots:detail", args=[finished.pk])).content.decode())
    spec = next(p for p in DATA["pilots"] if p.get("finish"))
    assert spec["finish"]["results"]["en"] in detail and finished.scale_up == "procure"
    for spec, pilot in ((s, Pilot.objects.get(proposal__lead__slug=s["proposal"])) for s in DATA["pilots"]):
        assert pilot.check_ins.count() == len(spec["check_ins"])
        assert {s.organisation.slug: s.amount for s in pilot.budget_shares.select_related("organisation")} == {
            slug: Decimal(amount) for slug, amount in spec["budget_shares"].items()
        }
        assert pilot.milestones.filter(done_at__isnull=False).count() == sum(m["done"] for m in spec["milestones"])
    assert CheckIn.objects.count() == sum(len(s["check_ins"]) for s in DATA["pilots"])
    co2e = KPI.objects.get(is_co2e=True)
    assert co2e.unit and co2e.method and co2e.measurements.count() >= 3

    figures = {f.key: f for f in figures_compute(impact_filters_for(user=AnonymousUser(), staff=False))}
    pilots = dict((str(label), n) for label, n in figures["pilots"].rows)
    assert list(pilots.values()) == [4, 1, 0]  # started, finished, stopped
    expected: dict[str, Decimal] = {}
    for path in DATA["procurement"]:
        info = CHALLENGES[path["challenge"]]
        cities = {info["lead"]} | {c["org"] for c in info.get("co_owners", []) if c["role"] == "co_owner"}
        cities &= {"helsinki", "espoo", "vantaa"}
        for city in cities:
            expected[city] = expected.get(city, Decimal(0)) + sum(Decimal(a["value"]) for a in path["awards"])
    with translation.override("en"):
        rows = {
            row[0]: (row[2], row[3])
            for row in figure_compute("procurement-value", impact_filters_for(user=AnonymousUser(), staff=False)).rows
        }
        names = {slug: str(Organisation.objects.get(slug=slug)) for slug in expected}
    # Awarded and contracted (every award here has contracts of the same total), by owning city.
    assert rows == {names[slug]: (value, value) for slug, value in expected.items()}
    assert len(rows) == 2 and all(value > 0 for value, _c in rows.values())
    kpi = next(k for s in DATA["pilots"] for k in s["kpis"] if k.get("co2e"))
    assert figures["co2e"].rows == [
        [kpi["unit"], 1, Decimal(str(kpi["baseline"])) - Decimal(str(kpi["measurements"][-1]["value"]))]
    ]
    with translation.override("en"):
        assert client.get(reverse("impact:dashboard")).status_code == 200


def test_procured_challenge_exports_valid_ocds_and_seeding_again_changes_nothing(demo, client):
    assert ProcurementPath.objects.count() == len(DATA["procurement"]) == 2
    for spec in DATA["procurement"]:
        challenge = challenge_of(spec["challenge"])
        with translation.override("en"):
            response = client.get(reverse("procurement:ocds", args=[challenge.slug]))
        assert response.status_code == 200
        package = response.json()
        assert schema_errors(package) == [] and codelist_errors(package) == []
        tags = [r["tag"][0] for r in package["releases"]]
        assert tags == ["planning", "tender", "award", "contract", "implementation"]
        award = next(r for r in package["releases"] if r["tag"] == ["award"])
        assert sorted(a["value"]["amount"] for a in award["awards"]) == sorted(a["value"] for a in spec["awards"])
        tender = next(r for r in package["releases"] if r["tag"] == ["tender"])["tender"]
        assert tender["numberOfTenderers"] == len(CALLS[spec["challenge"]]["proposals"])
        notice_ids = json.dumps(tender["documents"])
        assert all(n["id"] in notice_ids for n in spec["notices"])
        # Proposals appear only as a count and through the awarded supplier: no confidential answer leaks.
        secret = CALLS[spec["challenge"]]["proposals"][0]["answers"][1]
        assert secret[:40] not in response.content.decode()
    procured = challenge_of("ikaihmisten-etaryhmat")
    assert procured.stage == "closed" and procured.outcome == "procured"

    counts = [m.objects.count() for m in (Proposal, Evaluation, Decision, Pilot, Award, Contract, Adoption, AuditEvent)]
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())
    assert [
        m.objects.count() for m in (Proposal, Evaluation, Decision, Pilot, Award, Contract, Adoption, AuditEvent)
    ] == counts


def test_the_finished_pilot_has_a_signed_reference_on_the_company_profile(demo, client):
    from haastemoottori.credentials.verification import Outcome, verify_presented
    from haastemoottori.references.models import PilotReference

    references = list(PilotReference.objects.select_related("organisation", "issuer"))
    assert references
    for reference in references:
        assert reference.issuer.slug == "helsinki" and reference.is_public
        assert verify_presented(reference.token).outcome == Outcome.VALID
    profile = client.get(reverse("organisations:detail", args=[reference.organisation.slug]))
    assert str(reference.pk) in profile.content.decode()
