from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Indicator(TranslatableMixin, models.Model):
    """A measurable indicator of the desired outcome: name, unit, baseline and target."""

    TRANSLATED_FIELDS = ("name",)

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.JSONField(_("name"), default=dict)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["challenge_id", "position", "id"]

    def __str__(self) -> str:
        return str(self.t.name)

    @property
    def original_language(self) -> str:  # type: ignore[override]
        return self.challenge.original_language

    @property
    def is_measurable(self) -> bool:
        return self.target is not None and bool(self.unit)

    def as_dict(self) -> dict:
        return {"name": self.name, "unit": self.unit, "baseline": _plain(self.baseline), "target": _plain(self.target)}


def _plain(value) -> str | None:
    """``Decimal("60.0000")`` → ``"60"``, never exponent notation."""
    return None if value is None else format(value.normalize(), "f")
