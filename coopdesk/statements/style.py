"""The statement's typography: sizes in points, spacing in millimetres, greys as 0..1.

One sober typeface, a few sizes and greys, one dark accent for the co-op's name and the
amount due: the look of a careful organisation's letter. Shared by the page plan (`paging`),
which needs the heights, and the renderer.
"""

from __future__ import annotations

NAME_SIZE = 15.0
HEADING_SIZE = 12.5
TEXT_SIZE = 9.0
TABLE_SIZE = 8.5
SMALL_SIZE = 7.0
DETAIL_SIZE = 7.5
#: The logo's largest size in the letterhead, and the space between it and the name (mm).
LOGO_HEIGHT = 16.0
LOGO_WIDTH = 40.0
LOGO_GAP = 5.0
DUE_SIZE = 13.0

#: mm between lines of running text, address lines and table rows.
LINE = 4.4
ADDRESS_LINE = 4.2
ROW = 4.9
TABLE_HEADER = 6.2

#: From the body's top on page 1: heading, intro, summary block and its notes, then the table.
HEADING_GAP = 7.0
INTRO_GAP = 8.0
SUMMARY_ROWS = 5  # four balances and the standing
SUMMARY_GAP = 4.0
NOTE_LINE = 4.2
TABLE_GAP = 5.0

#: The space kept free above the page's bottom margin for the footer.
FOOTER = 7.0
#: Space between the last table row and the slip's cut line.
SLIP_CLEARANCE = 6.0
#: Space before a section (risk funds, patronage) and each of its rows.
SECTION_GAP = 6.0
SECTION_TITLE = 6.0

INK = 0.13
MUTED = 0.42
RULE = 0.72
SHADE = 0.94
ACCENT = (0.09, 0.29, 0.33)  # a dark teal
DUE_BACKGROUND = (0.93, 0.96, 0.96)

#: Table columns as fractions of the text width: date, description, charges, credits, balance.
COLUMNS = (0.15, 0.43, 0.14, 0.14, 0.14)
