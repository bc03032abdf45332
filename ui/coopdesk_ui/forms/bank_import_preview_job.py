"""The bank import's preview as a background job: a dry run behind a progress dialog.

The preview is the real import rolled back (`Book.dry_run`), so it takes as long as the import
itself: on a long export that is many seconds. Like `coopdesk_ui.jobs` (which commits, so cannot
be used here) it runs in a worker thread with its own connection, keeps the window responsive,
and can be cancelled; nothing is ever kept either way.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coopdesk.book import Book
from coopdesk.dues.bank_import import BankImport, import_payments
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.io.bank_csv import BankRow
from coopdesk.progress import Cancelled

#: Shown only if the preview takes longer than this (ms), so short files do not flash a dialog.
SHOW_AFTER_MS = 400


class _DryRun(QThread):
    """Runs the import as a dry run on the book and keeps its outcome for the main thread."""

    advanced = Signal(int, int)

    def __init__(self, book: Book, rows: Sequence[BankRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._rows = rows
        self.cancel_requested = threading.Event()
        self.result: BankImport | None = None
        self.error: BaseException | None = None

    def report(self, done: int, total: int) -> None:
        """The progress callback handed to the import (called in the worker thread)."""
        if self.cancel_requested.is_set():
            raise Cancelled()
        self.advanced.emit(done, total)

    def run(self) -> None:
        try:
            # Unmatched rows stop the real import before it records anything, so the preview
            # is quick when there are some; otherwise every payment is recorded, then undone.
            self.result = self._book.dry_run(import_payments, self._rows, accept_matched=False,
                                             progress=self.report)
        except BaseException as exc:  # handed to the main thread, which decides what to show
            self.error = exc


def preview_import(book: Book, rows: Sequence[BankRow],
                   parent: QWidget | None = None) -> tuple[BankImport | None, str]:
    """What importing `rows` would do, and "" — or None and why not ("" when cancelled)."""
    worker = _DryRun(book, rows)
    dialog = QProgressDialog(_("Matching the payments to members\N{HORIZONTAL ELLIPSIS}"),
                             _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Import payments"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def advance(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    worker.advanced.connect(advance, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(worker.cancel_requested.set)
    loop = QEventLoop()
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if isinstance(worker.error, Cancelled):
        return None, ""
    if isinstance(worker.error, CoopdeskError):
        return None, worker.error.message
    if worker.error is not None:
        raise worker.error  # a bug: the app's hook shows it; nothing was kept
    return worker.result, ""
