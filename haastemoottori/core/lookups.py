"""Integer lookups that accept any integer: a value no database column can hold matches nothing.

Django already treats ``pk=10**30`` as "no match", but ``pk__in=[10**30]``, ``theme=10**30`` (a foreign key or
many-to-many) and ``theme__in=[…]`` reach the database, and SQLite raises ``OverflowError`` for an integer
beyond 64 bits: a 500 for a form or filter that was given a huge id. The lookups registered here (when the
core app is ready) drop such values before the query is built, for every form, filter, service and API at once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In

# The widest integer any supported database stores (a signed 64-bit integer).
SMALLEST = -(2**63)
LARGEST = 2**63 - 1


def _fits(value: Any) -> bool:
    return not isinstance(value, int) or isinstance(value, bool) or SMALLEST <= value <= LARGEST


class _InFitting:
    """``in``: values no integer column can hold are left out (none left: no match)."""

    rhs: Any

    def get_prep_lookup(self) -> Any:
        prepared = super().get_prep_lookup()  # type: ignore[misc]
        if self.rhs_is_direct_value() and isinstance(prepared, (list, tuple, set, frozenset)):  # type: ignore[attr-defined]
            prepared = [value for value in prepared if _fits(value)]
        return prepared


class _ExactFitting:
    """``exact``: a value no integer column can hold matches no row."""

    rhs: Any

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value() and not _fits(self.rhs):  # type: ignore[attr-defined]
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)  # type: ignore[misc]


class IntegerFieldIn(_InFitting, In):
    pass


class FittingRelatedIn(_InFitting, RelatedIn):
    pass


class FittingRelatedExact(_ExactFitting, RelatedExact):
    pass


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(FittingRelatedIn)
    ForeignObject.register_lookup(FittingRelatedExact)
