"""The fonts statements are printed in, shipped with coopdesk and embedded in every PDF.

DejaVu Sans has every letter of the languages coopdesk writes and of the names members bring
(Vietnamese, Turkish, Polish, Nordic...), and the narrow no-break space French puts between
thousands: a PDF that relied on the printer's fonts would print empty boxes for some of them.
The files are package data (`fonts/`, with their licence), found through importlib.resources
so that a wheel and a frozen app both have them. ReportLab embeds only the glyphs a document
uses.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

REGULAR = "CoopdeskSans"
BOLD = "CoopdeskSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> None:
    """Make the statement fonts known to ReportLab (once per process)."""
    folder = resources.files("coopdesk.statements") / "fonts"
    for name, file_name in FILES.items():
        with resources.as_file(folder / file_name) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


def missing_characters(text: str, font: str = REGULAR) -> set[str]:
    """The characters of `text` that `font` has no glyph for (they would print as boxes)."""
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return {ch for ch in set(text) if ch not in "\n\r\t" and ord(ch) not in face.charToGlyph}
