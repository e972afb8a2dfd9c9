import uuid
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PilotRequestQuerySet(models.QuerySet["PilotRequest"]):
    def approved(self) -> Self:
        """The requests that are public: approved ones (their title, summary, site area, dates and requester)."""
        return self.filter(status=PilotRequest.Status.APPROVED)

    def open(self) -> Self:
        """Requests that hold the site or may come to hold it: under review, waiting for an answer, approved."""
        return self.filter(status__in=PilotRequest.HOLDING)


class PilotRequest(models.Model):
    """A company's (or a proposal consortium's) request to pilot on a development platform.

    Public once approved: title, summary, site area, dates and the requester. Always confidential (the requester's
    members and the platform owner's staff only): the needs, the safety and data-protection notes, the conditions
    or the reason of a decline, and the question thread. The id is unguessable on purpose.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("pilot request status", "Under review")
        QUESTION = "question", pgettext_lazy("pilot request status", "Question to the requester")
        APPROVED = "approved", pgettext_lazy("pilot request status", "Approved")
        DECLINED = "declined", pgettext_lazy("pilot request status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("pilot request status", "Withdrawn")

    class Need(models.TextChoices):
        POWER = "power", _("Electricity")
        DATA = "data", _("Data or a data connection")
        PERMITS = "permits", _("Permits")
        ACCESS = "access", _("Access to the site")

    HOLDING = (Status.SUBMITTED, Status.QUESTION, Status.APPROVED)
    UNDECIDED = (Status.SUBMITTED, Status.QUESTION)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    platform = models.ForeignKey(
        "platforms.DevelopmentPlatform",
        verbose_name=_("development platform"),
        on_delete=models.PROTECT,
        related_name="pilot_requests",
    )
    requester = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        related_name="pilot_requests",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The proposal whose consortium asks (its lead organisation is the requester)."),
    )
    pilot = models.ForeignKey(
        "pilots.Pilot",
        verbose_name=_("pilot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="platform_requests",
    )
    language = models.CharField(_("language"), max_length=10, default="fi")
    title = models.CharField(_("what is piloted"), max_length=200)
    summary = models.TextField(_("summary"))
    site_area = models.CharField(_("where on the site"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    needs = models.JSONField(_("needs"), default=list, blank=True)
    needs_details = models.TextField(_("details of the needs"), blank=True)
    safety_notes = models.TextField(_("safety"), blank=True)
    data_protection_notes = models.TextField(_("data protection"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    conditions = models.TextField(_("conditions of the approval"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PilotRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("pilot request")
        verbose_name_plural = _("pilot requests")
        ordering = ["start_date", "created_at"]
        indexes = [models.Index(fields=["platform", "status"], name="pilot_request_platform_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="pilot_request_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_undecided(self) -> bool:
        return self.status in self.UNDECIDED

    def need_labels(self) -> list[str]:
        labels = dict(self.Need.choices)
        return [str(labels[n]) for n in self.needs if n in labels]
