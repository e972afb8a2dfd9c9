"""Editing an organisation's profile and references (admins). Thin views over services_profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services_profile
from .forms import ProfileForm, ReferenceForm
from .models import Organisation, Reference
from .views_members import organisation_for

PERM = "organisations.change_profile"


@login_required
def profile_edit(request, slug: str):
    organisation = organisation_for(request, slug, PERM)
    organisation = Organisation.objects.prefetch_related(
        "industry_codes",
        "themes",
        "cities_served",
        # django-stubs cannot solve Prefetch's type variables beside plain lookups
        Prefetch("references", queryset=Reference.objects.select_related("client_organisation")),  # type: ignore[arg-type]
    ).get(pk=organisation.pk)
    bound = request.method == "POST"
    form = ProfileForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        organisation=organisation,
        initial=ProfileForm.initial_for(organisation),
    )
    if bound and form.is_valid():
        try:
            services_profile.organisation_update_profile(
                actor=request.user, organisation=organisation, **form.profile_values()
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("organisations:profile", slug)
    return render(
        request,
        "organisations/profile_edit.html",
        {
            "organisation": organisation,
            "form": form,
            "references": organisation.references.all(),
        },
        status=400 if bound else 200,
    )


def _solver(request, slug: str) -> Organisation:
    organisation = organisation_for(request, slug, PERM)
    if not organisation.has_solver_profile:
        raise Http404
    return organisation


def _reference_form_page(request, organisation: Organisation, reference: Reference | None):
    bound = request.method == "POST"
    initial = ReferenceForm.initial_for(reference) if reference else {}
    form = ReferenceForm(request.POST if bound else None, organisation=organisation, initial=initial)
    if bound and form.is_valid():
        try:
            if reference is None:
                services_profile.reference_create(
                    actor=request.user, organisation=organisation, **form.reference_values()
                )
            else:
                services_profile.reference_update(actor=request.user, reference=reference, **form.reference_values())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The reference was saved."))
            return redirect("organisations:profile", organisation.slug)
    return render(
        request,
        "organisations/reference_form.html",
        {
            "organisation": organisation,
            "reference": reference,
            "form": form,
        },
        status=400 if bound else 200,
    )


@login_required
def reference_create(request, slug: str):
    return _reference_form_page(request, _solver(request, slug), None)


@login_required
def reference_edit(request, slug: str, pk: int):
    organisation = _solver(request, slug)
    reference = get_object_or_404(Reference, pk=pk, organisation=organisation)
    return _reference_form_page(request, organisation, reference)


@login_required
def reference_delete(request, slug: str, pk: int):
    """Asks first (a page that works without JavaScript), deletes on POST."""
    organisation = _solver(request, slug)
    reference = get_object_or_404(Reference, pk=pk, organisation=organisation)
    if request.method == "POST":
        try:
            services_profile.reference_delete(actor=request.user, reference=reference)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The reference was deleted."))
        return redirect("organisations:profile", slug)
    return render(
        request, "organisations/reference_delete.html", {"organisation": organisation, "reference": reference}
    )
