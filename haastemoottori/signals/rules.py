"""Named permissions for signals and clusters (the ``rules`` library). Tested per role in tests/test_permissions.py.

Signals are read by city staff of the whole region (clustering crosses city lines); each city's editors
moderate, edit and import its own signals. Residents (anyone signed in) may suggest.
"""

import rules

from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import editor_organisation_ids, is_platform_admin, member_organisation_ids


def _city_ids(user) -> set[int]:
    """The cities and public bodies the user belongs to (one query, cached per user object)."""
    ids = member_organisation_ids(user)
    if not ids:
        return set()
    cached = getattr(user, "_signal_city_ids", None)
    if cached is None or cached[0] != ids:
        owner_ids = set(
            Organisation.objects.filter(pk__in=ids, kind__in=Organisation.OWNER_KINDS).values_list("pk", flat=True)
        )
        user._signal_city_ids = cached = (ids, owner_ids)
    return cached[1]


def staff_city_ids(user) -> set[int]:
    return _city_ids(user)


def editor_city_ids(user) -> set[int]:
    return _city_ids(user) & editor_organisation_ids(user)


def _city_of(obj):
    return getattr(obj, "city", obj)


@rules.predicate
def is_city_staff(user) -> bool:
    return bool(_city_ids(user))


@rules.predicate
def is_city_editor_somewhere(user) -> bool:
    return bool(editor_city_ids(user))


@rules.predicate
def is_staff_of_city(user, obj) -> bool:
    city = _city_of(obj)
    return city is not None and city.pk in _city_ids(user)


@rules.predicate
def is_editor_of_city(user, obj) -> bool:
    city = _city_of(obj)
    return city is not None and city.pk in editor_city_ids(user)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# Lists, signal pages and clusters: staff of any city in the region.
rules.add_perm("signals.view_signals", is_city_staff | is_platform_admin)
# An expert note, strategy goal or foresight trend in a city (obj: the city).
rules.add_perm("signals.add_signal", is_staff_of_city | is_platform_admin)
# Edit, moderate (accept / reject a resident's suggestion) and import (obj: the signal or the city).
rules.add_perm("signals.change_signal", is_editor_of_city | is_platform_admin)
rules.add_perm("signals.moderate_signal", is_editor_of_city | is_platform_admin)
rules.add_perm("signals.import_signals", is_editor_of_city | is_platform_admin)
# A resident's suggestion on the public site.
rules.add_perm("signals.suggest", is_signed_in)
# Name, merge and split clusters, move signals between them, re-run clustering.
rules.add_perm("signals.curate_clusters", is_city_editor_somewhere | is_platform_admin)
