"""Alert pages: follow buttons, saving a search, the alerts settings and the one-click unsubscribe. Thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.organisations.models import Organisation
from haastemoottori.taxonomy.models import Theme

from . import selectors, services
from .forms import FrequencyForm, SavedSearchForm
from .models import Follow
from .services.preferences import invalid_link_message, unsubscribe_token_user


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _follow(request, service, follow: bool, *, done: str, undone: str, **target) -> None:
    try:
        service(actor=request.user, follow=follow, **target)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done if follow else undone)


@login_required
@require_POST
def follow_challenge(request, slug: str):
    challenge = Challenge.objects.public().filter(slug=slug).first()
    if challenge is None:
        raise Http404
    _follow(
        request,
        services.challenge_follow,
        request.POST.get("follow") == "1",
        challenge=challenge,
        done=_("You follow this challenge."),
        undone=_("You no longer follow this challenge."),
    )
    return redirect("challenges:detail", slug)


@login_required
@require_POST
def follow_theme(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    _follow(
        request,
        services.theme_follow,
        request.POST.get("follow") == "1",
        theme=theme,
        done=_("You follow the theme %(theme)s. New challenges in it come in your digest.") % {"theme": theme},
        undone=_("You no longer follow the theme %(theme)s.") % {"theme": theme},
    )
    return redirect(_next_or(request, f"{reverse('challenges:list')}?theme={theme.slug}"))


@login_required
@require_POST
def follow_organisation(request, slug: str):
    organisation = Organisation.objects.listed().filter(slug=slug, kind__in=Organisation.OWNER_KINDS).first()
    if organisation is None:
        raise Http404
    _follow(
        request,
        services.organisation_follow,
        request.POST.get("follow") == "1",
        organisation=organisation,
        done=_("You follow %(owner)s. Its new challenges come in your digest.") % {"owner": organisation},
        undone=_("You no longer follow %(owner)s.") % {"owner": organisation},
    )
    return redirect(_next_or(request, reverse("organisations:detail", args=[organisation.slug])))


@login_required
@require_http_methods(["GET", "POST"])
def search_save(request):
    """Save the list's current filters (in the query string). GET asks for a name; POST saves."""
    try:
        query = services.saved_search_normalise(params=request.GET)
    except ServiceError as exc:
        return render(request, "alerts/search_save.html", {"error": exc.message, "query": ""}, status=400)
    existing = selectors.user_saved_search(user=request.user, query=query)
    form = SavedSearchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            search, created = services.saved_search_create(
                actor=request.user, params=request.GET, name=form.cleaned_data["name"]
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Search saved. New challenges that match it come in your digest.")
                if created
                else _("You have already saved this search."),
            )
            return redirect(_next_or(request, f"{reverse('challenges:list')}?{search.query}"))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "alerts/search_save.html",
        {
            "form": form,
            "query": query,
            "description": selectors.saved_search_describe(query=query),
            "existing": existing,
        },
        status=status,
    )


@login_required
def alert_settings(request):
    """Everything the signed-in person follows, with stop-following buttons, and how often the digest comes."""
    preference = selectors.preference_for_user(user=request.user)
    form = FrequencyForm(request.POST or None, initial={"frequency": preference.frequency})
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set_frequency(actor=request.user, frequency=form.cleaned_data["frequency"])
        except ServiceError as exc:
            form.add_error("frequency", str(exc.message))
        else:
            messages.success(request, _("Your alert settings are saved."))
            return redirect("alerts:settings")
    follows = selectors.follows_for_user(user=request.user)
    by_kind = {kind: [f for f in follows if f.kind == kind] for kind in Follow.Kind.values}
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "alerts/settings.html",
        {"form": form, "preference": preference, "follows": follows, "by_kind": by_kind, "kinds": Follow.Kind},
        status=status,
    )


@login_required
@require_POST
def unfollow(request, pk: int):
    follow = (
        Follow.objects.select_related("challenge", "theme", "organisation", "saved_search")
        .filter(pk=pk, user=request.user)
        .first()
    )
    if follow is None:
        raise Http404
    name = str(follow.target)
    try:
        services.follow_delete(actor=request.user, follow=follow)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("You no longer follow %(item)s.") % {"item": name})
    return redirect(_next_or(request, reverse("alerts:settings")))


@csrf_exempt  # the signed token is the credential; mail clients POST here without a form (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET shows one confirm button (link scanners only GET or HEAD); POST stops the digest at once."""
    if request.method == "POST":
        try:
            subscriber = services.digest_unsubscribe(token=token)
        except ServiceError as exc:
            return render(request, "alerts/unsubscribe.html", {"error": exc.message}, status=400)
        return render(request, "alerts/unsubscribe.html", {"done": True, "subscriber": subscriber})
    user = unsubscribe_token_user(token)
    if user is None:
        return render(request, "alerts/unsubscribe.html", {"error": invalid_link_message()}, status=400)
    return render(request, "alerts/unsubscribe.html", {"subscriber": user})
