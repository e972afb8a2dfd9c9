"""The small world the authorisation matrix and the leak crawl run in (built through the services where they
exist): Espoo leads a challenge past its call deadline, Vantaa co-owns it; the lead company's proposal has a
confirmed consortium partner, confidential answers and a private attachment; a competitor's proposal; three
evaluators (assigned, recused, unassigned); Helsinki owns a challenge of its own; events, a pilot with a KPI and
a milestone, signals, a backlog, Q&A and comments; an unverified company whose registrant never confirmed.

Every confidential value carries a marker (``MARKERS``) that the leak crawl looks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges import services as challenge_services
from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.core.errors import ServiceError
from haastemoottori.evaluation import services as evaluation_services
from haastemoottori.evaluation.models import EvaluationCriterion, EvaluatorAssignment
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services as proposal_services
from haastemoottori.proposals.tests.conftest import close_call, open_call, upload

Role = Membership.Role

# One marker per kind of confidential value; each is unique text no public page could contain by chance.
MARKERS = {
    "confidential_answer": "MRK-SECRET-ANSWER-5d1e",
    "confidential_number": "918273.64",
    "attachment_content": "MRK-ATTACHMENT-BODY-77aa",
    "attachment_name": "mrk-private-plan-3c9b.pdf",
    "draft_title": "MRK-DRAFT-TITLE-c0de",
    "draft_answer": "MRK-DRAFT-ANSWER-beef",
    "unanswered_question": "MRK-UNANSWERED-QUESTION-4411",
    "score_comment": "MRK-SCORE-COMMENT-9f0e",
    "declaration": "MRK-DECLARATION-1a2b",
    "decision_justification": "MRK-DECISION-JUSTIFICATION-6d6d",
    "lead_email": "mrk.lead.person@yritys-mrk.test",
    "partner_email": "mrk.partner.person@kumppani-mrk.test",
    "evaluator_email": "mrk.evaluator@arvioija-mrk.test",
    "unverified_email": "mrk.unverified@claim-mrk.test",
    # a request to pilot on Espoo's platform: its confidential details and thread (the lead company's and Espoo's)
    "pilot_request_safety": "MRK-PILOT-SAFETY-61f0",
    "pilot_request_data": "MRK-PILOT-DATA-2d7e",
    "pilot_request_thread": "MRK-PILOT-THREAD-8a3c",
    "pilot_request_conditions": "MRK-PILOT-CONDITIONS-0b5d",
}

ALL = set(MARKERS)
# What each role must never see. The recused evaluator is a member of co-owner Vantaa: the owners' pages show
# them the call's other proposal, its evaluators and the questions asked, but nothing of the proposal they are
# recused from; their own declaration is theirs.
FORBIDDEN = {
    "anonymous": ALL,
    "unrelated": ALL,
    "unverified": ALL - {"unverified_email"},  # the registrant's own address
    "competitor": ALL,
    "other_city": ALL,
    "unassigned": ALL,
    "recused": ALL - {"declaration", "evaluator_email", "unanswered_question"},
}
ROLES = [
    "anonymous",
    "unrelated",  # a member of a company with nothing to do with the challenge
    "lead",  # a member of the proposing company
    "partner",  # a member of the consortium partner
    "unverified",  # the registrant of a company who never confirmed the e-mail address
    "other_city",  # Helsinki's challenge owner
    "owner",  # Espoo's challenge owner (the lead city)
    "co_owner",  # Vantaa's challenge owner (a co-owner)
    "evaluator",  # assigned to the lead's proposal, cleared, scored
    "recused",  # a member of co-owner Vantaa, assigned, declared a conflict
    "unassigned",  # an evaluator with no assignment
    "admin",  # platform admin
]


class World:
    pass


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def markers_in(text: str, names) -> list[str]:
    """The names of the markers in ``text`` (case-insensitively)."""
    lowered = text.lower()
    return [n for n in names if MARKERS[n].lower() in lowered]


@contextmanager
def module_world(django_db_blocker) -> Iterator[World]:
    """The world built once for a test module, in a transaction rolled back at its end (each test's own
    transaction nests in it). The project's ``region`` and ``make_challenge`` fixtures build its base. The
    e-mails sent while it is built (commit callbacks run) are kept as ``world.outbox``."""
    import conftest

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            sent_before = len(getattr(mail, "outbox", []))
            region = conftest.region.__wrapped__(None)
            make_challenge = conftest.make_challenge.__wrapped__(region)
            with TestCase.captureOnCommitCallbacks(execute=True):
                world = build(region, make_challenge)
            world.outbox = list(getattr(mail, "outbox", []))[sent_before:]
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build(region, make_challenge) -> World:
    w = World()
    w.region = region
    owner = region.people["espoo_owner"]
    challenge, q = open_call(region, make_challenge)
    ChallengeOwnership.objects.filter(challenge=challenge, organisation=region.vantaa).update(role="co_owner")
    w.challenge, w.q = challenge, q
    lead_org = region.company
    partner_org = make_org("kumppani", kind="company", name={"fi": "Kumppani Oy"}, business_id="1572860-0")
    other_org = make_org("kilpailija", kind="company", name={"fi": "Kilpailija Oy"}, business_id="2464491-9")
    unrelated_org = make_org("sivullinen", kind="company", name={"fi": "Sivullinen Oy"}, business_id="0737546-2")
    w.lead_org, w.partner_org, w.other_org, w.unrelated_org = lead_org, partner_org, other_org, unrelated_org
    people = {
        "unrelated": make_user("member@sivullinen.test", unrelated_org, Role.MEMBER),
        "lead": make_user(MARKERS["lead_email"], lead_org, Role.MEMBER),
        "partner": make_user(MARKERS["partner_email"], partner_org, Role.MEMBER),
        "partner_admin": make_user("admin@kumppani.test", partner_org, Role.ADMIN),
        "competitor": make_user("member@kilpailija.test", other_org, Role.MEMBER),
        "other_city": region.people["helsinki_owner"],
        "owner": owner,
        "co_owner": region.people["vantaa_owner"],
        "evaluator": make_user(MARKERS["evaluator_email"]),
        "recused": make_user("evaluator@vantaa.test", region.vantaa, Role.EVALUATOR),
        "unassigned": make_user("unassigned@example.test"),
        "admin": region.people["platform_admin"],
    }
    # The unverified company: signed up with a Business ID, the e-mail address never confirmed.
    from haastemoottori.signup.services import company_signup

    people["unverified"] = company_signup(
        email=MARKERS["unverified_email"],
        full_name="Väärä Väittäjä",
        password="Pitkä-salasana-42x",
        company_name="Väitetty Oy",
        business_id="0112038-9",
        language="fi",
        base_url="http://testserver",
    )
    w.people = people

    # The lead's proposal: confidential answers, a private attachment, a confirmed partner.
    lead = people["lead"]
    p1 = proposal_services.proposal_start(actor=lead, challenge=challenge, lead=lead_org, title="Lämpöpumppuratkaisu")
    p1 = proposal_services.proposal_save(
        actor=lead,
        proposal=p1,
        version=p1.version,
        answers={
            q["public"].pk: "Julkinen tiivistelmä lämpöpumpuista",
            q["secret"].pk: MARKERS["confidential_answer"],
            q["price"].pk: MARKERS["confidential_number"],
            q["trl"].pk: 1,
        },
    )
    body = b"%PDF-1.4\n" + MARKERS["attachment_content"].encode() + b"\n%%EOF\n"
    w.attachment = proposal_services.attachment_upload(
        actor=lead, proposal=p1, question=q["plan"], uploaded_file=upload(MARKERS["attachment_name"], body)
    )
    w.partner = proposal_services.partner_invite(actor=lead, proposal=p1, business_id="1572860-0")
    proposal_services.partner_respond(actor=people["partner_admin"], partner=w.partner, confirm=True)
    w.p1 = proposal_services.proposal_submit(actor=lead, proposal=p1)
    # The competitor's proposal (submitted) and a draft of the lead company's that nobody else may see.
    competitor = people["competitor"]
    p2 = proposal_services.proposal_start(actor=competitor, challenge=challenge, lead=other_org, title="Aurinkokenno")
    p2 = proposal_services.proposal_save(
        actor=competitor, proposal=p2, version=p2.version, answers={q["public"].pk: "Toinen tiivistelmä"}
    )
    w.p2 = proposal_services.proposal_submit(actor=competitor, proposal=p2)
    draft = proposal_services.proposal_start(
        actor=lead, challenge=challenge, lead=lead_org, title=MARKERS["draft_title"], another=True
    )
    w.draft = proposal_services.proposal_save(
        actor=lead, proposal=draft, version=draft.version, answers={q["public"].pk: MARKERS["draft_answer"]}
    )
    try:  # the unverified claimant's Business ID: refused once organisations are verified (issue 19)
        w.unverified_invite = proposal_services.partner_invite(actor=lead, proposal=w.draft, business_id="0112038-9")
    except ServiceError:
        w.unverified_invite = None
    # A question nobody has answered yet (asked while the call was open).
    from haastemoottori.qa import services as qa_services

    w.question = qa_services.question_ask(
        actor=people["partner_admin"], challenge=challenge, text=MARKERS["unanswered_question"], language="fi"
    )
    close_call(challenge)

    # Evaluation: a form, the assigned evaluator cleared and scored, the Vantaa evaluator recused.
    w.criterion = evaluation_services.criterion_add(
        actor=owner,
        challenge=challenge,
        name={"fi": "Vaikuttavuus"},
        weight=100,
        scale=EvaluationCriterion.Scale.NUMERIC,
        scale_min=Decimal(0),
        scale_max=Decimal(10),
        comment_required=True,
    )
    w.assignments = {}
    for who in ("evaluator", "recused"):
        for key, proposal in (("p1", w.p1), ("p2", w.p2)):
            w.assignments[who, key] = EvaluatorAssignment.objects.create(
                proposal=proposal, evaluator=people[who], assigned_by=owner
            )
    for key in ("p1", "p2"):
        evaluation_services.declaration_make(
            actor=people["recused"],
            assignment=_fresh(w.assignments["recused", key]),
            has_conflict=True,
            description=MARKERS["declaration"],
        )
    evaluation_services.declaration_make(
        actor=people["evaluator"], assignment=_fresh(w.assignments["evaluator", "p1"]), has_conflict=False
    )
    evaluation = evaluation_services.evaluation_save(
        actor=people["evaluator"],
        assignment=_fresh(w.assignments["evaluator", "p1"]),
        values={w.criterion.pk: ("8", MARKERS["score_comment"])},
        submit=True,
    )
    w.score = evaluation.scores.get()
    # A decision on it whose feedback has not been sent: nobody outside the owners learns it yet.
    w.decision = evaluation_services.decision_make(
        actor=owner, proposal=w.p1, outcome="selected", justification=MARKERS["decision_justification"]
    )

    # Helsinki's own challenge (a draft): the other city's objects for the IDOR cases.
    w.other_challenge = make_challenge(
        lead=region.helsinki, actor=people["other_city"], title={"fi": "Helsingin haaste", "en": "Helsinki's"}
    )
    _extras(w, region, owner)
    return w


def _fresh(assignment):
    return EvaluatorAssignment.objects.select_related("proposal__call__challenge", "evaluator").get(pk=assignment.pk)


def _reference(w, owner) -> None:
    """A finished pilot of the challenge and Espoo's signed reference to the lead company (not shown publicly)."""
    from haastemoottori.pilots.models import Pilot, PilotParticipant
    from haastemoottori.references import services as reference_services

    pilot = Pilot.objects.create(
        challenge=w.challenge,
        title={"fi": "Päättynyt pilotti"},
        original_language="fi",
        status=Pilot.Status.FINISHED,
        results={"fi": "Päästöt laskivat."},
    )
    PilotParticipant.objects.create(pilot=pilot, organisation=w.lead_org, role=PilotParticipant.Role.COMPANY)
    (w.reference,) = reference_services.reference_issue(
        actor=owner,
        pilot=pilot,
        organisations=[w.lead_org],
        statement="Hyvä yhteistyö.",
        signer_role="Johtaja",
        language="fi",
    )
    w.status_list_slug = w.reference.status_entry["statusListCredential"].rstrip("/").rsplit("/", 1)[-1]


def _extras(w, region, owner) -> None:
    """Events, a pilot, signals and the backlog: the objects the other URL patterns take."""
    from haastemoottori.backlog.models import Candidate, Criterion
    from haastemoottori.events import services as event_services
    from haastemoottori.pilots import services as pilot_services
    from haastemoottori.pilots.models import Pilot
    from haastemoottori.signals.models import Signal, SignalCluster, SignalImport

    now = timezone.now()
    w.event = event_services.event_create(
        actor=owner,
        organiser=region.espoo,
        original_language="fi",
        title={"fi": "Työpaja"},
        challenges=[w.challenge],
        kind="workshop",
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2),
        location="Espoo",
        language="fi",
    )
    w.pilot = Pilot.objects.create(challenge=w.challenge, title={"fi": "Pilotti"}, original_language="fi")
    w.kpi = pilot_services.kpi_add(
        actor=owner,
        pilot=w.pilot,
        name={"fi": "Päästöt"},
        baseline="100",
        target="60",
        direction="decrease",
        unit="t",
        method="Mittaus",
        is_co2e=False,
    )
    w.milestone = pilot_services.milestone_add(
        actor=owner, pilot=w.pilot, title={"fi": "Asennus"}, due_date=(now + timedelta(days=30)).date()
    )
    w.cluster = SignalCluster.objects.create(name={"fi": "Talvipyöräily"}, signal_count=1, city_count=1)
    w.signal = Signal.objects.create(
        source="expert", title="Pyörätiet jäässä", language="fi", city=region.espoo, observed_at=now, cluster=w.cluster
    )
    w.spare_signal = Signal.objects.create(
        source="expert", title="Valaistus puuttuu", language="fi", city=region.espoo, observed_at=now
    )
    w.signal_import = SignalImport.objects.create(
        format="csv", city=region.espoo, file_name="palaute.csv", status="done"
    )
    _reference(w, owner)
    w.draft_challenge = challenge_services.challenge_create(
        actor=owner, lead=region.espoo, original_language="fi", title={"fi": "Espoon luonnos"}
    )
    w.candidate = Candidate.objects.create(challenge=w.draft_challenge)
    w.backlog_criterion = Criterion.objects.create(organisation=region.espoo, name={"fi": "Vaikuttavuus"}, weight=50)
    _pilot_request(w, region, owner)


def _pilot_request(w, region, owner) -> None:
    """The lead company asks to pilot on Espoo's Testikylä; Espoo asks, the company answers, Espoo approves with
    conditions: the pilot is public on the platform's page, its confidential details are not."""
    from haastemoottori.pilots import services as pilot_services

    lead = w.people["lead"]
    today = timezone.localdate()
    request = pilot_services.pilot_request_submit(
        actor=lead,
        platform=region.platform,
        requester=w.lead_org,
        title="Lämpöpumppujen etäohjaus",
        summary="Julkinen kuvaus pilotista",
        site_area="Koulun piha",
        start_date=today,
        end_date=today + timedelta(days=30),
        needs=["power", "data"],
        needs_details=MARKERS["pilot_request_data"],
        safety_notes=MARKERS["pilot_request_safety"],
        data_protection_notes=MARKERS["pilot_request_data"],
    )
    pilot_services.pilot_request_ask(actor=owner, request=request, body=MARKERS["pilot_request_thread"])
    pilot_services.pilot_request_answer(actor=lead, request=request, body="Vastaus kysymykseen")
    w.pilot_request = pilot_services.pilot_request_approve(
        actor=owner, request=request, conditions=MARKERS["pilot_request_conditions"]
    )
