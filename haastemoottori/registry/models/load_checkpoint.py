from django.db import models
from django.utils.translation import gettext_lazy as _


class LoadCheckpoint(models.Model):
    """How far a bulk load of one file got: a re-run of the same file resumes after ``position`` records."""

    source = models.CharField(_("source"), max_length=500, unique=True)  # file name, size and modification
    position = models.PositiveIntegerField(_("records done"), default=0)
    finished = models.BooleanField(_("finished"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trade register load")
        verbose_name_plural = _("trade register loads")

    def __str__(self) -> str:
        return f"{self.source}: {self.position}"
