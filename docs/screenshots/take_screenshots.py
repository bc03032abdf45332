"""Regenerate the screenshots in this folder: `python docs/screenshots/take_screenshots.py`.

Runs headless (offscreen Qt) on a fresh demo co-op in a temporary folder, so the pictures never
show anyone's real data: the welcome page, then each screen of the sidebar.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from coopdesk.book import Book  # noqa: E402
from coopdesk.demo import build_demo  # noqa: E402
from coopdesk_ui.main_window import MainWindow  # noqa: E402
from coopdesk_ui.recent_books import RecentBooks  # noqa: E402
from coopdesk_ui.targets import MemberTarget  # noqa: E402

HERE = Path(__file__).parent
SIZE = (1180, 720)
#: A member of the default demo with a few years of history to show in the detail pane.
SHOWN_MEMBER = "7"


def save(app: QApplication, widget: QWidget, name: str) -> None:
    app.processEvents()
    widget.grab().save(str(HERE / f"{name}.png"))
    print(f"wrote {HERE / name}.png")


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("coopdesk")
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "qt.ini"), QSettings.Format.IniFormat)
        window = MainWindow(recent=RecentBooks(settings))
        window.resize(*SIZE)
        window.show()
        save(app, window, "welcome")

        path = Path(folder) / "demo.coopdesk"
        build_demo(path)
        window.show_book(Book.open(path))
        save(app, window, "dashboard")
        window.show_screen("members", MemberTarget(SHOWN_MEMBER))
        save(app, window, "members")
        for key in ("dues", "payments", "statements", "funds", "patronage", "capital", "meetings",
                    "ledger"):
            window.show_screen(key)
            save(app, window, key)
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
