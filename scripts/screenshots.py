"""The README's screenshots: `make screenshots` (or `python scripts/screenshots.py`).

The browser tests save the result page's first screen, desktop (1280x800) and phone (390x844), in
French and English, into test-results/screenshots/ (git-ignored). This runs that test, then keeps
two of them for the README in docs/screenshots/, as small palette PNGs (a user interface needs
few colours: a quantised copy reads the same at a fraction of the size).
"""

import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SAVED = ROOT / "test-results" / "screenshots"
KEPT = ROOT / "docs" / "screenshots"
README_SHOTS = {
    "result-en-desktop.png": "result-desktop-en.png",
    "result-fr-mobile.png": "result-mobile-fr.png",
}
COLOURS = 64


def optimise(source: Path, target: Path) -> None:
    image = Image.open(source).convert("RGB")
    palette = image.quantize(
        colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    palette.save(target, optimize=True)


def main() -> int:
    test = "tests/browser/test_looks_browser.py::test_screenshots_of_the_result_at_a_glance"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, check=True
    )
    KEPT.mkdir(parents=True, exist_ok=True)
    for saved, kept in README_SHOTS.items():
        optimise(SAVED / saved, KEPT / kept)
        size = (KEPT / kept).stat().st_size
        print(f"{KEPT.relative_to(ROOT) / kept}: {size // 1024} KB (from {saved})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
