"""Reads for calls and proposals, each with a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from haastemoottori.challenges.selectors import challenge_detail_queryset
from haastemoottori.organisations.rules import member_organisation_ids

from .models import Call, CallQuestion, Proposal, ProposalAnswer, ProposalPartner
from .rules import excluded_proposal_ids

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge


def call_for_challenge(*, challenge: Challenge) -> Call | None:
    """The call with its criteria and questions, or None when the owners have not configured one."""
    return Call.objects.filter(challenge=challenge).prefetch_related("criteria", "questions").first()


def challenge_for_call(*, slug: str, user: User) -> Challenge | None:
    """The challenge behind a call URL if the user may see the challenge."""
    challenge = challenge_detail_queryset().filter(slug=slug).first()
    if challenge is None or not user.has_perm("challenges.view_challenge", challenge):
        return None
    return challenge


def _proposal_base() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "call__challenge", "lead", "updated_by", "submitted_by", "decision"
    ).prefetch_related(
        Prefetch("partners", queryset=ProposalPartner.objects.select_related("organisation")),
        # The evaluators with their declarations, for the recusal check of the evaluation app's predicate.
        Prefetch("evaluators", queryset=_assignments().select_related("declaration")),
        "call__challenge__ownerships",
    )


def proposal_get(*, pk: UUID | str) -> Proposal | None:
    return _proposal_base().filter(pk=pk).first()


def proposal_detail(*, proposal: Proposal, confidential: bool) -> dict[str, Any]:
    """The questions with their answers and attachments; confidential ones only when ``confidential``."""
    answers = {a.question_id: a for a in proposal.answers.all()}
    attachments = list(proposal.attachments.select_related("uploaded_by"))
    rows = []
    for question in proposal.call.questions.all():
        if question.confidential and not confidential:
            continue
        rows.append(
            {
                "question": question,
                "answer": answers.get(question.pk),
                "value": answer_display(question, answers.get(question.pk)),
                "attachments": [a for a in attachments if a.question_id == question.pk],
            }
        )
    return {
        "rows": rows,
        "attachments": attachments if confidential else [a for a in attachments if not a.question.confidential],
    }


def answer_display(question: CallQuestion, answer: ProposalAnswer | None) -> str:
    if answer is None:
        return ""
    if question.kind == CallQuestion.Kind.TEXT:
        return answer.text
    if question.kind == CallQuestion.Kind.NUMBER:
        return "" if answer.number is None else format(answer.number.normalize(), "f")
    if question.kind == CallQuestion.Kind.CHOICE and answer.choice is not None:
        labels = question.choice_labels()
        return labels[answer.choice] if answer.choice < len(labels) else ""
    return ""


def proposals_for_user(*, user: User) -> QuerySet[Proposal]:
    """The proposals of the user's organisations (as lead or confirmed partner), and those they evaluate (not
    those they are recused from)."""
    org_ids = member_organisation_ids(user)
    evaluated = Q(evaluators__evaluator=user, status=Proposal.Status.SUBMITTED)
    excluded = excluded_proposal_ids(user)
    if excluded:
        evaluated &= ~Q(pk__in=excluded)
    return (
        Proposal.objects.filter(
            Q(lead_id__in=org_ids) | Q(partners__organisation_id__in=org_ids, partners__status="confirmed") | evaluated
        )
        .distinct()
        .select_related("call__challenge", "lead", "decision")
        .order_by("-updated_at")
    )


def communicated_decision(proposal: Proposal) -> Any:
    """The evaluation decision on the proposal once it has been sent to the applicant, else None (the
    applicant, and the public, learn an outcome only then). Read from ``select_related("decision")``."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        decision = proposal.decision
    except ObjectDoesNotExist:
        return None
    return decision if decision is not None and decision.feedback_sent_at is not None else None


def partner_invitations_for_user(*, user: User) -> QuerySet[ProposalPartner]:
    from haastemoottori.organisations.rules import editor_organisation_ids

    return ProposalPartner.objects.filter(
        organisation_id__in=editor_organisation_ids(user), status="invited"
    ).select_related("proposal__call__challenge", "proposal__lead", "organisation")


def _without_excluded(queryset: QuerySet[Proposal], viewer: Any) -> QuerySet[Proposal]:
    """The queryset without the proposals ``viewer`` is excluded from (recused: ``rules.excluded_proposal_ids``)."""
    excluded = excluded_proposal_ids(viewer) if viewer is not None else set()
    return queryset.exclude(pk__in=excluded) if excluded else queryset


def pending_invitations_on(*, proposal: Proposal, user: User) -> list[ProposalPartner]:
    """The invitations to ``proposal`` still waiting for an answer from one of the user's organisations
    (read from the prefetched partners, no query beyond the user's memberships)."""
    org_ids = member_organisation_ids(user)
    return [p for p in proposal.partners.all() if p.status == "invited" and p.organisation_id in org_ids]


def active_proposals_for_call(*, challenge: Challenge, user: User) -> list[Proposal]:
    """The drafts and submitted proposals that the user's organisations lead on the challenge's call."""
    org_ids = member_organisation_ids(user)
    if not org_ids:
        return []
    return list(
        Proposal.objects.filter(
            call__challenge=challenge,
            lead_id__in=org_ids,
            status__in=(Proposal.Status.DRAFT, Proposal.Status.SUBMITTED),
        )
        .select_related("lead")
        .order_by("-updated_at")
    )


def submitted_proposals(*, call: Call, viewer: Any = None) -> QuerySet[Proposal]:
    """Every submitted proposal with its answers and files; without those ``viewer`` is recused from."""
    return (
        _without_excluded(call.proposals.submitted(), viewer)
        .select_related("lead", "submitted_by")
        .prefetch_related(
            Prefetch("partners", queryset=ProposalPartner.objects.select_related("organisation")),
            Prefetch("answers", queryset=ProposalAnswer.objects.all()),
            "attachments",
            "evaluators__evaluator",
            "lead__identifiers",
        )
        .order_by("submitted_at")
    )


def submitted_proposals_listed(*, call: Call, viewer: Any = None) -> QuerySet[Proposal]:
    """What the owners' list shows (no answers or attachments): lead, confirmed partners, evaluators; without
    the proposals ``viewer`` is recused from."""
    return (
        _without_excluded(call.proposals.submitted(), viewer)
        .select_related("lead")
        .prefetch_related(
            Prefetch("partners", queryset=ProposalPartner.objects.select_related("organisation")),
            "evaluators__evaluator",
        )
        .order_by("submitted_at", "pk")
    )


def submitted_count(*, challenge: Challenge) -> int:
    return Proposal.objects.filter(call__challenge=challenge, status=Proposal.Status.SUBMITTED).count()


def public_summaries(*, call: Call) -> list[dict[str, Any]]:
    """Title, lead, confirmed partners and the non-confidential answers of submitted proposals."""
    public_questions = [q for q in call.questions.all() if not q.confidential and q.kind != CallQuestion.Kind.FILE]
    public_ids = {q.pk for q in public_questions}
    proposals = (
        call.proposals.submitted()
        .select_related("lead")
        .prefetch_related(
            Prefetch(
                "partners", queryset=ProposalPartner.objects.filter(status="confirmed").select_related("organisation")
            ),
            Prefetch(
                "answers", queryset=ProposalAnswer.objects.filter(question_id__in=public_ids), to_attr="public_answers"
            ),
        )
        .order_by("submitted_at")
    )
    summaries = []
    for p in proposals:
        answers = {a.question_id: a for a in p.public_answers}  # type: ignore[attr-defined]  # Prefetch to_attr
        summaries.append(
            {
                "title": p.title,
                "language": p.language,
                "lead": p.lead,
                "partners": [partner.organisation for partner in p.partners.all()],
                "submitted_at": p.submitted_at,
                "answers": [
                    {"question": q, "value": answer_display(q, answers.get(q.pk))}
                    for q in public_questions
                    if answers.get(q.pk)
                ],
            }
        )
    return summaries


def proposal_counts(*, call: Call) -> dict[str, int]:
    return dict(call.proposals.values_list("status").annotate(n=Count("pk")))


def _assignments() -> QuerySet[Any]:
    """Evaluator assignments (a model of the evaluation app, reached through the relation, not an import)."""
    model = Proposal._meta.get_field("evaluators").related_model
    assert not isinstance(model, str)
    return model._default_manager.all()
