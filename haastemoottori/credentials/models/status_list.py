from django.db import models
from django.utils.translation import gettext_lazy as _

# The W3C Bitstring Status List's minimum length (16 KiB of bits), which hides which entry is whose.
DEFAULT_SIZE = 131_072


def _empty_bits() -> bytes:
    return bytes(DEFAULT_SIZE // 8)


class StatusList(models.Model):
    """A W3C Bitstring Status List: one bit per issued credential (1: revoked), published signed at
    ``credentials:status-list``. Entries are handed out in order by ``status_entry_allocate``."""

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("Revocation")

    slug = models.SlugField(_("identifier"), max_length=40, unique=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.REVOCATION)
    size = models.PositiveIntegerField(_("entries"), default=DEFAULT_SIZE)
    bits = models.BinaryField(_("bits"), default=_empty_bits)
    next_index = models.PositiveIntegerField(_("next free entry"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.slug

    def is_set(self, index: int) -> bool:
        data = bytes(self.bits)
        if not 0 <= index < self.size:
            return False
        return bool(data[index // 8] & (0x80 >> (index % 8)))  # bit 0 is the first byte's left-most bit
