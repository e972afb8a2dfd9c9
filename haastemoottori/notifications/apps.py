from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "haastemoottori.notifications"
    label = "notifications"
