"""The decision record under /challenges/<slug>/evaluation/record/: print-ready HTML of the call, the criteria,
the evaluators (recused ones with the reason), the ranking, the score overrides and the decisions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .aggregation import is_withheld
from .rules import declaration_of
from .selectors import (
    assignment_state,
    decisions_for_challenge,
    evaluation_of,
    proposals_with_evaluations,
    recused_proposal_ids,
)
from .views_owner import _criteria, owner_challenge, visible_ranking


def _evaluators(proposals) -> list[dict]:
    """Each evaluator once, with the proposals they were recused from (and the declaration saying why)."""
    evaluators: dict[int, dict] = {}
    for p in proposals:
        for a in p.evaluators.all():
            entry = evaluators.setdefault(a.evaluator_id, {"evaluator": a.evaluator, "recused": [], "evaluated": []})
            if assignment_state(a) == "recused":
                entry["recused"].append({"proposal": p, "declaration": declaration_of(a)})
            else:
                entry["evaluated"].append(p)
    return list(evaluators.values())


def score_overrides(proposals, *, viewer) -> list[dict]:
    """Every override of a submitted score, oldest first per score, with the value it replaced; nothing of a
    proposal whose scores are withheld from the viewer."""
    rows = []
    for p in proposals:
        if is_withheld(p, viewer):
            continue
        for a in p.evaluators.all():
            evaluation = evaluation_of(a)
            if evaluation is None:
                continue
            for score in evaluation.scores.all():
                previous = score.value
                for override in score.overrides.all():
                    c = score.criterion
                    rows.append(
                        {
                            "proposal": p,
                            "evaluator": a.evaluator,
                            "criterion": c,
                            "override": override,
                            "original": c.label_of(previous) if previous is not None else "",
                            "new": c.label_of(override.value),
                        }
                    )
                    previous = override.value
    rows.sort(key=lambda r: (str(r["proposal"].title), r["override"].created_at))
    return rows


@login_required
def record(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.view_results")
    _form, criteria = _criteria(challenge)
    # Nothing of a proposal the viewer is recused from (its evaluators, scores, overrides or decision).
    every = proposals_with_evaluations(challenge=challenge)
    excluded = recused_proposal_ids(request.user)
    proposals = [p for p in every if p.pk not in excluded]
    decisions = [d for d in decisions_for_challenge(challenge=challenge) if d.proposal_id not in excluded]
    show_scores = request.user.has_perm("evaluation.view_scores", challenge)
    return render(
        request,
        "evaluation/record.html",
        {
            "challenge": challenge,
            "criteria": criteria,
            "evaluators": _evaluators(proposals),
            "results": visible_ranking(every, criteria, request.user, excluded),
            "decisions": decisions,
            "show_scores": show_scores,
            "overrides": score_overrides(proposals, viewer=request.user) if show_scores else [],
            "pending_feedback": sum(1 for d in decisions if d.feedback_sent_at is None),
            "can_decide": request.user.has_perm("evaluation.decide", challenge),
        },
    )
