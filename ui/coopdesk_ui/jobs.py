"""Long writes in the background: a progress dialog, a responsive window, a Cancel button.

The write runs in a worker thread through `Book.run` (its own SQLite connection, one
transaction). Its progress callback reports to the dialog through a queued signal and raises
`Cancelled` once the user pressed Cancel, which rolls the whole transaction back: nothing is
half-applied. While it runs the dialog is modal, so nothing else can write to the book.
`run_in_background` is the same for any work, such as the imports' previews (dry runs of the
real import, as long as the import itself).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.progress import Cancelled, Progress
from coopdesk_ui.context import AppContext

T = TypeVar("T")

#: Shown only if the work takes longer than this (ms), so quick runs do not flash a dialog.
SHOW_AFTER_MS = 400


class _Worker(QThread, Generic[T]):
    """Runs `work` and keeps its outcome (a result or an exception) for the main thread."""

    advanced = Signal(int, int)

    def __init__(self, work: Callable[[Progress], T], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_requested = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None

    def report(self, done: int, total: int) -> None:
        """The progress callback handed to the work (called in the worker thread)."""
        if self.cancel_requested.is_set():
            raise Cancelled()
        self.advanced.emit(done, total)

    def run(self) -> None:
        try:
            self.result = self._work(self.report)
        except BaseException as exc:  # handed to the main thread, which decides what to show
            self.error = exc


def run_in_background(parent: QWidget | None, title: str, label: str,
                      work: Callable[[Progress], T]) -> T | None:
    """`work(progress)` run in a worker thread behind a progress dialog titled `title` saying
    `label`; its result, or None when the user cancelled. Its errors are raised here.

    The work must use only its own connection to the book (`Book.run`, `Book.dry_run`): it
    runs while the main thread keeps drawing the window."""
    worker: _Worker[T] = _Worker(work)
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
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
        return None
    if worker.error is not None:
        raise worker.error
    return worker.result


def run_with_progress(context: AppContext, title: str, service: Callable[..., object],
                      /, *args: Any, **kwargs: Any) -> ChangeSet | None:
    """Run `service(session, *args, progress=..., **kwargs)` on the open book in a worker
    thread behind a progress dialog; returns its ChangeSet (views are told), or None when it
    was cancelled or refused (a refusal is shown; nothing was changed either way)."""
    book = context.host.require()

    def work(progress: Progress) -> ChangeSet:
        return book.run(service, *args, progress=progress, **kwargs)

    try:
        # Any other error is a bug: the app's hook shows it; the transaction was rolled back.
        changes = run_in_background(context.window, title, title, work)
    except CoopdeskError as exc:
        context.tell(exc.message)
        return None
    if changes is not None:
        context.host.announce(changes)
    return changes
