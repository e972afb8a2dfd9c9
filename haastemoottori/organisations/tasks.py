"""Background tasks (django-tasks): the scheduled refresh of the trade register's word on the organisations
on the platform, then the e-mail-domain route for any that the refreshed data now verifies."""

from django_tasks import task

from .models import Membership, Organisation, OrganisationIdentifier


@task()
def refresh_register_entries_task() -> dict:
    from haastemoottori.registry.services import register_refresh

    from .services_verification import verify_by_email_domain

    ids = list(
        OrganisationIdentifier.objects.filter(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID)
        .values_list("identifier", flat=True)
        .order_by("identifier")
    )
    counts = register_refresh(ids)
    admins = (
        Membership.objects.filter(
            role=Membership.Role.ADMIN,
            user__is_active=True,
            organisation__kind__in=Organisation.SOLVER_KINDS,
        )
        .exclude(organisation__verification_status=Organisation.Verification.VERIFIED)
        .select_related("user")
    )
    verified = {o.pk for m in admins for o in verify_by_email_domain(user=m.user)}
    return {**counts, "verified": len(verified)}
