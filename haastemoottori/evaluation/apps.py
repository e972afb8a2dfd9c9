from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "haastemoottori.evaluation"
    label = "evaluation"

    def ready(self) -> None:
        # Assigned evaluators who are not recused read the submitted proposals they evaluate, confidential
        # answers included: proposals (a lower layer) asks the predicates registered here.
        # A recused evaluator reads none of the proposal, whatever other role they hold (a member of a co-owner
        # city): proposals leaves the proposals named here out of every owners' page, list and export.
        from haastemoottori.proposals.rules import register_excluded_readers, register_submitted_reader

        from .rules import is_assigned_evaluator
        from .selectors import recused_proposal_ids

        register_submitted_reader(is_assigned_evaluator)
        register_excluded_readers(recused_proposal_ids)

        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()

        # Evaluators read confidential proposals: a second factor and an idle timeout (accounts/staff_roles.py).
        from haastemoottori.accounts.staff_roles import register_staff_role

        from .selectors import is_evaluator

        register_staff_role(is_evaluator)
