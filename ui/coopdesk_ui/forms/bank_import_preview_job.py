"""The bank import's preview as a background job: a dry run behind a progress dialog.

The preview is the real import rolled back (`Book.dry_run`), so it takes as long as the import
itself: on a long export that is many seconds. It runs through `coopdesk_ui.jobs`, in a worker
thread with its own connection, keeps the window responsive, and can be cancelled; nothing is
ever kept either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from coopdesk.book import Book
from coopdesk.dues.bank_import import BankImport, import_payments
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.io.bank_csv import BankRow
from coopdesk.progress import Progress
from coopdesk_ui.jobs import run_in_background


def preview_import(book: Book, rows: Sequence[BankRow],
                   parent: QWidget | None = None) -> tuple[BankImport | None, str]:
    """What importing `rows` would do, and "" — or None and why not ("" when cancelled)."""

    def dry_run(progress: Progress) -> BankImport:
        # Unmatched rows stop the real import before it records anything, so the preview is
        # quick when there are some; otherwise every payment is recorded, then undone.
        return book.dry_run(import_payments, rows, accept_matched=False, progress=progress)

    try:
        preview = run_in_background(
            parent, _("Import payments"),
            _("Matching the payments to members\N{HORIZONTAL ELLIPSIS}"), dry_run)
    except CoopdeskError as exc:
        return None, exc.message
    return preview, ""  # a bug raises: the app's hook shows it; nothing was kept
