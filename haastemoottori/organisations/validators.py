from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import ErrorCode

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"RIFF": "webp"}
MAX_LOGO_BYTES = 200 * 1024


def validate_logo(file) -> None:
    """A logo is a PNG, JPEG or WebP image (checked from its content, not its name), at most 200 kB.
    SVG is refused: served from the media path it could carry script."""
    if file.size > MAX_LOGO_BYTES:
        raise ValidationError(_("A logo can be at most 200 kB."), code=ErrorCode.LOGO_TOO_LARGE)
    head = file.read(12)
    file.seek(0)
    kind = next((k for sig, k in _SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None or (kind == "webp" and head[8:12] != b"WEBP"):
        raise ValidationError(_("A logo must be a PNG, JPEG or WebP image."), code=ErrorCode.LOGO_TYPE)
