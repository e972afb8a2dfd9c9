from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "haastemoottori.evaluation"
    label = "evaluation"

    def ready(self) -> None:
        # Assigned evaluators who are not recused read the submitted proposals they evaluate, confidential
        # answers included: proposals (a lower layer) asks the predicates registered here.
        from haastemoottori.proposals.rules import register_submitted_reader

        from .rules import is_assigned_evaluator

        register_submitted_reader(is_assigned_evaluator)

        # What it holds about people, for their export and erasure (privacy/registry.py).
        from . import personal_data

        personal_data.register()
        # Evaluators read confidential proposals: a second factor and an idle timeout (accounts/staff_roles.py).
        from haastemoottori.accounts.staff_roles import register_staff_role

        from .selectors import is_evaluator

        register_staff_role(is_evaluator)
