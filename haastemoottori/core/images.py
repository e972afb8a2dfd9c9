"""Uploaded images, decoded and written anew with Pillow before anything is stored.

An uploaded file is never kept as sent: it must decode completely as PNG, JPEG or WebP within the size limits
(a small file that claims huge dimensions, a "decompression bomb", is refused from its header before its
pixels are decoded), and only the pixels are written out again, in the detected format, without metadata or
anything appended. What is served is therefore an image and nothing else, under a name with its extension
(chosen by the caller, never the uploader's).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO

from PIL import Image

# Pillow's format → (file extension, content type).
FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "WEBP": ("webp", "image/webp")}


class ImageRejected(Exception):
    """``reason`` is "type" (not a PNG, JPEG or WebP image that decodes) or "dimensions" (too large)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    extension: str
    content_type: str
    width: int
    height: int


def _read(source: bytes | IO[bytes]) -> bytes:
    if isinstance(source, bytes):
        return source
    source.seek(0)
    data = source.read()
    source.seek(0)
    return data


def _decode(data: bytes, *, max_side: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.format not in FORMATS:
                raise ImageRejected("type")
            width, height = image.size
            if not (0 < width <= max_side and 0 < height <= max_side):
                raise ImageRejected("dimensions")
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected("dimensions")
    except Exception:  # any decoder failure (truncated, corrupt, not an image) means the same: refused
        raise ImageRejected("type")
    return image


def image_check(source: bytes | IO[bytes], *, max_side: int) -> str:
    """The Pillow format of an acceptable image, or raise ImageRejected."""
    image = _decode(_read(source), max_side=max_side)
    return str(image.format)


def image_reencode(source: bytes | IO[bytes], *, max_side: int) -> CleanImage:
    """Decode and write the image anew in its own format (the first frame, no metadata)."""
    image = _decode(_read(source), max_side=max_side)
    fmt = str(image.format)
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    elif fmt == "PNG":
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if alpha else "RGB")
        image.save(out, "WEBP", quality=90)
    extension, content_type = FORMATS[fmt]
    return CleanImage(out.getvalue(), extension, content_type, image.width, image.height)
