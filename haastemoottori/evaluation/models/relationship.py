from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.Model):
    """An evaluator's declared tie to an organisation (by Business ID): a conflict wherever it leads or partners."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.CASCADE,
        related_name="evaluation_relationships",
    )
    business_id = models.CharField(_("Business ID"), max_length=20)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="fi")
    created_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared relationship")
        verbose_name_plural = _("declared relationships")
        ordering = ["business_id", "id"]
        constraints = [models.UniqueConstraint(fields=["evaluator", "business_id"], name="relationship_unique")]

    def __str__(self) -> str:
        return f"{self.evaluator} – {self.business_id}"
