from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationForm(models.Model):
    """The evaluation form of one call: its criteria are what evaluators score.

    Locked (``locked_at``) when the first evaluation is submitted; a locked form is not changed.
    """

    call = models.OneToOneField(
        "proposals.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="evaluation_form"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation form")
        verbose_name_plural = _("evaluation forms")

    def __str__(self) -> str:
        return str(self.call)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None
