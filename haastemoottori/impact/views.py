"""Impact dashboard pages and downloads. Thin: parse the filters, compute the figures, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from haastemoottori.core.dates import format_range
from haastemoottori.core.page_cache import cache_public_page

from .cache import dashboard_figure, dashboard_figures, dashboard_html
from .charts import bar_chart
from .exports import figure_csv, figures_xlsx
from .forms import ImpactFilterForm
from .selectors import ImpactFilters

STAFF_PERMISSION = "impact.view_staff_dashboard"


def _form(request) -> ImpactFilterForm:
    return ImpactFilterForm(request.GET or None)


def _dashboard(request, *, staff: bool):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "impact/dashboard.html", {"form": form, "staff": staff}, status=400)
    filters = form.to_filters(user=request.user, staff=staff)
    params = filters.as_query()
    if staff:
        params["scope"] = "staff"
    query = urlencode(params)

    def render_figures(figures) -> str:
        return render_to_string("impact/_figures.html", {"figures": [_shown(f) for f in figures], "query": query})

    figures_html = dashboard_html(filters, limit=PAGE_ROWS, render=render_figures)
    return render(
        request,
        "impact/dashboard.html",
        {
            "form": form,
            "staff": staff,
            "figures_html": figures_html,
            "query": query,
            "filters_text": filters_text(filters, form),
        },
    )


# A figure with many rows (proposals per call across thousands of calls) shows its largest rows on the page;
# its CSV and XLSX have them all.
PAGE_ROWS = 20


def _shown(figure) -> dict:
    return {
        "figure": figure,
        "chart": bar_chart(figure),
        "hidden_rows": figure.row_count - len(figure.rows),
        "total_rows": figure.row_count,
    }


@cache_public_page
def dashboard(request):
    return _dashboard(request, staff=False)


@login_required
def staff_dashboard(request):
    if not request.user.has_perm(STAFF_PERMISSION):
        raise PermissionDenied
    return _dashboard(request, staff=True)


def filters_text(filters: ImpactFilters, form: ImpactFilterForm) -> str:
    city_field: Any = form.fields["city"]  # a ChoiceField
    city = dict(city_field.choices).get(filters.city_slug) if filters.city_slug else _("All cities")
    if filters.date_from and filters.date_to:
        period = format_range(filters.date_from, filters.date_to)
    elif filters.date_from or filters.date_to:
        start = date_format(filters.date_from, "SHORT_DATE_FORMAT") if filters.date_from else "…"
        end = date_format(filters.date_to, "SHORT_DATE_FORMAT") if filters.date_to else "…"
        period = f"{start} – {end}"
    else:
        period = _("all time")
    parts = [str(city), period]
    if filters.staff:
        parts.append(_("staff view: includes unpublished challenges"))
    return "; ".join(parts)


def _export_filters(request) -> tuple[ImpactFilters | None, ImpactFilterForm | None, HttpResponse | None]:
    """Filters for a download, or the response to give instead (sign in, 403, 400 with the errors)."""
    staff = request.GET.get("scope") == "staff"
    if staff and not request.user.is_authenticated:
        return None, None, redirect_to_login(request.get_full_path())
    if staff and not request.user.has_perm(STAFF_PERMISSION):
        raise PermissionDenied
    data = request.GET.copy()
    data.pop("scope", None)
    form = ImpactFilterForm(data or None)
    if form.is_bound and not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
            for name, messages in form.errors.items()
            for error in messages
        ]
        return None, form, HttpResponseBadRequest("\n".join(errors), content_type="text/plain; charset=utf-8")
    return form.to_filters(user=request.user, staff=staff), form, None


def figure_download(request, figure: str, fmt: str):
    filters, form, refusal = _export_filters(request)
    if refusal is not None:
        return refusal
    assert filters is not None and form is not None  # given with no refusal
    result = dashboard_figure(figure, filters)
    if result is None:
        raise Http404
    if fmt == "csv":
        return figure_csv(result, filename=f"{figure}.csv")
    return figures_xlsx([result], filename=f"{figure}.xlsx", filters_text=filters_text(filters, form))


def workbook_download(request):
    filters, form, refusal = _export_filters(request)
    if refusal is not None:
        return refusal
    assert filters is not None and form is not None  # given with no refusal
    return figures_xlsx(dashboard_figures(filters), filename="impact.xlsx", filters_text=filters_text(filters, form))
