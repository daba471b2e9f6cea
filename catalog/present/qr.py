"""The QR code of a link, as inline SVG drawn on the server (no image request, no third party)."""

from functools import lru_cache

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SCALE = 4  # pixels per module: a short link (version 3, 29 modules + quiet zone) is 148 px wide


@lru_cache(maxsize=1024)  # a few ms to draw; shared links are drawn again and again
def qr_svg(url: str, label: str) -> SafeString:
    """An <svg role="img"> of the QR code of `url`, named by `label` for assistive technology.

    Colours are SVG presentation attributes (the CSP forbids style attributes); the light
    background is drawn so the code stays readable on a dark page.
    """
    code = segno.make(url, error="m", micro=False)
    size = code.symbol_size(scale=SCALE)[0]
    svg = code.svg_inline(
        scale=SCALE,
        omitsize=True,  # gives a viewBox; width and height are added below
        svgclass="qr",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    attributes = (
        f'<svg role="img" aria-label="{escape(label)}" width="{size}" height="{size}" '
        'focusable="false" '
    )
    # Safe: segno's output holds only numbers and path data; the label is escaped above.
    return mark_safe(attributes + svg.removeprefix("<svg "))
