"""The owners' download of a draft market consultation notice (eForms XML) for a challenge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .consultation import consultation_notice as build_notice
from .selectors import consultation_events, path_for_challenge
from .views import _editable_challenge


@login_required
def consultation_notice(request, slug: str):
    challenge = _editable_challenge(request, slug)
    path = path_for_challenge(challenge=challenge)
    if path is None or not path.cpv_codes:
        messages.error(request, _("Add the CPV codes of the procurement path first; the notice needs at least one."))
        return redirect("procurement:edit", slug)
    xml = build_notice(
        challenge=challenge,
        path=path,
        events=consultation_events(challenge=challenge),
        challenge_url=request.build_absolute_uri(reverse("challenges:detail", args=[challenge.slug])),
    )
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="market-consultation-{challenge.slug}.xml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
