from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.images import ImageRejected, image_check

from .errors import ErrorCode

MAX_LOGO_BYTES = 200 * 1024
MAX_LOGO_SIDE = 2000  # pixels, each way


def validate_logo(file) -> None:
    """A logo is a PNG, JPEG or WebP image that decodes completely (checked from its content, never its name),
    at most 200 kB and 2000 × 2000 pixels. SVG, HTML and the rest are refused: served from the media path they
    could carry script. What is stored is re-encoded (``organisation_update_profile``)."""
    if file.size > MAX_LOGO_BYTES:
        raise ValidationError(_("A logo can be at most 200 kB."), code=ErrorCode.LOGO_TOO_LARGE)
    try:
        image_check(file, max_side=MAX_LOGO_SIDE)
    except ImageRejected as exc:
        if exc.reason == "dimensions":
            raise ValidationError(
                _("A logo can be at most %(side)s × %(side)s pixels.") % {"side": MAX_LOGO_SIDE},
                code=ErrorCode.LOGO_TOO_LARGE,
            )
        raise ValidationError(_("A logo must be a PNG, JPEG or WebP image."), code=ErrorCode.LOGO_TYPE)
