"""Bulk import pages: upload a CSV or Open311 file, follow the run's progress, continue a stopped run.

The run is a background task; its page reloads itself every few seconds while it runs (a meta refresh, so
no JavaScript is needed) and has a reload link. Rejected rows are listed with their reasons, a page at a time.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError, ServiceValidationError
from haastemoottori.core.forms import add_service_error

from . import services
from .errors import ErrorCode
from .forms import ImportForm
from .models import SignalImport
from .selectors import cities_for_editing, import_get_visible, imports_visible, may_moderate_somewhere
from .services.imports import MAX_UPLOAD_BYTES

REJECTED_PAGE_SIZE = 100
REFRESH_SECONDS = 5


def _require_importer(request) -> None:
    if not may_moderate_somewhere(request.user):
        raise PermissionDenied


@login_required
def import_list(request):
    _require_importer(request)
    cities = cities_for_editing(user=request.user).order_by("slug")
    form = ImportForm(request.POST or None, request.FILES or None, cities=cities)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_UPLOAD_BYTES:  # refused before it is read into memory
                    raise ServiceValidationError(
                        ErrorCode.TOO_LARGE,
                        _("The file is too large: at most %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
                        field="file",
                    )
                run = services.signal_import_start(
                    actor=request.user,
                    city=form.cleaned_data["city"],
                    fmt=form.cleaned_data["format"],
                    file_name=upload.name,
                    data=b"".join(upload.chunks()),
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The file was received and is being imported."))
                return redirect("signals:import-detail", run.pk)
    return render(
        request,
        "signals/imports.html",
        {"form": form, "imports": list(imports_visible(user=request.user)[:20])},
        status=status,
    )


@login_required
def import_detail(request, pk: int):
    _require_importer(request)
    run = import_get_visible(user=request.user, pk=pk)
    if run is None:
        raise Http404
    paginator = Paginator(run.rejected, REJECTED_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    active = run.status in (SignalImport.Status.QUEUED, SignalImport.Status.RUNNING)
    return render(
        request,
        "signals/import_detail.html",
        {
            "run": run,
            "page": page,
            "paginator": paginator,
            "active": active,
            "refresh_seconds": REFRESH_SECONDS if active else None,
            "percent": int(100 * run.processed / run.total) if run.total else 0,
            "can_resume": run.status != SignalImport.Status.DONE
            and request.user.has_perm("signals.import_signals", run.city),
        },
    )


@login_required
@require_POST
def import_resume(request, pk: int):
    _require_importer(request)
    run = import_get_visible(user=request.user, pk=pk)
    if run is None:
        raise Http404
    try:
        services.signal_import_resume(actor=request.user, import_run=run)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The import continues from where it stopped."))
    return redirect("signals:import-detail", run.pk)
