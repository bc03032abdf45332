"""The funds' solvency outlooks, computed in a worker thread while the screen stays usable.

A projection is a Monte Carlo simulation (up to a second or two on a large book), so the Funds
table is drawn at once with its outlook cells pending, and this loader fills them in as each
fund's projection arrives. The worker reads the book on its own connection (`Book.read`). A
newer request (the book changed) supersedes an older one, whose late results are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QThread, Signal

from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.funds.outlook import fund_outlook
from coopdesk_ui.models.fund_list_model import OutlookState


class _Worker(QThread):
    """Projects each fund in turn, reporting each as it is done."""

    #: (generation, fund code, outlook or OutlookState, why it failed)
    projected = Signal(int, str, object, str)

    def __init__(self, generation: int, book: Book, codes: Sequence[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = generation
        self._book = book
        self._codes = tuple(codes)
        self.stopped = False

    def run(self) -> None:
        for code in self._codes:
            if self.stopped:
                return
            try:
                outlook: object = self._book.read(fund_outlook, code)
                failure = ""
            except CoopdeskError as exc:
                outlook, failure = OutlookState.FAILED, exc.message
            except Exception as exc:  # noqa: BLE001 - a failed projection must not sink the screen
                outlook, failure = OutlookState.FAILED, str(exc) or type(exc).__name__
            self.projected.emit(self._generation, code, outlook, failure)


class OutlookLoader(QObject):
    """Hands out the funds' outlooks as they are computed (`projected`)."""

    #: (fund code, outlook or OutlookState, why it failed): in the main thread.
    projected = Signal(str, object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._workers: list[_Worker] = []

    def start(self, book: Book, codes: Sequence[str]) -> None:
        """Project the funds `codes` of `book`, superseding any projection under way."""
        self.stop()
        if not codes:
            return
        worker = _Worker(self._generation, book, codes, self)
        worker.projected.connect(self._forward, Qt.ConnectionType.QueuedConnection)
        worker.finished.connect(lambda: self._forget(worker))
        self._workers.append(worker)
        worker.start()

    def stop(self) -> None:
        """Drop what is under way: its results will not be handed out."""
        self._generation += 1
        for worker in self._workers:
            worker.stopped = True

    def wait(self) -> None:
        """Stop, and wait until no worker reads the book any more (before it is closed)."""
        self.stop()
        for worker in list(self._workers):
            worker.wait()
        self._workers.clear()

    def busy(self) -> bool:
        return any(worker.isRunning() for worker in self._workers)

    def _forward(self, generation: int, code: str, outlook: object, failure: str) -> None:
        if generation == self._generation:
            self.projected.emit(code, outlook, failure)

    def _forget(self, worker: _Worker) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        worker.deleteLater()
