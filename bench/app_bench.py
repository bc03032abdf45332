"""How responsive the desktop app is on a large book: launch, members, a keystroke, the ledger.

Each run starts a fresh process (so launch includes Python, Qt and opening the book) that
opens the book in the main window, offscreen, and times four things a treasurer waits for:

- launch: from starting the process to the dashboard drawn;
- members: from choosing Members in the sidebar to its table drawn;
- keystroke: one character typed into the members filter until the table is drawn again
  (the best of several keystrokes, each one narrowing then widening the filter);
- ledger: from choosing Ledger to its journal drawn.

Beside it, in the same run, a baseline process does the same on bare Qt, with no coopdesk
code: the interpreter and Qt started, a window with a QTableView over the least table model there is,
over the members (read with the standard library's `sqlite3`), a QSortFilterProxyModel for the
keystroke, and the journal's first 200 rows for the ledger. The targets are absolute (from
issue 4): dashboard under 1.5 s, keystroke under 50 ms, ledger under 300 ms.

Usage: `python bench/app_bench.py BOOK [--runs N]`, where BOOK is a large book, e.g. the
history that `bench/dues_bench.py --keep-books` leaves in `bench/out/dues-history.coopdesk`
(5,000 members, 10 years). The app opens the book read-only, so it is never changed; before
the runs the bench opens and closes it once for writing, with a private data folder, so that it
is a book this computer's coopdesk knows, as a treasurer's own book is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {"launch": 1.5, "members": None, "keystroke": 0.050, "ledger": 0.300}
KEYS = "aeiou"


def child_coopdesk(book: Path, started: float) -> dict[str, float]:
    """Run in the child: the real app on `book`."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from coopdesk.book import Book
    from coopdesk_ui.main_window import MainWindow
    from coopdesk_ui.recent_books import RecentBooks
    from PySide6.QtCore import QSettings

    app = QApplication(sys.argv[:1])
    window = MainWindow(recent=RecentBooks(QSettings("coopdesk-bench", "bench")))
    window.resize(1100, 700)
    window.show()  # as coopdesk_ui.app.run_app does
    window.show_book(Book.open(book, read_only=True))
    drawn(app, window)
    times = {"launch": time.time() - started}

    t = time.perf_counter()
    window.show_screen("members")
    drawn(app, window)
    times["members"] = time.perf_counter() - t

    search = window.screens["members"].search_edit  # type: ignore[attr-defined]
    times["keystroke"] = best_keystroke(app, window, lambda key: QTest.keyClick(search, key),
                                        lambda: QTest.keyClick(search, "\b"))

    t = time.perf_counter()
    window.show_screen("ledger")
    drawn(app, window)
    times["ledger"] = time.perf_counter() - t
    window.close()
    return times


def child_bare_qt(book: Path, started: float) -> dict[str, float]:
    """Run in the child: the baseline, bare Qt over rows read with sqlite3."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    conn = sqlite3.connect(f"file:{book}?mode=ro", uri=True)
    window = QWidget()
    window.resize(1100, 700)
    layout = QVBoxLayout(window)
    view = QTableView()
    layout.addWidget(view)
    window.show()
    drawn(app, window)
    times = {"launch": time.time() - started}

    class Rows(QAbstractTableModel):
        """The least a table model can be: tuples shown as text."""

        def __init__(self, rows: list[tuple[Any, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent: Any = QModelIndex()) -> int:
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:
            return 0 if parent.isValid() else 4

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)

    t = time.perf_counter()
    members = conn.execute("SELECT number, display_name, class_id, join_date FROM members "
                           "ORDER BY sort_name").fetchall()
    model = Rows(members)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(1)
    search = QLineEdit()
    search.textChanged.connect(proxy.setFilterFixedString)
    layout.insertWidget(0, search)
    view.setModel(proxy)
    drawn(app, window)
    times["members"] = time.perf_counter() - t

    times["keystroke"] = best_keystroke(app, window, lambda key: QTest.keyClick(search, key),
                                        lambda: QTest.keyClick(search, "\b"))

    t = time.perf_counter()
    entries = conn.execute("SELECT id, entry_date, kind, memo FROM journal_entries "
                           "ORDER BY entry_date DESC, id DESC LIMIT 200").fetchall()
    journal = Rows(entries)
    view.setModel(journal)
    drawn(app, window)
    times["ledger"] = time.perf_counter() - t
    return times


def drawn(app: Any, window: Any) -> None:
    """Let Qt lay out and paint everything pending, then paint the window once more."""
    app.processEvents()
    window.repaint()
    app.processEvents()


def best_keystroke(app: Any, window: Any, type_key: Any, erase: Any) -> float:
    best = float("inf")
    for key in KEYS:
        t = time.perf_counter()
        type_key(key)
        drawn(app, window)
        best = min(best, time.perf_counter() - t)
        erase()
        drawn(app, window)
    return best


def run_child(kind: str, book: Path, data_home: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(data_home)}
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(book),
                          "--started", repr(started)],
                         env=env, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def register_as_known(book: Path, data_home: Path) -> None:
    """Open and close the book once for writing, as the treasurer's last session did, so it
    is a book this computer's coopdesk knows (coopdesk.known_books): launching it then skips
    SQLite's whole-file quick_check. Runs in a child so the private data folder applies."""
    code = ("import sys; from pathlib import Path; from coopdesk.book import Book; "
            "Book.open(Path(sys.argv[1])).close()")
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    time.sleep(2.5)  # known_books does not trust a file written in the last 2 s
    subprocess.run([sys.executable, "-c", code, str(book)], env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", type=Path, help="a large book (opened read-only)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each side (default 5)")
    parser.add_argument("--child", choices=("coopdesk", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        work = child_coopdesk if args.child == "coopdesk" else child_bare_qt
        print(json.dumps(work(args.book, args.started)))
        return 0

    data_home = Path(tempfile.mkdtemp(prefix="coopdesk-app-bench-"))
    register_as_known(args.book, data_home)
    ours: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    for _ in range(args.runs):  # alternate, so both sides see the same machine
        ours.append(run_child("coopdesk", args.book, data_home))
        bare.append(run_child("bare", args.book, data_home))
    shutil.rmtree(data_home, ignore_errors=True)
    print(f"{'task':<12}{'ours (s)':>10}{'bare Qt (s)':>13}{'ratio':>8}{'target (s)':>12}  result")
    missed = 0
    for task, target in TARGETS.items():
        mine = min(run[task] for run in ours)
        base = min(run[task] for run in bare)
        verdict = "-" if target is None else ("pass" if mine < target else "FAIL")
        missed += verdict == "FAIL"
        shown = "-" if target is None else f"{target:.3f}"
        print(f"{task:<12}{mine:>10.3f}{base:>13.3f}{mine / base:>8.2f}{shown:>12}  {verdict}")
    print(f"best of {args.runs} runs each, alternating; Python {sys.version.split()[0]}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
