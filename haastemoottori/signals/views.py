"""Staff pages of signals: the list with filters, a signal, adding and editing. Thin: parse, call, render.

Every page needs ``signals.view_signals`` (the staff of a city, platform admins); anonymous visitors are sent
to sign in, everyone else gets 403, and a signal the user may not see is a 404. Signals are never cached as
public pages and never reach the public site.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import language_name

from . import services
from .forms import ModerateForm, SignalFilterForm, SignalForm
from .models import Signal
from .selectors import (
    SignalFilters,
    cities_for_adding,
    cities_for_editing,
    may_moderate_somewhere,
    signal_get_visible,
    signal_list,
)


def require_staff(request) -> None:
    if not request.user.has_perm("signals.view_signals"):
        raise PermissionDenied


@login_required
def signal_list_view(request):
    require_staff(request)
    form = SignalFilterForm(request.GET or None)
    filters = SignalFilters()
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = SignalFilters(
                city=data["city"].pk if data["city"] else None,
                department=data["department"].pk if data["department"] else None,
                source=data["source"],
                status=data["status"],
                theme=data["theme"],
                language=data["language"],
                q=data["q"].strip(),
            )
        else:
            status = 400
    paginator = Paginator(signal_list(user=request.user, filters=filters), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    return render(
        request,
        "signals/list.html",
        {
            "form": form,
            "page": page,
            "paginator": paginator,
            "query": query.urlencode(),
            "can_add": cities_for_adding(user=user).exists(),
            "can_moderate": may_moderate_somewhere(user),
            "can_import": may_moderate_somewhere(user),
        },
        status=status,
    )


def _visible_signal(request, pk: int):
    require_staff(request)
    signal = signal_get_visible(user=request.user, pk=pk)
    if signal is None:
        raise Http404
    return signal


@login_required
def signal_detail(request, pk: int):
    signal = _visible_signal(request, pk)
    user = request.user
    can_edit = user.has_perm("signals.change_signal", signal)
    can_moderate = signal.status == Signal.Status.PENDING and user.has_perm("signals.moderate_signal", signal)
    return render(
        request,
        "signals/detail.html",
        {
            "signal": signal,
            "themes": list(signal.themes.all()),
            "language_name": language_name(signal.language),
            "can_edit": can_edit,
            "can_moderate": can_moderate,
            # A resident's identity is for the editors who moderate; staff authors are shown to all staff.
            "show_author": can_edit or signal.source != Signal.Source.RESIDENT,
            "moderate_form": ModerateForm(prefix=f"m{signal.pk}") if can_moderate else None,
        },
    )


@login_required
def signal_create_view(request):
    require_staff(request)
    cities = cities_for_adding(user=request.user).order_by("slug")
    form = SignalForm(request.POST or None, cities=cities)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                signal = services.signal_create(actor=request.user, **form.service_kwargs())
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The signal was saved."))
                return redirect("signals:detail", signal.pk)
    return render(request, "signals/form.html", {"form": form, "heading": _("Add a signal")}, status=status)


@login_required
def signal_edit_view(request, pk: int):
    signal = _visible_signal(request, pk)
    if not request.user.has_perm("signals.change_signal", signal):
        raise PermissionDenied
    cities = cities_for_editing(user=request.user).order_by("slug")
    form = SignalForm(request.POST or None, cities=cities, signal=signal)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.signal_update(actor=request.user, signal=signal, **form.service_kwargs())
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The signal was saved."))
                return redirect("signals:detail", signal.pk)
    return render(
        request, "signals/form.html", {"form": form, "signal": signal, "heading": _("Edit the signal")}, status=status
    )
