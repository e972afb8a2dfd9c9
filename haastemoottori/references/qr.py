"""The QR code of the printable page: an inline SVG (no script, no style attribute needing a nonce)."""

import segno


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=False)
