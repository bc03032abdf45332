"""PDF documents of statements: one member's, or many one after the other for printing.

The metadata says what the document is and whose it is, nothing more: its title (what and for
which period) and the co-op's name as author; the creator is "coopdesk" (ReportLab names
itself as producer). No user name, computer name or path goes in, and with `invariant` the
dates and the document id are fixed, so the same statements give the same bytes (golden
tests).

For duplex printing each statement starts on a new sheet: one with an odd number of pages is
followed by a blank page, so the next member's letter never prints on its back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from coopdesk.statements import style
from coopdesk.statements.fonts import REGULAR, register_fonts
from coopdesk.statements.layout import A4_DIN_5008_B, Layout
from coopdesk.statements.render import draw_statement
from coopdesk.statements.types import Statement
from coopdesk.statements.wording import statement_text

CREATOR = "coopdesk"

# Page contents and fonts as binary (compressed) streams, not also spelled out in ASCII85: a
# fifth smaller and a sixth quicker to write, and no reader has needed 7-bit PDFs for decades.
# (ReportLab reads this setting when it writes a stream; it is the process's, not a canvas's.)
rl_config.useA85 = 0


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """How statements are printed: page setup, remittance slip, duplex, byte-stable output."""

    layout: Layout = field(default=A4_DIN_5008_B)
    slip: bool = False
    duplex: bool = False
    invariant: bool = False


def new_canvas(out: BinaryIO, options: PrintOptions, *, title: str, coop_name: str) -> Canvas:
    """A canvas writing to `out`, with the page size and the only metadata statements carry."""
    register_fonts()
    layout = options.layout
    # The initial font is ours: ReportLab's default (Helvetica) would be listed, unembedded,
    # in every page's resources even though no text is set in it.
    canvas = Canvas(out, pagesize=(layout.page_width * mm, layout.page_height * mm),
                    invariant=1 if options.invariant else 0, pageCompression=1,
                    initialFontName=REGULAR, initialFontSize=style.TEXT_SIZE)
    canvas.setTitle(title)
    canvas.setAuthor(coop_name)
    canvas.setSubject("")
    canvas.setKeywords("")
    canvas.setCreator(CREATOR)
    return canvas


def draw_statements(canvas: Canvas, statements: Iterable[Statement], options: PrintOptions,
                    done: Callable[[], None] | None = None) -> tuple[int, int]:
    """Draw `statements` one after the other (padded for duplex); (statements, pages) drawn.

    `done`, if given, is called with no arguments after each statement (progress).
    """
    count = pages = 0
    for statement in statements:
        drawn = draw_statement(canvas, statement_text(statement), options.layout, slip=options.slip)
        if options.duplex and drawn % 2:
            canvas.showPage()  # a blank back, so the next statement starts a new sheet
            drawn += 1
        count += 1
        pages += drawn
        if done is not None:
            done()
    return count, pages


def statement_pdf(out: BinaryIO, statement: Statement, options: PrintOptions) -> int:
    """Write one member's statement as a PDF to `out`; return its pages."""
    text = statement_text(statement)
    canvas = new_canvas(out, options, title=text.document_title, coop_name=text.coop_name)
    pages = draw_statement(canvas, text, options.layout, slip=options.slip)
    canvas.save()
    return pages
