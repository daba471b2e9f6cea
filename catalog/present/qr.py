"""The QR code of a link, as an SVG document drawn on the server (no third party).

It is an image of its own (/r/<code>/qr.svg), not part of the result page: drawing one takes a
few milliseconds, more than the rest of the page, and it depends only on the link, so browsers
and proxies keep it for a year and the page stays light.
"""

import io

import segno

SCALE = 4  # pixels per module: a short link (version 3, 29 modules + quiet zone) is 148 px wide
SHOWN_SIZE = 148  # the size the page gives it; the SVG scales, being a vector


def qr_svg(url: str, title: str) -> bytes:
    """An SVG document of the QR code of `url`, named by `title`.

    Colours are SVG presentation attributes (no style attribute for the CSP); the light
    background is drawn so the code stays readable on a dark page.
    """
    svg = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        svg,
        kind="svg",
        scale=SCALE,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgclass=None,
        lineclass=None,
        omitsize=True,  # a viewBox instead of a fixed size: the page sizes the image
        title=title,
    )
    return svg.getvalue()
