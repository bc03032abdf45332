"""Regenerate the screenshots in this folder: `python docs/screenshots/take_screenshots.py`.

Runs headless (offscreen Qt) on a throwaway book with a few entries, so the pictures never show
anyone's real data.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from coopdesk.book import Book  # noqa: E402
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs  # noqa: E402
from coopdesk.money import Money  # noqa: E402
from coopdesk_ui.main_window import MainWindow  # noqa: E402

HERE = Path(__file__).parent
SIZE = (1000, 640)


def entry(date: dt.date, debit: str, credit: str, amount: str, memo: str) -> EntrySpec:
    money = Money(amount, "USD")
    return EntrySpec(date, (PostingSpec(debit, money), PostingSpec(credit, -money)), memo=memo)


def sample_entries(today: dt.date) -> list[EntrySpec]:
    start = today.replace(day=1) - dt.timedelta(days=60)
    return [
        entry(start, "1010", "3900", "2450.00", "Opening bank balance"),
        entry(start, "1000", "3900", "150.00", "Opening cash float"),
        entry(start + dt.timedelta(days=5), "1000", "4000", "312.00", "Dues collected at meeting"),
        entry(start + dt.timedelta(days=12), "1000", "4100", "85.50", "Bake sale"),
        entry(start + dt.timedelta(days=20), "5000", "1010", "140.25", "Printer and paper"),
        entry(start + dt.timedelta(days=31), "5900", "1010", "3.50", "Bank charges"),
        entry(start + dt.timedelta(days=40), "1010", "1000", "400.00", "Cash deposited"),
    ]


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("coopdesk")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "riverside.coopdesk"
        with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
            book.run(post_specs, sample_entries(dt.date.today()))
        window = MainWindow()
        window.show_book(Book.open(path))
        window.resize(*SIZE)
        window.show()
        app.processEvents()
        window.grab().save(str(HERE / "main-window.png"))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
