"""The moderation queue: residents' pending suggestions in the cities the user edits, accept or reject.

Each decision is a plain POST that redirects back with a message; a refused one renders the queue again with
the errors beside that suggestion (400, or the service's status) and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .forms import ModerateForm
from .selectors import may_moderate_somewhere, signal_get_visible, signals_pending

PAGE_SIZE = 20


def _require_moderator(request) -> None:
    if not may_moderate_somewhere(request.user):
        raise PermissionDenied


def _queue(request, *, bound=None, status: int = 200):
    paginator = Paginator(signals_pending(user=request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    bound_pk, bound_form = bound or (None, None)
    items = [
        {"signal": s, "form": bound_form if s.pk == bound_pk else ModerateForm(prefix=f"m{s.pk}")}
        for s in page.object_list
    ]
    return render(
        request,
        "signals/moderation.html",
        {"items": items, "page": page, "paginator": paginator, "error_form": bound_form},
        status=status,
    )


@login_required
def moderation_queue(request):
    _require_moderator(request)
    return _queue(request)


@login_required
@require_POST
def signal_moderate_view(request, pk: int):
    _require_moderator(request)
    signal = signal_get_visible(user=request.user, pk=pk)
    if signal is None:
        raise Http404
    form = ModerateForm(request.POST, prefix=f"m{pk}")
    if not form.is_valid():
        return _queue(request, bound=(pk, form), status=400)
    try:
        services.signal_moderate(
            actor=request.user,
            signal=signal,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _queue(request, bound=(pk, form), status=exc.status)
    if form.cleaned_data["decision"] == services.ACCEPT:
        messages.success(request, _("The suggestion was accepted. The resident was told."))
    else:
        messages.success(request, _("The suggestion was rejected. The resident was told the reason."))
    return redirect("signals:moderation")
