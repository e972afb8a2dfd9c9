from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileLink(models.Model):
    """The person's identity in the regional profile service (Helsinki profile): the ``sub`` of its tokens,
    which is also the id in the GDPR API's path. Set when the person signs in through the profile service."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="profile_link"
    )
    subject = models.UUIDField(_("profile service id"), unique=True)
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile service link")
        verbose_name_plural = _("profile service links")

    def __str__(self) -> str:
        return str(self.subject)
