from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "haastemoottori.proposals"
    label = "proposals"
