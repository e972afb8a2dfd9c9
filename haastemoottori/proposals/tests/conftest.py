"""A challenge with an open call, its questions, a lead company, a partner and people in every role."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import make_org, make_user, publishable
from haastemoottori.challenges import services as challenge_services
from haastemoottori.evaluation.models import EvaluatorAssignment
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services

Role = Membership.Role
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(name: str, data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def open_call(region, make_challenge, *, deadline=None):
    """A challenge in open call, Espoo lead and Vantaa contributor; the call with four questions."""
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.vantaa, role="contributor"
    )
    challenge = challenge_services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    if deadline is not None:
        type(challenge).objects.filter(pk=challenge.pk).update(call_deadline=deadline)
        challenge.refresh_from_db()
    services.call_update(
        actor=owner,
        challenge=challenge,
        eligibility={"fi": "Yritykset"},
        instructions={"fi": "Ohjeet"},
        max_file_size=100_000,
        max_files=3,
    )
    services.criterion_add(actor=owner, challenge=challenge, name={"fi": "Vaikuttavuus"}, description={}, weight=60)
    q = {
        "public": services.question_add(
            actor=owner,
            challenge=challenge,
            values={"label": {"fi": "Tiivistelmä", "en": "Summary"}, "kind": "text", "required": True, "order": 1},
        ),
        "secret": services.question_add(
            actor=owner,
            challenge=challenge,
            values={
                "label": {"fi": "Liikesalaisuus", "en": "Trade secret"},
                "kind": "text",
                "confidential": True,
                "order": 2,
            },
        ),
        "price": services.question_add(
            actor=owner,
            challenge=challenge,
            values={
                "label": {"fi": "Hinta", "en": "Price"},
                "kind": "number",
                "confidential": True,
                "min_value": 0,
                "order": 3,
            },
        ),
        "trl": services.question_add(
            actor=owner,
            challenge=challenge,
            values={
                "label": {"fi": "Kypsyys", "en": "Maturity"},
                "kind": "choice",
                "order": 4,
                "choices": [{"fi": "Idea", "en": "Idea"}, {"fi": "Valmis", "en": "Ready"}],
            },
        ),
        "plan": services.question_add(
            actor=owner,
            challenge=challenge,
            values={
                "label": {"fi": "Suunnitelma", "en": "Plan"},
                "kind": "file",
                "confidential": True,
                "max_files": 2,
                "order": 5,
            },
        ),
    }
    challenge.refresh_from_db()
    return challenge, q


@pytest.fixture
def world(region, make_challenge):
    challenge, questions = open_call(region, make_challenge)
    lead = region.company
    partner_org = make_org("kumppani", kind="company", name={"fi": "Kumppani Oy"}, business_id="1572860-0")
    other = make_org("kilpailija", kind="company", name={"fi": "Kilpailija Oy"}, business_id="2464491-9")
    people = dict(region.people)
    people.update(
        {
            "lead_member": make_user("member@company.test", lead, Role.MEMBER),
            "lead_admin": region.people["company_admin"],
            "partner_admin": make_user("admin@kumppani.test", partner_org, Role.ADMIN),
            "partner_member": make_user("member@kumppani.test", partner_org, Role.MEMBER),
            "other_company": make_user("member@kilpailija.test", other, Role.MEMBER),
            "evaluator": make_user("evaluator@example.test"),
            "evaluator_like": make_user("unassigned@example.test"),
        }
    )

    class World:
        pass

    w = World()
    w.region, w.challenge, w.q, w.lead, w.partner_org, w.other, w.people = (
        region,
        challenge,
        questions,
        lead,
        partner_org,
        other,
        people,
    )
    return w


def make_proposal(w, *, title="Lämpöpumppu", hidden="salainen", submit=False, partner=None, actor=None):
    actor = actor or w.people["lead_member"]
    p = services.proposal_start(actor=actor, challenge=w.challenge, lead=w.lead, title=title, another=True)
    p = services.proposal_save(
        actor=actor,
        proposal=p,
        version=p.version,
        answers={
            w.q["public"].pk: "Julkinen tiivistelmä",
            w.q["secret"].pk: hidden,
            w.q["price"].pk: "12345.67",
            w.q["trl"].pk: 1,
        },
    )
    services.attachment_upload(actor=actor, proposal=p, question=w.q["plan"], uploaded_file=upload("plan.pdf"))
    if partner is not None:
        pp = services.partner_invite(actor=actor, proposal=p, business_id=partner.identifiers.first().identifier)
        if partner == w.partner_org:
            services.partner_respond(actor=w.people["partner_admin"], partner=pp, confirm=True)
    if submit:
        p = services.proposal_submit(actor=actor, proposal=p)
    p.refresh_from_db()
    return p


def assign(w, proposal, who="evaluator"):
    EvaluatorAssignment.objects.create(proposal=proposal, evaluator=w.people[who])


def close_call(challenge):
    type(challenge).objects.filter(pk=challenge.pk).update(call_deadline=timezone.now() - timedelta(seconds=1))
    challenge.refresh_from_db()
