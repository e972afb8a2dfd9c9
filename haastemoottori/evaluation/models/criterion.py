from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin, translate


class EvaluationCriterion(TranslatableMixin, models.Model):
    """One criterion of an evaluation form with its weight and scale.

    Scales: ``numeric`` (a number from ``scale_min`` to ``scale_max``), ``rating`` (one of ``labels``, stored as
    its position 1..n) and ``pass_fail`` (1 pass, 0 fail). ``threshold`` is a minimum on the criterion's own
    scale that the mean of the evaluators' scores must reach.
    """

    class Scale(models.TextChoices):
        NUMERIC = "numeric", _("Number within a range")
        RATING = "rating", _("Rating with labels")
        PASS_FAIL = "pass_fail", _("Pass or fail")

    TRANSLATED_FIELDS = ("name", "description")

    form = models.ForeignKey(
        "evaluation.EvaluationForm",
        verbose_name=_("evaluation form"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    source = models.ForeignKey(
        "proposals.CallCriterion",
        verbose_name=_("call criterion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices, default=Scale.NUMERIC)
    scale_min = models.DecimalField(_("smallest value"), max_digits=9, decimal_places=2, default=Decimal(0))
    scale_max = models.DecimalField(_("largest value"), max_digits=9, decimal_places=2, default=Decimal(5))
    labels = models.JSONField(_("rating labels"), default=list, blank=True)  # [{"fi": ..., "en": ...}, ...]
    threshold = models.DecimalField(_("minimum to pass"), max_digits=9, decimal_places=2, null=True, blank=True)
    comment_required = models.BooleanField(_("comment required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return str(self.t.name)

    @property
    def low(self) -> Decimal:
        if self.scale == self.Scale.NUMERIC:
            return self.scale_min
        return Decimal(1) if self.scale == self.Scale.RATING else Decimal(0)

    @property
    def high(self) -> Decimal:
        if self.scale == self.Scale.NUMERIC:
            return self.scale_max
        return Decimal(len(self.labels)) if self.scale == self.Scale.RATING else Decimal(1)

    def normalise(self, value: Decimal) -> float:
        """The value as a share 0–1 of the scale."""
        span = self.high - self.low
        if span <= 0:
            return 0.0
        return float(min(max((Decimal(value) - self.low) / span, Decimal(0)), Decimal(1)))

    def label_of(self, value) -> str:
        """A score as text in the active language (the rating label, pass/fail, or the number)."""
        if value is None:
            return ""
        if self.scale == self.Scale.RATING:
            index = int(value) - 1
            if 0 <= index < len(self.labels):
                return str(translate(self.labels[index], self.original_language))
        if self.scale == self.Scale.PASS_FAIL:
            return str(_("Pass")) if int(value) == 1 else str(_("Fail"))
        return f"{Decimal(value).normalize():f}"

    def choices(self) -> list[tuple[str, str]]:
        """(value, label) pairs for rating and pass/fail scales."""
        if self.scale == self.Scale.RATING:
            return [(str(i), self.label_of(i)) for i in range(1, len(self.labels) + 1)]
        if self.scale == self.Scale.PASS_FAIL:
            return [("1", str(_("Pass"))), ("0", str(_("Fail")))]
        return []
