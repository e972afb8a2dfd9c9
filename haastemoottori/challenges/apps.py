from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "haastemoottori.challenges"
    label = "challenges"
