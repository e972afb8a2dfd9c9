import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.core.share import share_card

from .models import Organisation
from .selectors import organisation_get_public, organisation_register_entry, organisation_solvers_listed


@cache_public_page
def organisation_list(request):
    page = Paginator(organisation_solvers_listed(), 50).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"page": page})


@cache_public_page
def organisation_detail(request, slug: str):
    organisation = organisation_get_public(slug=slug, include_unlisted=True)
    # An unlisted profile is seen by its own members only (never cached: they are signed in).
    if organisation is None or not request.user.has_perm("organisations.view_organisation", organisation):
        raise Http404
    base = f"{request.scheme}://{request.get_host()}"
    jsonld = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization" if organisation.kind in Organisation.OWNER_KINDS else "Organization",
        "name": str(organisation),
        "url": base + reverse("organisations:detail", args=[organisation.slug]),
        "identifier": [
            {"@type": "PropertyValue", "propertyID": i.scheme, "value": i.identifier}
            for i in organisation.identifiers.all()
        ],
    }
    if organisation.website:
        jsonld["sameAs"] = organisation.website
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "register_entry": organisation_register_entry(organisation),
            "jsonld": json.dumps(jsonld, ensure_ascii=False).replace("</", "<\\/"),
            "is_member": request.user.has_perm("organisations.view_members", organisation),
            "can_edit_profile": request.user.has_perm("organisations.change_profile", organisation),
            "can_verify_with_suomifi": settings.HAASTEMOOTTORI_SUOMIFI_MANDATES
            and not organisation.is_verified
            and organisation.memberships.filter(user__pk=request.user.pk, role="admin").exists(),
            # An unlisted profile (its members only) gets no link preview of its own.
            "share": share_card(
                request,
                title=organisation.t.name,
                description=organisation.t.description,
                image=organisation.logo or None,
                kind="website",
            )
            if organisation.is_public
            else None,
        },
    )
