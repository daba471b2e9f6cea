"""The QR code of a result link (present/qr.py): an SVG document that decodes back to the link."""

import io
import re

import pytest
import segno
import zxingcpp
from PIL import Image, ImageDraw

from catalog.present.qr import qr_svg

URLS = [
    "https://example.org/fr/r/14ksg41k/",
    "http://testserver/en/r/100m000a/",
    "https://linkedin-ai.example/en/r/1n3003z1/",
]


def rasterise(svg: bytes | str) -> Image.Image:
    """Draw the SVG's dark path (segno's "M x y h n m dx dy" runs of 1-module lines) with Pillow."""
    svg = svg.decode() if isinstance(svg, bytes) else svg
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    scale = int(re.search(r'transform="scale\((\d+)\)"', svg).group(1))
    data = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    image = Image.new("L", (width, width), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, numbers in re.findall(r"([Mmh])([-\d. ]+)", data):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:  # a horizontal run of dark modules, one module high, centred on y
            top = (y - 0.5) * scale
            draw.rectangle([x * scale, top, (x + values[0]) * scale - 1, top + scale - 1], fill=0)
            x += values[0]
    return image


@pytest.mark.parametrize("url", URLS)
def test_the_qr_code_svg_decodes_to_the_link(url):
    image = rasterise(qr_svg(url, "QR"))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [url]


def test_the_svg_rasteriser_is_faithful_to_segno():
    # Guards the test above: the same symbol drawn by segno's own PNG writer gives the same pixels.
    png = io.BytesIO()
    segno.make(URLS[0], error="m", micro=False).save(png, kind="png", scale=4)
    reference = Image.open(io.BytesIO(png.getvalue())).convert("L")
    assert rasterise(qr_svg(URLS[0], "QR")).tobytes() == reference.tobytes()


def test_the_svg_is_a_document_named_by_its_title_with_the_title_escaped():
    svg = qr_svg(URLS[0], 'QR code of the link "<mine>" & more').decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert '<title>QR code of the link "&lt;mine&gt;" &amp; more</title>' in svg
    assert 'viewBox="0 0 148 148"' in svg
    assert svg.count("<svg") == 1 and svg.rstrip().endswith("</svg>")


def test_the_svg_has_no_style_attribute_nor_script_for_the_csp():
    svg = qr_svg(URLS[0], "QR").decode()
    assert "style" not in svg
    assert "<script" not in svg
    assert 'fill="#fff"' in svg  # a light background keeps it readable on dark pages
