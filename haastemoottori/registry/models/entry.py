from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterEntry(models.Model):
    """What the trade register says about one Business ID, as last loaded (bulk file or a look-up).

    Kept beside what the company writes on its profile, never mixed with it. The descriptions are keyed by
    our language codes (fi, sv, en). Source: PRH / YTJ open data, CC BY 4.0."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LIQUIDATION = "liquidation", _("In liquidation")
        BANKRUPTCY = "bankruptcy", _("In bankruptcy")
        RESTRUCTURING = "restructuring", _("In restructuring")
        CEASED = "ceased", _("Ceased")

    class Source(models.TextChoices):
        BULK = "bulk", _("Bulk download")
        API = "api", _("Look-up")

    business_id = models.CharField(_("Business ID"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    names = models.JSONField(_("names"), default=list, blank=True)  # [{"name", "type", "since"}] in force
    company_form = models.CharField(_("company form"), max_length=10, blank=True)
    company_form_names = models.JSONField(_("company form"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.ACTIVE)
    trade_register_status = models.CharField(_("trade register status code"), max_length=10, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    main_business_line = models.CharField(_("main line of business (TOL 2008)"), max_length=10, blank=True)
    main_business_line_names = models.JSONField(_("main line of business"), default=dict, blank=True)
    address = models.JSONField(_("address"), default=dict, blank=True)  # {"street", "post_code", "city"}
    website = models.CharField(_("website"), max_length=300, blank=True)
    last_modified = models.CharField(_("changed in the register"), max_length=32, blank=True)
    source = models.CharField(_("source"), max_length=4, choices=Source.choices, default=Source.BULK)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("trade register entry")
        verbose_name_plural = _("trade register entries")
        ordering = ["business_id"]

    def __str__(self) -> str:
        return f"{self.business_id} {self.name}"

    @staticmethod
    def _in_language(names: dict[str, str]) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "fi")[:2]
        return (names or {}).get(language) or (names or {}).get("fi") or next(iter((names or {}).values()), "")

    @property
    def company_form_label(self) -> str:
        return self._in_language(self.company_form_names) or self.company_form

    @property
    def main_business_line_label(self) -> str:
        return self._in_language(self.main_business_line_names)

    @property
    def is_ceased(self) -> bool:
        return self.status == self.Status.CEASED

    @property
    def website_domain(self) -> str:
        """The host of the website the register gives, lower case, without ``www.`` ("" when none)."""
        from urllib.parse import urlsplit

        value = (self.website or "").strip().lower()
        if not value:
            return ""
        host = urlsplit(value if "://" in value else f"http://{value}").hostname or ""
        return host.removeprefix("www.")
