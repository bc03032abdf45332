"""Written notices of allocation as PDFs: one combined file to print, or one file per member.

Like statements (`statements.batch.write_statements`), but drawn in this process: a notice is
one page, so a year's notices for thousands of members take seconds. The data is read for all
of them at once (`notice_data.notices_for`), each worded in its member's language
(`notice_wording`) and drawn (`notice_render`). PDFs carry only their title and the co-op's
name (`statements.document.new_canvas`); files are written whole or not at all, mode 0600, named
by member number and name (`statements.files`). For duplex printing each notice is followed by
a blank back. `progress(done, total)` may raise `Cancelled`: the combined file is then not
written (members' files already written stay, complete).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.errors import InputError
from coopdesk.i18n import translations
from coopdesk.patronage import notice_labels as labels
from coopdesk.patronage.notice_data import NoticeData, notices_for
from coopdesk.patronage.notice_render import draw_notice
from coopdesk.patronage.notice_wording import fiscal_year_name, notice_text
from coopdesk.progress import Progress, no_progress
from coopdesk.settings import load_settings
from coopdesk.statements.batch import BatchResult
from coopdesk.statements.document import PrintOptions, new_canvas
from coopdesk.statements.files import (
    statement_file_names,
    write_bytes_atomically,
    write_file_atomically,
)
from coopdesk.statements.language import statement_locale


def notice_pdf(out: BinaryIO, data: NoticeData, options: PrintOptions = PrintOptions()) -> int:
    """Write one member's notice as a PDF to `out`; return its pages (1)."""
    text = notice_text(data)
    canvas = new_canvas(out, options, title=text.document_title, coop_name=text.coop_name)
    pages = draw_notice(canvas, text, options.layout)
    canvas.save()
    return pages


def write_notices(source: Book | Path, year_start: dt.date, numbers: Sequence[str], out: Path, *,
                  combined: bool, options: PrintOptions = PrintOptions(),
                  today: dt.date | None = None, progress: Progress = no_progress) -> BatchResult:
    """Write the notices of the allocation of the fiscal year from `year_start` for `numbers`
    (in that order), dated `today`.

    `combined`: one PDF at `out` (a file); otherwise one PDF per member in the folder `out`
    (made if missing). `source` is an open book, or the path of one to open read-only.
    """
    day = today or clock.today()
    if not numbers:
        raise InputError("no members to write notices for")
    out = Path(out)
    _check_target(out, combined)
    book = Book.open(source, read_only=True) if isinstance(source, Path) else source
    try:
        with book.session() as session, session.begin():
            notices = notices_for(session, year_start, list(numbers), today=day)
            settings = load_settings(session)
    finally:
        if book is not source:
            book.close()
    total = len(notices)
    progress(0, total)
    if not combined:
        out.mkdir(mode=0o700, exist_ok=True)
        names = statement_file_names([(d.notice.member_number, d.notice.member_name)
                                      for d in notices])
        files = []
        for done, (name, data) in enumerate(zip(names, notices, strict=True), start=1):
            buffer = io.BytesIO()
            notice_pdf(buffer, data, options)
            write_bytes_atomically(out / name, buffer.getvalue())
            files.append(out / name)
            progress(done, total)
        return BatchResult(total, total, tuple(files))
    _, locale = statement_locale(None, settings.locale, settings.address.country)
    year = fiscal_year_name(notices[0].notice.year_start, notices[0].notice.year_end)
    title = translations(locale).gettext(labels.NOTICE_DOCUMENT_TITLE).format(year=year)
    pages = 0

    def fill(stream: BinaryIO) -> None:
        nonlocal pages
        canvas = new_canvas(stream, options, title=title, coop_name=settings.name)
        for done, data in enumerate(notices, start=1):
            pages += draw_notice(canvas, notice_text(data), options.layout)
            if options.duplex:
                canvas.showPage()  # a blank back: the next notice starts a new sheet
                pages += 1
            progress(done, total)
        canvas.save()

    write_file_atomically(out, fill)
    return BatchResult(total, pages, (out,))


def _check_target(out: Path, combined: bool) -> None:
    if combined:
        if out.is_dir():
            raise InputError(f"{out}: is a folder; name the PDF file to write")
        if not out.parent.is_dir():
            raise InputError(f"{out.parent}: no such folder")
    else:
        if out.exists() and not out.is_dir():
            raise InputError(f"{out}: is a file; name a folder for one PDF per member")
        if not out.parent.is_dir():
            raise InputError(f"{out.parent}: no such folder")
