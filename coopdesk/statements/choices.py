"""What a batch of statements starts from when the treasurer has chosen nothing yet, and the
small rules of the choices they make (the app's Statements screen; the CLI takes them as flags).

- The period: the current fiscal year so far, from its first day to today, since statements
  usually go out during or at the end of the co-op's year.
- The paper: US Letter for a book whose locale is written where Letter is the usual paper (the
  United States and Canada), A4 everywhere else.
- The page setup: a preset with its address window moved by the treasurer's offsets (their
  envelopes' windows sit a little elsewhere), nothing else of the layout changed.
- Chosen members: "12, 15 17" read as member numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from babel import Locale, UnknownLocaleError

from coopdesk.dues.periods import fiscal_year_start
from coopdesk.statements.layout import A4_DIN_5008_B, PRESETS, US_LETTER_10, Layout

#: Territories whose offices print on US Letter rather than A4.
LETTER_TERRITORIES = frozenset({"US", "CA"})
#: How far the page setup may move the address window, either way (mm): beyond that the
#: envelope is another kind, not a preset a little off.
MAX_OFFSET_MM = 20.0


def default_period(today: dt.date, fiscal_year_start_month: int) -> tuple[dt.date, dt.date]:
    """The fiscal year so far: from the first day of the fiscal year holding `today` to today."""
    return fiscal_year_start(today, fiscal_year_start_month), today


def default_paper(locale: str) -> str:
    """The paper (a key of `layout.PRESETS`) a book written in `locale` ("en_US") prints on."""
    try:
        territory = Locale.parse(locale).territory
    except (ValueError, UnknownLocaleError):
        territory = None
    return US_LETTER_10.name if territory in LETTER_TERRITORIES else A4_DIN_5008_B.name


def adjusted_layout(paper: str, dx: float = 0.0, dy: float = 0.0) -> Layout:
    """The preset `paper` with its address window moved `dx` mm right and `dy` mm down
    (negative: left, up); offsets beyond `MAX_OFFSET_MM` are held at it."""
    layout = PRESETS[paper]
    dx, dy = (max(-MAX_OFFSET_MM, min(MAX_OFFSET_MM, d)) for d in (dx, dy))
    if not dx and not dy:
        return layout
    return replace(layout, address=layout.address.moved(dx, dy))


def member_numbers(text: str) -> list[str]:
    """The member numbers in `text`, separated by commas, semicolons or spaces; each once, in
    the order first written."""
    seen: dict[str, None] = {}
    for number in re.split(r"[\s,;]+", text):
        if number:
            seen.setdefault(number, None)
    return list(seen)
