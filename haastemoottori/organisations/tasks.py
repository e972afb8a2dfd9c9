"""Background tasks (django-tasks): the scheduled refresh of the trade register's word on the organisations
on the platform, then the e-mail-domain route for any that the refreshed data now verifies."""

from django_tasks import task

from .models import OrganisationIdentifier


@task()
def refresh_register_entries_task() -> dict:
    from haastemoottori.registry.services import register_refresh

    ids = list(
        OrganisationIdentifier.objects.filter(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID)
        .values_list("identifier", flat=True)
        .order_by("identifier")
    )
    return register_refresh(ids)
