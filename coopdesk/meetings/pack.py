"""The annual meeting's printed pack: four PDFs written into one folder.

`write_pack` reads the meeting (who may vote and why not, attendance, the quorum) and the
annual report's figures from the book, then writes, in the book's language on its paper:

- `voter-roll.pdf` (`voter_roll_pdf`),
- `sign-in-sheet.pdf` (`signin_pdf`),
- `quorum-worksheet.pdf` (`worksheet_pdf`),
- `annual-report.pdf` (`annual_report_pdf`) of the fiscal year asked for, by default the last
  one that ended before the meeting.

Each file is written whole or not at all, private to the user (mode 0600: it names members),
with only its title and the co-op's name as metadata (`statements.files`,
`statements.document`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.dues.periods import fiscal_year_start
from coopdesk.dues.periods import shift_months
from coopdesk.errors import InputError
from coopdesk.meetings.annual_report import AnnualReport, annual_report
from coopdesk.meetings.annual_report_pdf import annual_report_pdf
from coopdesk.meetings.pack_pages import PackSetup
from coopdesk.meetings.queries import MeetingState, meeting_state
from coopdesk.meetings.signin_pdf import BLANK_ROWS, signin_pdf
from coopdesk.meetings.voter_roll_pdf import voter_roll_pdf
from coopdesk.meetings.worksheet_pdf import worksheet_pdf
from coopdesk.settings import BookSettings, load_settings
from coopdesk.statements.files import write_file_atomically

VOTER_ROLL = "voter-roll.pdf"
SIGN_IN_SHEET = "sign-in-sheet.pdf"
QUORUM_WORKSHEET = "quorum-worksheet.pdf"
ANNUAL_REPORT = "annual-report.pdf"
FILES = (VOTER_ROLL, SIGN_IN_SHEET, QUORUM_WORKSHEET, ANNUAL_REPORT)


def report_year(meeting_date: dt.date, fiscal_start_month: int) -> dt.date:
    """The first day of the last fiscal year that ended before `meeting_date`."""
    return shift_months(fiscal_year_start(meeting_date, fiscal_start_month), -12)


def write_pack(book_or_path: Book | Path | str, meeting_id: int, out_dir: Path | str, *,
               year_start: dt.date | None = None, today: dt.date | None = None,
               blank_rows: int = BLANK_ROWS, invariant: bool = False) -> list[Path]:
    """Write the meeting's four documents into `out_dir` (made if missing); return their paths.

    `year_start` names the annual report's fiscal year (default: the last one that ended before
    the meeting); `today` is the date the documents say they were printed (default: today);
    `blank_rows` the least number of blank rows at the end of the sign-in sheet; `invariant`
    fixes the PDFs' dates and ids (the same book gives the same bytes).
    """
    if isinstance(book_or_path, Book):
        settings, state, report = _read(book_or_path, meeting_id, year_start)
    else:
        with Book.open(Path(book_or_path), read_only=True) as book:
            settings, state, report = _read(book, meeting_id, year_start)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    setup = PackSetup.for_book(settings.name, settings.locale, today or clock.today())
    documents: list[tuple[str, Callable[[BinaryIO], object]]] = [
        (VOTER_ROLL, lambda out: voter_roll_pdf(out, setup, state, invariant=invariant)),
        (SIGN_IN_SHEET, lambda out: signin_pdf(out, setup, state, blank_rows=blank_rows,
                                               invariant=invariant)),
        (QUORUM_WORKSHEET, lambda out: worksheet_pdf(out, setup, state, invariant=invariant)),
        (ANNUAL_REPORT, lambda out: annual_report_pdf(out, setup, report, state.meeting,
                                                      invariant=invariant)),
    ]
    written = []
    for name, draw in documents:
        path = folder / name
        write_file_atomically(path, draw)
        written.append(path)
    return written


def _read(book: Book, meeting_id: int,
          year_start: dt.date | None) -> tuple[BookSettings, MeetingState, AnnualReport]:
    settings = book.read(load_settings)
    state = book.read(meeting_state, meeting_id)
    year = year_start or report_year(state.meeting.meeting_date, settings.fiscal_year_start)
    return settings, state, book.read(annual_report, year)
