from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "haastemoottori.evaluation"
    label = "evaluation"
