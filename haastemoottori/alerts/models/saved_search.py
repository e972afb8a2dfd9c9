import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """The public challenge list's filters, saved by a person; followed for the digest and readable as a feed.

    ``query`` is the list's query string normalised by the filter form (known filters only, sorted), so
    the same search saved twice is the same row. The feed is read by ``feed_token`` without signing in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.CharField(_("filters"), max_length=1000)
    feed_token = models.CharField(_("feed key"), max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="saved_search_unique")]

    def __str__(self) -> str:
        return self.name
