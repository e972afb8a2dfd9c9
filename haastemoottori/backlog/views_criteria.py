"""A city's prioritisation criteria: read by its staff, configured by its editors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language, translate

from . import services
from .forms import CriterionForm
from .models import Criterion
from .rules import can_score
from .selectors import city_criteria
from .views_common import city_or_404


def _criteria_page(request, city, *, form=None, status=200):
    can_configure = request.user.has_perm("backlog.configure_criteria", city)
    criteria = city_criteria(city=city, active_only=False)
    if can_configure and form is None:
        form = CriterionForm(original_language=current_language())
    active = [c for c in criteria if c.active]
    return render(
        request,
        "backlog/criteria.html",
        {
            "city": city,
            "criteria": criteria,
            "can_configure": can_configure,
            "form": form,
            "can_score": can_score(request.user, city),
            "total_weight": sum(c.weight for c in active),
            "recommended": [(translate(item["name"], "en").text, item["weight"]) for item in services.RECOMMENDED]
            if not criteria
            else None,
        },
        status=status,
    )


@login_required
def criteria(request, city):
    city = city_or_404(request, city, "backlog.view_backlog")
    if request.method != "POST":
        return _criteria_page(request, city)
    if not request.user.has_perm("backlog.configure_criteria", city):
        raise PermissionDenied
    form = CriterionForm(request.POST, original_language=current_language())
    if not form.is_valid():
        return _criteria_page(request, city, form=form, status=400)
    values = form.values()
    try:
        services.criterion_create(
            actor=request.user,
            city=city,
            name=values["name"],
            description=values["description"],
            weight=values["weight"],
            scale_max=values["scale_max"],
            language=current_language(),
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _criteria_page(request, city, form=form, status=exc.status)
    messages.success(request, _("The criterion was added."))
    return redirect("backlog:criteria", city.slug)


def _criterion(city, pk: int) -> Criterion:
    criterion = Criterion.objects.filter(organisation=city, pk=pk).first()
    if criterion is None:
        raise Http404
    return criterion


@login_required
def criterion_edit(request, city, pk: int):
    city = city_or_404(request, city, "backlog.configure_criteria")
    criterion = _criterion(city, pk)
    form = CriterionForm(request.POST or None, original_language=criterion.original_language, criterion=criterion)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.criterion_update(actor=request.user, criterion=criterion, **form.values())
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The criterion was saved."))
                return redirect("backlog:criteria", city.slug)
    return render(
        request, "backlog/criterion_edit.html", {"city": city, "criterion": criterion, "form": form}, status=status
    )


@login_required
@require_POST
def criterion_remove(request, city, pk: int):
    city = city_or_404(request, city, "backlog.configure_criteria")
    criterion = _criterion(city, pk)
    try:
        outcome = services.criterion_remove(actor=request.user, criterion=criterion)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("The criterion was removed.")
            if outcome == "deleted"
            else _("The criterion has scores, so it was taken out of use instead of removed."),
        )
    return redirect("backlog:criteria", city.slug)


@login_required
@require_POST
def criteria_recommended(request, city):
    city = city_or_404(request, city, "backlog.configure_criteria")
    try:
        created = services.criteria_add_recommended(actor=request.user, city=city, language=current_language())
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        if created:
            messages.success(request, _("The recommended criteria were added. Adjust their weights as you see fit."))
        else:
            messages.info(request, _("The city already has all the recommended criteria."))
    return redirect("backlog:criteria", city.slug)
