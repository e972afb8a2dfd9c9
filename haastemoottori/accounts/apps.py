from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "haastemoottori.accounts"
    label = "accounts"
