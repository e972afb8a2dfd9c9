"""The workspace's "Our organisation" links, as a tag so the workspace view needs no change."""

from django import template
from django.db.models import Count

from ..models import JoinRequest
from ..rules import admin_organisation_ids
from ..selectors import organisations_of

register = template.Library()


@register.inclusion_tag("organisations/_our_organisations.html", takes_context=True)
def our_organisations(context):
    user = context["request"].user
    organisations = list(organisations_of(user=user))
    admin_of = admin_organisation_ids(user)
    waiting = {}
    if admin_of:
        counts = (
            JoinRequest.objects.visible_to_admins()
            .filter(organisation_id__in=admin_of)
            .order_by()
            .values("organisation_id")
            .annotate(n=Count("id"))
        )
        waiting = {row["organisation_id"]: row["n"] for row in counts}
    for organisation in organisations:
        organisation.waiting_requests = waiting.get(organisation.pk, 0)
    return {"organisations": organisations}
