"""Named permissions for events, as predicates (the ``rules`` library). Tested per role and view."""

import rules

from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import editor_organisation_ids, is_platform_admin


@rules.predicate
def can_organise_events(user, organisation=None) -> bool:
    """An organisation admin or challenge owner of a city or public body (of ``organisation`` when given)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation is not None:
        return organisation.kind in Organisation.OWNER_KINDS and organisation.pk in editor_organisation_ids(user)
    editor_ids = editor_organisation_ids(user)
    return (
        bool(editor_ids) and Organisation.objects.filter(pk__in=editor_ids, kind__in=Organisation.OWNER_KINDS).exists()
    )


@rules.predicate
def is_organiser_editor(user, event) -> bool:
    return event is not None and event.organiser_id in editor_organisation_ids(user)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def registration_open(user, event) -> bool:
    return event is not None and event.registration_open()


rules.add_perm("events.add_event", can_organise_events | is_platform_admin)
rules.add_perm("events.manage_event", is_organiser_editor | is_platform_admin)
# Names, e-mail addresses and notes of participants: the organisers only, never public.
rules.add_perm("events.view_participants", is_organiser_editor | is_platform_admin)
rules.add_perm("events.register", is_signed_in & registration_open)
