"""Where things go on a statement's page, as data in millimetres from the top-left corner.

Two presets, each placing the member's address where a window envelope shows it:

- `A4_DIN_5008_B`: DIN 5008 form B, for DL and C5/6 window envelopes (DIN 680): letterhead in
  the top 45 mm, address field 85 x 45 mm at 20 mm from the left and 45 mm from the top (a
  17.7 mm zone for the return line above 27.3 mm for the address, text 5 mm in), information
  block at 125 mm, text from 25 mm to 20 mm before the right edge, fold marks at 105 and
  210 mm and a punch mark at 148.5 mm.
- `US_LETTER_10`: US Letter folded in three for a #10 window envelope (window 4.5 x 1.125 in,
  7/8 in from the left): the address within 3.5 x 0.875 in from 2.04 in below the top edge,
  the letterhead where a double-window envelope's return window is (0.5 in from the top),
  body from 3 3/8 in, folds at 3.67 and 7.33 in.

A treasurer whose envelopes differ adjusts a preset with `dataclasses.replace` (or `moved`),
e.g. `replace(A4_DIN_5008_B, address=A4_DIN_5008_B.address.moved(dy=3))`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page: left edge and top edge from the page's top-left corner."""

    x: float
    y: float
    width: float
    height: float

    def moved(self, dx: float = 0.0, dy: float = 0.0) -> Box:
        return replace(self, x=self.x + dx, y=self.y + dy)


@dataclass(frozen=True, slots=True)
class Layout:
    """A page setup for statements, in millimetres from the top-left corner of the page."""

    name: str
    page_width: float
    page_height: float
    margin_left: float
    margin_right: float
    margin_bottom: float
    letterhead: Box
    #: The co-op's address under its name (where a double window shows it), rather than
    #: across from it at the right.
    letterhead_stacked: bool
    #: The envelope's window: the return line (if `return_zone` > 0) above the address.
    address: Box
    #: Height of the window's top zone holding the co-op's one-line return address (0: none).
    return_zone: float
    #: How far in from the window's left edge the address lines start.
    address_indent: float
    info: Box
    #: Where the statement's heading starts on the first page.
    body_top: float
    #: Where the text starts on the following pages.
    continued_top: float
    #: Short marks at the left edge where the sheet is folded (and punched).
    fold_marks: tuple[float, ...]
    punch_mark: float | None
    #: The tear-off remittance slip, when asked for: the bottom of the first page from here.
    slip_top: float

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right


A4_DIN_5008_B = Layout(
    name="a4",
    page_width=210.0, page_height=297.0,
    margin_left=25.0, margin_right=20.0, margin_bottom=16.0,
    letterhead=Box(25.0, 12.0, 165.0, 30.0), letterhead_stacked=False,
    address=Box(20.0, 45.0, 85.0, 45.0), return_zone=17.7, address_indent=5.0,
    info=Box(125.0, 50.0, 75.0, 40.0),
    body_top=98.46, continued_top=20.0,
    fold_marks=(105.0, 210.0), punch_mark=148.5,
    slip_top=210.0,
)

_INCH = 25.4

US_LETTER_10 = Layout(
    name="letter",
    page_width=8.5 * _INCH, page_height=11.0 * _INCH,
    margin_left=0.75 * _INCH, margin_right=0.75 * _INCH, margin_bottom=0.6 * _INCH,
    letterhead=Box(0.875 * _INCH, 0.5 * _INCH, 3.5 * _INCH, 0.79 * _INCH), letterhead_stacked=True,
    address=Box(0.875 * _INCH, 2.042 * _INCH, 3.5 * _INCH, 0.875 * _INCH), return_zone=0.0,
    address_indent=0.0,
    info=Box(4.75 * _INCH, 1.75 * _INCH, 3.0 * _INCH, 1.2 * _INCH),
    body_top=3.375 * _INCH, continued_top=0.75 * _INCH,
    fold_marks=(11.0 * _INCH / 3, 22.0 * _INCH / 3), punch_mark=None,
    slip_top=22.0 * _INCH / 3,
)

PRESETS = {A4_DIN_5008_B.name: A4_DIN_5008_B, US_LETTER_10.name: US_LETTER_10}
