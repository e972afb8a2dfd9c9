"""Public pilot pages and “adopt in my city”. Thin: parse input, call selectors and services, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from haastemoottori.challenges.selectors import challenge_get_visible
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.organisations.models import Organisation

from .forms import AdoptForm, PilotFilterForm
from .models import Adoption, Pilot
from .rules import adopting_organisations
from .selectors import PilotFilters, adoptions_of, kpi_rows, pilot_get_visible, pilot_list_public
from .services import challenge_adopt


@cache_public_page
def pilot_list(request):
    form = PilotFilterForm(request.GET or None)
    filters = PilotFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = PilotFilters(
            city=data["city"].slug if data["city"] else "",
            platform=data["platform"].slug if data["platform"] else "",
            status=data["status"],
        )
    paginator = Paginator(pilot_list_public(filters=filters), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "pilots/list.html",
        {"form": form, "page": page, "paginator": paginator, "query": query.urlencode()},
        status=status,
    )


def adoption_choices(user, challenge, adoptions=None) -> tuple[list[Organisation], list[Adoption], list[Organisation]]:
    """For ``user`` on ``challenge``: the cities and public bodies they can adopt it for (not its owners, not those
    that already have a copy), the existing copies of their organisations, and their organisations that own it.
    One query for the organisations (none when anonymous), one more for the adoptions unless given."""
    mine = adopting_organisations(user)
    if not mine:
        return [], [], []
    if adoptions is None:
        adoptions = adoptions_of(challenge=challenge)
    owners = {o.organisation_id for o in challenge.ownerships.all()}
    copies = {a.organisation_id: a for a in adoptions}
    available = [org for org in mine if org.pk not in owners and org.pk not in copies]
    own_copies = [copies[org.pk] for org in mine if org.pk in copies]
    owned = [org for org in mine if org.pk in owners]
    return available, own_copies, owned


@cache_public_page
def pilot_detail(request, pk: int):
    pilot = pilot_get_visible(pk=pk, user=request.user)
    if pilot is None:
        raise Http404
    user = request.user
    internal = user.has_perm("pilots.view_pilot_internal", pilot)
    adopt_organisations: list[Organisation] = []
    own_copies: list[Adoption] = []
    if pilot.is_finished and pilot.is_public and user.is_authenticated:
        adopt_organisations, own_copies, _owned = adoption_choices(user, pilot.challenge)
    ended = pilot.status in (Pilot.Status.FINISHED, Pilot.Status.STOPPED)
    return render(
        request,
        "pilots/detail.html",
        {
            "pilot": pilot,
            "participants": list(pilot.participants.all()),
            "shares": list(pilot.budget_shares.all()),
            "kpis": kpi_rows(pilot),
            "milestones": list(pilot.milestones.all()),
            "check_ins": list(pilot.check_ins.all()),
            "internal": internal,
            "can_manage": user.has_perm("pilots.manage_pilot", pilot),
            "can_check_in": user.has_perm("pilots.check_in", pilot) and not ended,
            "adopt_organisations": adopt_organisations,
            "own_copies": own_copies,
        },
    )


def _adopt_refused(request, challenge, source_pilot, owned):
    """Why this user cannot adopt (403 with a reason instead of a bare “forbidden”)."""
    if owned:
        reason = _(
            "%(organisations)s already own this challenge, so it cannot be adopted for them. “Adopt in my "
            "city” copies another city's challenge into your own city."
        ) % {"organisations": ", ".join(str(o) for o in owned)}
    else:
        reason = _(
            "Only an administrator or challenge owner of a city or another public body can adopt a "
            "challenge for their organisation."
        )
    return render(
        request,
        "pilots/adopt.html",
        {"challenge": challenge, "source_pilot": source_pilot, "form": None, "refusal": reason},
        status=403,
    )


@login_required
def challenge_adopt_view(request, slug: str):
    """Confirm and adopt a public challenge (or, with ``pilot``, a finished pilot) for one's own organisation."""
    challenge = challenge_get_visible(slug=slug, user=request.user)
    if challenge is None or not challenge.is_public:
        raise Http404
    source_pilot = None
    pilot_id = request.POST.get("pilot") or request.GET.get("pilot")
    if pilot_id:
        source_pilot = Pilot.objects.filter(pk=pilot_id if str(pilot_id).isdigit() else 0, challenge=challenge).first()
        if source_pilot is None:
            raise Http404
    organisations, own_copies, owned = adoption_choices(request.user, challenge)
    if not organisations and not own_copies:
        return _adopt_refused(request, challenge, source_pilot, owned)
    status = 200
    form = (
        AdoptForm(
            request.POST or None,
            organisations=organisations,
            initial={"pilot": source_pilot.pk if source_pilot else None},
        )
        if organisations
        else None
    )
    if request.method == "POST" and form is None:
        status = 409  # every organisation of the user already has its copy (linked on the page)
    elif request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                adopted = challenge_adopt(
                    actor=request.user,
                    source_challenge=challenge,
                    organisation=form.cleaned_data["organisation"],
                    source_pilot=source_pilot,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
                own_copies = adoption_choices(request.user, challenge)[1]  # a copy made meanwhile is linked
            else:
                messages.success(
                    request,
                    _("The challenge was copied into a new draft of %(organisation)s.")
                    % {"organisation": form.cleaned_data["organisation"]},
                )
                return redirect("challenges:manage", adopted.slug)
        else:
            status = 400
    return render(
        request,
        "pilots/adopt.html",
        {"challenge": challenge, "source_pilot": source_pilot, "form": form, "own_copies": own_copies},
        status=status,
    )
