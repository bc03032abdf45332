"""The member import's preview as a background job: dry runs behind a progress dialog.

The preview is the real import rolled back (`member_import_preview.preview_members`), so on a
long list it takes as long as the import. Like the bank import's preview job, it runs in a worker
thread (the book gives it its own connection), keeps the window responsive and can be
cancelled; nothing is kept either way. Unlike that one, `run_in_background` takes any work, so
it is the piece to share: the bank preview could run through it too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coopdesk.i18n import _
from coopdesk.progress import Cancelled, Progress

T = TypeVar("T")

#: Shown only if the work takes longer than this (ms), so short files do not flash a dialog.
SHOW_AFTER_MS = 400


class _Job(QThread, Generic[T]):
    """Runs `work` and keeps its outcome (a result or an exception) for the main thread."""

    advanced = Signal(int, int)

    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
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
    `label`; its result, or None when the user cancelled. Its errors are raised here."""
    job: _Job[T] = _Job(work)
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def advance(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    job.advanced.connect(advance, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(job.cancel_requested.set)
    loop = QEventLoop()
    job.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    job.start()
    if not job.isFinished():
        loop.exec()
    job.wait()
    dialog.close()
    dialog.deleteLater()
    if isinstance(job.error, Cancelled):
        return None
    if job.error is not None:
        raise job.error
    return job.result
