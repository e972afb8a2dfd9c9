from django.apps import AppConfig


class PlatformsConfig(AppConfig):
    name = "haastemoottori.platforms"
    label = "platforms"
