"""A small world with known dates: three cities, challenges in several stages, stage changes at known times,
proposals from SMEs and a returning company. The numbers the tests expect are derived in the comments."""

from datetime import UTC, datetime

import pytest

from conftest import make_org
from haastemoottori.alerts.models import Follow
from haastemoottori.challenges.models import Challenge, ChallengeOwnership, StageChange
from haastemoottori.organisations.models import Department
from haastemoottori.proposals.models import Call, Proposal, ProposalPartner
from haastemoottori.qa.models import Question

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def at(year, month, day):
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


def make_world_challenge(slug, *, stage, created, changes, owners, themes=(), title=None):
    """``changes``: [(from, to, moment)]; published when it first entered a public stage."""
    published = next((moment for _f, to, moment in changes if to in ("co_definition", "open_call")), None)
    challenge = Challenge.objects.create(
        slug=slug, original_language="fi", stage=stage, published_at=published, title=title or {"fi": slug.upper()}
    )
    Challenge.objects.filter(pk=challenge.pk).update(created_at=created)
    for source, target, moment in changes:
        StageChange.objects.create(challenge=challenge, from_stage=source, to_stage=target, changed_at=moment)
    for organisation, role, department in owners:
        ChallengeOwnership.objects.create(
            challenge=challenge, organisation=organisation, role=role, department=department
        )
    challenge.themes.set(themes)
    return challenge


def submitted(call, lead, moment, *, status="submitted", title="Ehdotus"):
    return Proposal.objects.create(
        call=call, lead=lead, title=title, status=status, submitted_at=moment if status != "draft" else None
    )


@pytest.fixture
def world(region, time_machine):
    time_machine.move_to(NOW, tick=False)
    r = region
    sdg, carbon = r.themes
    espoo_env = Department.objects.create(organisation=r.espoo, slug="ymparisto", name={"fi": "Ympäristö"})
    vantaa_env = Department.objects.create(
        organisation=r.vantaa, slug="kaupunkiymparisto", name={"fi": "Kaupunkiympäristö"}
    )
    # A: Espoo leads, Vantaa co-owns; open call. Public stays: co-definition 39 d, open call 106 d (until now).
    a = make_world_challenge(
        "a",
        stage="open_call",
        created=at(2025, 1, 1),
        themes=[sdg],
        changes=[
            ("draft", "in_review", at(2025, 1, 11)),
            ("in_review", "co_definition", at(2025, 1, 21)),
            ("co_definition", "open_call", at(2025, 3, 1)),
        ],
        owners=[(r.espoo, "lead", espoo_env), (r.vantaa, "co_owner", None)],
    )
    # B: Vantaa, published 2024; open call 30 d, evaluation 349 d (until now).
    b = make_world_challenge(
        "b",
        stage="evaluation",
        created=at(2024, 5, 1),
        themes=[carbon],
        changes=[
            ("draft", "in_review", at(2024, 5, 5)),
            ("in_review", "open_call", at(2024, 6, 1)),
            ("open_call", "evaluation", at(2024, 7, 1)),
        ],
        owners=[(r.vantaa, "lead", vantaa_env)],
    )
    # C: Helsinki; co-definition 28, open call 31, evaluation 30, piloting 36 (until now).
    c = make_world_challenge(
        "c",
        stage="piloting",
        created=at(2025, 2, 1),
        themes=[sdg, carbon],
        changes=[
            ("draft", "in_review", at(2025, 2, 3)),
            ("in_review", "co_definition", at(2025, 2, 10)),
            ("co_definition", "open_call", at(2025, 3, 10)),
            ("open_call", "evaluation", at(2025, 4, 10)),
            ("evaluation", "piloting", at(2025, 5, 10)),
        ],
        owners=[(r.helsinki, "lead", None)],
    )
    # D: Espoo's draft (74 days so far); E: Vantaa's challenge in review. Neither is public.
    d = make_world_challenge(
        "d", stage="draft", created=at(2025, 4, 2), changes=[], owners=[(r.espoo, "lead", espoo_env)]
    )
    e = make_world_challenge(
        "e",
        stage="in_review",
        created=at(2025, 3, 1),
        changes=[("draft", "in_review", at(2025, 3, 5))],
        owners=[(r.vantaa, "lead", None)],
    )

    kasvu = make_org("kasvu", kind="company", name={"fi": "Kasvu Oy"})
    tutkimus = make_org("tutkimus", kind="research", name={"fi": "Tutkimuslaitos"})
    iso = make_org("isoyritys", kind="company", name={"fi": "Isoyritys Oyj"})
    r.company.is_sme, kasvu.is_sme, tutkimus.is_sme, iso.is_sme = True, True, False, False
    for org in (r.company, kasvu, tutkimus, iso):
        org.save(update_fields=["is_sme"])
    call_a, call_b, call_c = (Call.objects.create(challenge=x) for x in (a, b, c))
    submitted(call_b, r.company, at(2024, 6, 15))  # the company's first proposal: returning in 2025
    submitted(call_a, r.company, at(2025, 3, 15))
    p3 = submitted(call_a, kasvu, at(2025, 3, 20))
    ProposalPartner.objects.create(proposal=p3, organisation=tutkimus, business_id="1", status="confirmed")
    ProposalPartner.objects.create(proposal=p3, organisation=iso, business_id="2", status="invited")
    submitted(call_c, iso, None, status="draft")  # not counted
    submitted(call_c, tutkimus, at(2025, 3, 25))
    submitted(call_b, iso, at(2024, 6, 20), status="withdrawn")  # not counted

    Follow.objects.create(user=r.people["outsider"], kind="challenge", challenge=a)
    Follow.objects.create(user=r.people["company_admin"], kind="challenge", challenge=a)
    Question.objects.create(
        challenge=a,
        number=1,
        language="fi",
        text="Kysymys?",
        public_text="Kysymys?",
        answer={"fi": "Vastaus."},
        original_language="fi",
        status="published",
        published_at=at(2025, 3, 3),
    )
    Question.objects.create(challenge=a, language="fi", text="Salainen kysymys?", status="pending")

    r.challenges = {"a": a, "b": b, "c": c, "d": d, "e": e}
    r.departments = {"espoo": espoo_env, "vantaa": vantaa_env}
    r.solvers = {"kasvu": kasvu, "tutkimus": tutkimus, "iso": iso}
    return r
