"""The background run of a signal import (queued on commit by services.imports)."""

import logging

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def signal_import_task(import_id: int, language: str = "") -> int:
    """Run (or continue) an import; returns how many rows it has processed in all."""
    from ..models import SignalImport
    from ..services import imports

    run = SignalImport.objects.filter(pk=import_id).first()
    if run is None:
        return 0
    try:
        run = imports.signal_import_run(import_run=run, language=language or None, batch_size=imports.BATCH_SIZE)
    except Exception:
        logger.exception("Signal import %s stopped", import_id)
        with translation.override(language or None):
            run = imports.signal_import_fail(import_run=run, message=_(
                "The import stopped because of an unexpected error. What it had imported is kept; continue it "
                "from this page."))
    return run.processed
