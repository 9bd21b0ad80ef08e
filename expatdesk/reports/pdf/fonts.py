"""The fonts of the PDF: DejaVu Sans for text, Droid Sans Fallback for what DejaVu lacks (CJK).

The TrueType files ship in ``resources/fonts`` (with their licences); reportlab embeds the glyphs
used as a subset. The fallback font (4 MB) is read only when a text needs it. Our own texts are
covered by DejaVu; names typed by users may be in any script, so every text that can hold one
goes through :func:`markup`, which wraps the characters DejaVu lacks in the fallback font.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "fonts"

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FALLBACK = "DroidSansFallback"


@cache
def register() -> None:
    """Register the text fonts (once), with bold as the bold of the regular family."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


@cache
def _register_fallback() -> None:
    pdfmetrics.registerFont(TTFont(FALLBACK, str(FONTS_DIR / "DroidSansFallbackFull.ttf")))


@cache
def _covered() -> frozenset[int]:
    """The code points DejaVu Sans has a glyph for."""
    register()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


def covered(character: str) -> bool:
    """Whether the main font can show ``character`` (spaces and controls always can)."""
    return character.isspace() or ord(character) in _covered()


def markup(text: str) -> str:
    """``text`` escaped for a Paragraph, with runs the main font lacks in the fallback font."""
    parts: list[str] = []
    run: list[str] = []
    run_is_fallback = False
    for character in text:
        fallback = not covered(character)
        if run and fallback != run_is_fallback:
            parts.append(_piece("".join(run), run_is_fallback))
            run = []
        run.append(character)
        run_is_fallback = fallback
    if run:
        parts.append(_piece("".join(run), run_is_fallback))
    return "".join(parts)


def _piece(text: str, fallback: bool) -> str:
    if not fallback:
        return escape(text)
    _register_fallback()
    return f'<font name="{FALLBACK}">{escape(text)}</font>'
