from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "haastemoottori.demo"
    label = "demo"
