"""Writing a batch of statements in the background: one PDF, or one file per member.

The batch (`batch.write_statements`) runs in a worker thread behind a progress dialog with
Cancel (`jobs.run_in_background`: statements only read the book, so this is not a write of the
book). It is given the book's path, not the open book: it opens its own read-only connection
(and its worker processes theirs), as a thread must. A refusal of the core is shown as it
says it; a file that cannot be written (disk full, no permission) is named in one message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.progress import Progress
from coopdesk.statements.batch import BatchResult, write_statements
from coopdesk.statements.document import PrintOptions
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.jobs import run_in_background


@dataclass(frozen=True, slots=True)
class StatementJob:
    """Everything a batch needs, as plain data a worker thread can take."""

    book_path: Path
    numbers: tuple[str, ...]
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    options: PrintOptions


def suggested_file_name(date_from: dt.date, date_to: dt.date) -> str:
    """The combined PDF's name offered first: what it is and for when (ISO dates sort well)."""
    return _("Statements {start} to {end}.pdf").format(start=date_from.isoformat(),
                                                       end=date_to.isoformat())


def write_batch(parent: QWidget | None, job: StatementJob, out: Path, *, combined: bool,
                title: str) -> BatchResult | None:
    """Write `job` to `out` (a PDF file, or a folder for one file per member) behind a progress
    dialog titled `title`; what was written, or None when cancelled or refused (said)."""
    count = len(job.numbers)
    label = ngettext("Writing {count} statement\N{HORIZONTAL ELLIPSIS}",
                     "Writing {count} statements\N{HORIZONTAL ELLIPSIS}", count).format(count=count)

    def work(progress: Progress) -> BatchResult:
        return write_statements(job.book_path, job.numbers, job.date_from, job.date_to, out,
                                combined=combined, options=job.options, today=job.today,
                                progress=progress)

    try:
        return run_in_background(parent, title, label, work)
    except CoopdeskError as exc:
        Dialogs.error(parent, exc.message)
    except OSError as exc:
        where = exc.filename if exc.filename is not None else out
        reason = exc.strerror or str(exc)
        Dialogs.error(parent, _("The statements could not be written to \u201c{file}\u201d: "
                                "{reason}.").format(file=where, reason=reason))
    return None


def written_text(result: BatchResult, out: Path, *, combined: bool) -> str:
    """What a batch wrote, and where, in a sentence."""
    statements = ngettext("{count} statement", "{count} statements",
                          result.statements).format(count=result.statements)
    pages = ngettext("{count} page", "{count} pages", result.pages).format(count=result.pages)
    if combined:
        return _("Saved {statements} ({pages}) in \u201c{file}\u201d.").format(
            statements=statements, pages=pages, file=out)
    return _("Saved {statements} ({pages}), one file per member, in the folder "
             "\u201c{folder}\u201d.").format(statements=statements, pages=pages, folder=out)
