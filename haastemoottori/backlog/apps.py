from django.apps import AppConfig


class BacklogConfig(AppConfig):
    name = "haastemoottori.backlog"
    label = "backlog"
