from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "haastemoottori.comments"
    label = "comments"
