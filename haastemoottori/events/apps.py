from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "haastemoottori.events"
    label = "events"
