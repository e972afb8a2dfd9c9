"""Database helpers for the figures: an expression Django does not ship, and reading many plain rows fast.

Written for the two databases the project runs on, PostgreSQL and SQLite."""

from __future__ import annotations

from django.db import NotSupportedError, connections
from django.db.models import FloatField, Func, QuerySet


class Epoch(Func):
    """A date-time as seconds since 1970-01-01 UTC (a float, microseconds kept).

    Lets a figure fetch moments as plain numbers: turning tens of thousands of time stamps into aware
    ``datetime`` objects costs far more than the query that reads them.
    """

    arity = 1
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # date_part returns double precision directly; EXTRACT returns numeric since PostgreSQL 14, several
        # times slower to compute and to read.
        return self.as_sql(compiler, connection, template="date_part('epoch', %(expressions)s)", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django keeps UTC date-times as text, "YYYY-MM-DD HH:MM:SS[.ffffff]": whole seconds from strftime, the
        # fraction from the text itself (SQLite's own date functions keep only milliseconds).
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CAST(strftime('%%s', {sql}) AS REAL) + COALESCE(CAST('0' || substr({sql}, 20) AS REAL), 0))",
            (*params, *params),
        )

    def as_sql(self, compiler, connection, **extra_context):
        if "template" not in extra_context:
            raise NotSupportedError(f"Epoch is written for PostgreSQL and SQLite, not {connection.vendor}.")
        return super().as_sql(compiler, connection, **extra_context)


def plain_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` query (a union too) as the driver returns them, without Django's
    per-value converters: for numbers and text, where a figure reading thousands of rows spends more time in
    the converters than in the query. (Decimals: PostgreSQL gives ``Decimal``, SQLite ``int`` or ``float``.)"""
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
