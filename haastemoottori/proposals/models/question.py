from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin, translate


class CallQuestion(TranslatableMixin, models.Model):
    """A question every proposal answers. Confidential answers never appear in the public summary."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        CHOICE = "choice", _("Choice")
        FILE = "file", _("File")

    TRANSLATED_FIELDS = ("label", "help")

    call = models.ForeignKey(
        "proposals.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("required"), default=False)
    max_length = models.PositiveIntegerField(_("longest answer (characters)"), null=True, blank=True)
    min_value = models.DecimalField(_("smallest number"), max_digits=18, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("largest number"), max_digits=18, decimal_places=2, null=True, blank=True)
    # A list of translation dicts; an answer stores the index of the chosen item.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    max_files = models.PositiveSmallIntegerField(_("files at most"), default=1)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "Seen only by the applicants, the owners and the assigned evaluators; never in the public summary."
        ),
    )

    class Meta:
        verbose_name = _("call question")
        verbose_name_plural = _("call questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return str(self.t.label)

    def choice_labels(self, language: str | None = None) -> list[str]:
        return [translate(c, self.original_language, language).text for c in self.choices or []]
