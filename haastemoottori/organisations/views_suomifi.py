"""Verify an organisation with Suomi.fi e-Authorizations (Valtuudet): an admin is sent to the service,
chooses the company there and comes back; if the person may act for the organisation's Business ID it is
verified (services_verification.verify_by_suomifi_mandate, audited there). Off (404) unless
``HAASTEMOOTTORI_SUOMIFI_MANDATES``. A service that is down or slow changes nothing and says so."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from haastemoottori.core.errors import ServiceError

from . import services_verification
from .models import Membership, Organisation, OrganisationIdentifier
from .suomifi import SuomifiClient, SuomifiError

SESSION = "suomifi_mandate"


def _on() -> None:
    if not settings.HAASTEMOOTTORI_SUOMIFI_MANDATES:
        raise Http404


def _unavailable(request) -> None:
    messages.error(
        request,
        _("Suomi.fi e-Authorizations could not be reached. Nothing was changed; please try again later."),
    )


def _callback_url(request) -> str:
    return request.build_absolute_uri(reverse("organisations:suomifi-callback"))


@login_required
@require_POST
def start(request, slug: str):
    _on()
    organisation = get_object_or_404(Organisation, slug=slug)
    if not Membership.objects.filter(user=request.user, organisation=organisation, role=Membership.Role.ADMIN).exists():
        raise Http404
    back = redirect("organisations:detail", slug=organisation.slug)
    person_id = request.session.get(settings.HAASTEMOOTTORI_SUOMIFI_PERSON_SESSION_KEY)
    if not person_id:
        messages.error(
            request, _("Sign in with strong identification (Suomi.fi) first, then verify with e-Authorizations.")
        )
        return back
    client = SuomifiClient()
    try:
        session_id, user_id = client.register(str(person_id))
    except SuomifiError:
        _unavailable(request)
        return back
    request.session[SESSION] = {"organisation": organisation.pk, "session_id": session_id}
    return redirect(client.authorize_url(user_id=user_id, redirect_uri=_callback_url(request), lang=get_language()))


@login_required
@require_GET
def callback(request):
    _on()
    state = request.session.pop(SESSION, None)
    if not isinstance(state, dict):
        messages.error(request, _("The Suomi.fi e-Authorizations check was not started here or has expired."))
        return redirect("organisations:list")
    organisation = get_object_or_404(Organisation, pk=state["organisation"])
    back = redirect("organisations:detail", slug=organisation.slug)
    code = request.GET.get("code", "")
    if request.GET.get("error") or not code:
        messages.error(request, _("The Suomi.fi e-Authorizations check was cancelled. Nothing was changed."))
        return back
    client = SuomifiClient()
    try:
        token = client.token(code=code, redirect_uri=_callback_url(request))
        request_id, mandates = client.organisation_roles(session_id=state["session_id"], access_token=token)
    except SuomifiError:
        _unavailable(request)
        return back
    ids = set(
        organisation.identifiers.filter(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID).values_list(
            "identifier", flat=True
        )
    )
    mandate = next((m for m in mandates if m.business_id in ids), None)
    if mandate is None:
        messages.error(
            request,
            _(
                "According to Suomi.fi e-Authorizations you may not act for %(organisation)s (its Business ID "
                "was not among the companies you chose). Nothing was changed."
            )
            % {"organisation": organisation},
        )
        return back
    try:
        services_verification.verify_by_suomifi_mandate(
            user=request.user, organisation=organisation, mandate_business_id=mandate.business_id, mandate_id=request_id
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return back
    messages.success(
        request, _("%(organisation)s is verified with Suomi.fi e-Authorizations.") % {"organisation": organisation}
    )
    return back
