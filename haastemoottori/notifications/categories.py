"""Notification categories: a person chooses per category how they get e-mail about it."""

from django.utils.translation import gettext_lazy as _

CATEGORIES = {
    "qa": _("Questions and answers"),
    "comments": _("Comments in co-definition"),
    "events": _("Events and registrations"),
    "proposals": _("Proposals and consortia"),
    "pilots": _("Pilots"),
    "evaluation": _("Evaluation and decisions"),
    "signals": _("Your suggestions and signals"),
    "account": _("Your account and organisation"),
}


def category_of(kind: str) -> str:
    category = kind.split(".", 1)[0]
    if category not in CATEGORIES:
        raise ValueError(f"Unknown notification category in kind {kind!r}")
    return category
