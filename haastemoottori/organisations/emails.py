"""E-mail to people about their organisations, each in the recipient's language. Called on commit."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from haastemoottori.core.i18n import language_codes


def mail_language(*candidates: str | None) -> str:
    """The first of the candidates that the site speaks, else the site language."""
    return next((c for c in candidates if c in language_codes()), settings.LANGUAGE_CODE)


def send_localised(*, to: str, language: str, template: str, context: dict, link_path=None, base_url: str = "") -> None:
    """Render ``organisations/email/<template>.txt`` and its ``_subject.txt`` in ``language``.

    ``link_path`` is a callable giving the path of the link, resolved in that language (its URL prefix).
    """
    with translation.override(mail_language(language)):
        context = {**context, "site_name": settings.SITE_NAME}
        if link_path is not None:
            context["link"] = base_url + link_path()
        subject = render_to_string(f"organisations/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"organisations/email/{template}.txt", context)
    send_mail(subject=" ".join(subject.split()), message=body, from_email=None, recipient_list=[to])
