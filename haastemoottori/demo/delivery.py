"""Loads the delivery demo (``data/delivery.json``): evaluation, pilots, procurement and adoption.

Everything goes through the services of the evaluation, pilots and procurement apps, acting as the person who
would do it, so the demo also exercises their permissions and audit: the owners configure the evaluation form,
assign evaluators and decide; evaluators declare their interests (one declares a conflict) and score; the owners
start pilots and record milestones, KPIs and results; company people check in; another city adopts a finished pilot.

The challenges with a call in this file wait in the open-call stage while ``loader.py`` replays the others. Their
call is configured and answered while it is open (its past deadline is moved ahead for that and put back, as in
``codevelopment.py``); then ``DemoLoader.advance`` moves them through evaluation and piloting to their demo stage.
What happened in the past gets its timestamps backdated afterwards (only timestamps, and the receipt hash that
covers the submission time).

The file (slugs refer to challenges.json, companies.json and cities.json; ``days`` count from today unless said):
- ``people``: extra demo users ``{email, name, organisation, role, language}``; ``contacts``: the admin created
  for a company that has no person yet ``{organisation, name, language}``.
- ``stages``: ``{challenge: {stage: days}}`` when a step should not happen at deadline + ``STEP_DAYS``.
- ``calls``: as in codevelopment.json, plus ``proposals`` (``lead``, ``partners``, ``title``, ``language``,
  ``answers`` one per question, ``submitted_before``: days before the deadline). Only these are held back.
- ``evaluations``: ``challenge``, ``extra_criteria`` (criterion_add arguments), ``evaluators``: ``{email,
  language, declared, submitted (null: a draft), proposals: {lead: [[score, comment], …] | {conflict,
  business_ids} | null (assigned only)}}``, ``overrides``, ``decisions`` ``{proposal, outcome, justification,
  feedback}``, ``decided``, ``feedback_sent``; the times here are days after the call deadline.
- ``pilots``: ``{challenge, proposal (lead), title, scope, platform, location, budget_total, budget_shares,
  milestones [{title, due, done}], kpis [{name, unit, method, baseline, target, direction, co2e,
  measurements [{days, value, note}], corrections [{of: index, value, recorded, note}]}], check_ins [{by: org,
  days, status, summary, next_steps, language}], finish {days, results, lessons, scale_up, reasons}}``; the
  pilot runs from the challenge's ``pilot_start`` to ``pilot_end``.
- ``procurement``: ``{challenge, route, description, notices [{kind, id, days}], awards [{proposal, value, days,
  contracts [{value, signed, start, end, status}]}]}``; ``adoptions``: ``{challenge, pilot (lead), organisation}``.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.evaluation import services as evaluation_services
from haastemoottori.evaluation.models import (
    Decision,
    Declaration,
    Evaluation,
    EvaluationForm,
    EvaluatorAssignment,
    Score,
    ScoreOverride,
)
from haastemoottori.organisations import services as org_services
from haastemoottori.organisations.models import Membership, Organisation, OrganisationIdentifier
from haastemoottori.pilots.models import Pilot
from haastemoottori.proposals import services as proposal_services
from haastemoottori.proposals.models import Proposal
from haastemoottori.proposals.services.receipt import proposal_content_hash

from .delivery_after import AfterEvaluation
from .settings import DATA_DIR, PATHS, STEP_DAYS


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def held_challenges() -> set[str]:
    """The challenges whose call this module answers; ``loader.py`` stops them at the open call."""
    return {call["challenge"] for call in _read("delivery.json")["calls"]}


class DeliveryLoader(AfterEvaluation):
    def __init__(self, *, loader) -> None:
        self.loader = loader
        self.data = _read("delivery.json")
        self.info = {c["slug"]: c for c in _read("challenges.json")}
        self.contacts = {c["organisation"]: c for c in self.data.get("contacts", [])}

    def load(self) -> None:
        self._people()
        evaluations = {spec["challenge"]: spec for spec in self.data.get("evaluations", [])}
        for call in self.data["calls"]:
            self._deliver(call, evaluations.pop(call["challenge"], None))
        for spec in evaluations.values():  # calls from codevelopment.json, still being evaluated
            self._evaluate(self.challenge(spec["challenge"]), spec)
        self._adoptions()
        self.loader.log(
            f"  {Evaluation.objects.filter(status='submitted').count()} evaluations, "
            f"{Decision.objects.count()} decisions, {Pilot.objects.count()} pilots, "
            f"{len(self.data.get('procurement', []))} procurement paths, "
            f"{len(self.data.get('adoptions', []))} adoptions"
        )

    # --- helpers --------------------------------------------------------------------------------------

    def _user(self, email: str, name: str, language: str) -> User:
        user = User.objects.create_user(email, None, full_name=name, preferred_language=language)
        # The demo password, hashed once: hashing it again for every person is what makes seeding slow.
        user.password = self.loader.admin.password
        user.save(update_fields=["password"])
        return user

    def person(self, slug: str) -> User:
        """Who acts for an organisation: a city's demo editor, or a company's admin (created when missing)."""
        if slug in self.loader.editors:
            return self.loader.editors[slug]
        organisation = Organisation.objects.get(slug=slug)
        user = (
            User.objects.filter(memberships__organisation=organisation, memberships__role__in=Membership.EDITOR_ROLES)
            .order_by("pk")
            .first()
        )
        if user is None:
            contact = self.contacts[slug]
            user = self._user(f"{slug}@demo.haastemoottori.fi", contact["name"], contact["language"])
            org_services.membership_set(
                actor=self.loader.admin, organisation=organisation, user=user, role=Membership.Role.ADMIN
            )
        return user

    def _people(self) -> None:
        for item in self.data.get("people", []):
            user = self._user(item["email"], item["name"], item["language"])
            org_services.membership_set(
                actor=self.loader.admin,
                user=user,
                role=item["role"],
                organisation=Organisation.objects.get(slug=item["organisation"]),
            )

    # --- a challenge from its open call to its demo stage ---------------------------------------------

    def _deliver(self, call: dict, evaluation: dict | None) -> None:
        key = call["challenge"]
        info = self.info[key]
        challenge = self._answer_call(self.challenge(key), call)
        path = PATHS[info["stage"]]
        rest = path[path.index(Stage.OPEN_CALL) + 1 :]
        overrides = self.data.get("stages", {}).get(key, {})
        for i, step in enumerate(rest):
            days = overrides.get(step, info["dates"]["call_deadline"] + STEP_DAYS[step])
            at = min(self.loader.now + timedelta(days=days), self.loader.now - timedelta(minutes=len(rest) - i))
            challenge = self.loader.advance(info, challenge, step, at)
            if step == Stage.EVALUATION and evaluation:
                self._evaluate(challenge, evaluation)
            elif step == Stage.PILOTING:
                for spec in self.data.get("procurement", []):
                    if spec["challenge"] == key:
                        self._procure(challenge, spec)
                for spec in self.data.get("pilots", []):
                    if spec["challenge"] == key:
                        self._pilot(challenge, spec)
        self.loader.challenges[key] = challenge
        self.loader.log(f"  {challenge.stage:14} {challenge.slug} (with its call, evaluation and pilots)")

    def _answer_call(self, challenge: Challenge, call: dict) -> Challenge:
        owner = self.person(self.info[call["challenge"]]["lead"])
        deadline = challenge.call_deadline
        Challenge.objects.filter(pk=challenge.pk).update(call_deadline=timezone.now() + timedelta(days=1))
        challenge.refresh_from_db()
        proposal_services.call_update(
            actor=owner,
            challenge=challenge,
            eligibility=call["eligibility"],
            instructions=call["instructions"],
            max_file_size=10 * 1024 * 1024,
            max_files=5,
        )
        for i, criterion in enumerate(call["criteria"]):
            proposal_services.criterion_add(
                actor=owner,
                challenge=challenge,
                name=criterion["name"],
                description=criterion.get("description", {}),
                weight=criterion["weight"],
                order=i,
            )
        questions = [
            proposal_services.question_add(
                actor=owner,
                challenge=challenge,
                values={
                    "label": q["label"],
                    "help": q.get("help", {}),
                    "kind": q["kind"],
                    "required": q.get("required"),
                    "confidential": q.get("confidential"),
                    "max_length": q.get("max_length"),
                    "min_value": q.get("min"),
                    "max_value": q.get("max"),
                    "choices": q.get("choices", []),
                    "order": i,
                },
            )
            for i, q in enumerate(call["questions"])
        ]
        submitted = [(self._propose(challenge, questions, item), item) for item in call["proposals"]]
        Challenge.objects.filter(pk=challenge.pk).update(call_deadline=deadline)
        challenge.refresh_from_db()
        assert deadline is not None  # the call has one
        for proposal, item in submitted:
            at = deadline - timedelta(days=item["submitted_before"], hours=3)
            Proposal.objects.filter(pk=proposal.pk).update(
                created_at=at - timedelta(days=12), submitted_at=at, updated_at=at
            )
            proposal.refresh_from_db()
            Proposal.objects.filter(pk=proposal.pk).update(content_hash=proposal_content_hash(proposal))
        return challenge

    def _propose(self, challenge: Challenge, questions: list, item: dict) -> Proposal:
        person = self.person(item["lead"])
        proposal = proposal_services.proposal_start(
            actor=person,
            challenge=challenge,
            lead=Organisation.objects.get(slug=item["lead"]),
            title=item["title"],
            another=True,  # the demo's proposals are seeded as written, several per company if so
            language=item["language"],
        )
        answers = {q.pk: a for q, a in zip(questions, item["answers"], strict=True) if a is not None}
        proposal = proposal_services.proposal_save(
            actor=person, proposal=proposal, version=proposal.version, answers=answers
        )
        for slug in item.get("partners", []):
            business_id = OrganisationIdentifier.objects.get(
                organisation__slug=slug, scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID
            ).identifier
            partner = proposal_services.partner_invite(actor=person, proposal=proposal, business_id=business_id)
            proposal_services.partner_respond(actor=self.person(slug), partner=partner, confirm=True)
        proposal.refresh_from_db()
        return proposal_services.proposal_submit(actor=person, proposal=proposal)

    # --- evaluation -----------------------------------------------------------------------------------

    def _evaluate(self, challenge: Challenge, spec: dict) -> None:
        owner = self.person(self.info[spec["challenge"]]["lead"])
        # Days after the deadline, or after the last submission when that was later (the calls that
        # codevelopment.py answers are submitted today); never in the future, in the order of ``days``.
        last = (
            Proposal.objects.filter(call__challenge=challenge)
            .exclude(submitted_at=None)
            .order_by("-submitted_at")
            .values_list("submitted_at", flat=True)
            .first()
        )
        assert challenge.call_deadline is not None  # the call has one
        start, now = max(challenge.call_deadline, last or challenge.call_deadline), timezone.now()

        def after(days):
            return min(start + timedelta(days=days), now - timedelta(minutes=60 - days))

        evaluation_services.form_prefill(actor=owner, challenge=challenge)
        for c in spec.get("extra_criteria", []):
            evaluation_services.criterion_add(
                actor=owner,
                challenge=challenge,
                name=c["name"],
                description=c.get("description", {}),
                weight=c["weight"],
                scale=c.get("scale", "numeric"),
                labels=c.get("labels"),
                comment_required=c.get("comment_required", False),
            )
        form = EvaluationForm.objects.get(call__challenge=challenge)
        EvaluationForm.objects.filter(pk=form.pk).update(created_at=after(spec["assigned"]))
        criteria = list(form.criteria.order_by("order", "pk"))
        proposals = {
            p.lead.slug: p
            for p in Proposal.objects.filter(
                call__challenge=challenge, status=Proposal.Status.SUBMITTED
            ).select_related("lead")
        }
        for evaluator in spec["evaluators"]:
            for lead, plan in evaluator["proposals"].items():
                evaluation_services.evaluator_assign(
                    actor=owner, challenge=challenge, email=evaluator["email"], proposal=proposals[lead]
                )
                assignment = EvaluatorAssignment.objects.select_related("proposal__call__challenge", "evaluator").get(
                    proposal=proposals[lead], evaluator__email=evaluator["email"]
                )
                EvaluatorAssignment.objects.filter(pk=assignment.pk).update(created_at=after(spec["assigned"]))
                if plan is not None:
                    self._score(assignment, criteria, plan, evaluator, after)
        submitted = (
            Evaluation.objects.filter(assignment__proposal__call__challenge=challenge, submitted_at__isnull=False)
            .order_by("submitted_at")
            .first()
        )
        if submitted:
            EvaluationForm.objects.filter(pk=form.pk).update(locked_at=submitted.submitted_at)
        for item in spec.get("overrides", []):
            score = Score.objects.get(
                evaluation__assignment__evaluator__email=item["evaluator"],
                evaluation__assignment__proposal=proposals[item["proposal"]],
                criterion=criteria[item["criterion"]],
            )
            override = evaluation_services.score_override(
                actor=owner,
                score=score,
                value=item["value"],
                justification=item["justification"],
                language=item["language"],
            )
            ScoreOverride.objects.filter(pk=override.pk).update(created_at=after(item["days"]))
        for item in spec.get("decisions", []):
            evaluation_services.decision_make(
                actor=owner,
                proposal=proposals[item["proposal"]],
                outcome=item["outcome"],
                justification=item["justification"],
                feedback=item["feedback"],
            )
        decisions = Decision.objects.filter(proposal__call__challenge=challenge)
        if spec.get("decided") is not None:
            decisions.update(decided_at=after(spec["decided"]))
        if spec.get("feedback_sent") is not None:
            evaluation_services.decisions_send_feedback(actor=owner, challenge=challenge)
            decisions.update(feedback_sent_at=after(spec["feedback_sent"]))

    def _score(self, assignment, criteria: list, plan, evaluator: dict, after) -> None:
        """The evaluator declares their interests, then scores (submitted, or a draft) unless recused."""
        user = assignment.evaluator
        conflict = isinstance(plan, dict)
        evaluation_services.declaration_make(
            actor=user,
            assignment=assignment,
            has_conflict=conflict,
            language=evaluator["language"],
            description=plan["conflict"] if conflict else "",
            business_ids=plan.get("business_ids") if conflict else None,
        )
        declared = after(evaluator["declared"])
        Declaration.objects.filter(assignment=assignment).update(
            declared_at=declared, recused_at=declared if conflict else None
        )
        if conflict:
            return
        submit = evaluator.get("submitted") is not None
        values = {c.pk: (value, comment) for c, (value, comment) in zip(criteria, plan, strict=True)}
        evaluation = evaluation_services.evaluation_save(
            actor=user, assignment=assignment, values=values, submit=submit
        )
        done = after(evaluator["submitted"] if submit else evaluator["declared"] + 0.1)
        Evaluation.objects.filter(pk=evaluation.pk).update(
            created_at=declared, updated_at=done, submitted_at=done if submit else None
        )

    # --- procurement ----------------------------------------------------------------------------------
