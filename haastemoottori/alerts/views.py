from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceError

from . import services


@login_required
@require_POST
def follow_challenge(request, slug: str):
    challenge = Challenge.objects.public().filter(slug=slug).first()
    if challenge is None:
        raise Http404
    follow = request.POST.get("follow") == "1"
    try:
        services.challenge_follow(actor=request.user, challenge=challenge, follow=follow)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("You follow this challenge.") if follow
                         else _("You no longer follow this challenge."))
    return redirect("challenges:detail", slug)
