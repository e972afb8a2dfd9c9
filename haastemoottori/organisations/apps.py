from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "haastemoottori.organisations"
    label = "organisations"
