"""The meeting's printed pack: the voter roll, the sign-in sheet, the quorum worksheet and the
annual report, written as PDFs into a folder the treasurer chooses.

The documents are drawn by `coopdesk.meetings.pack.write_pack`, imported only when the pack is
asked for (its charts and PDF pages are slow to import, and most visits to the screen print
nothing). Drawing takes a while (charts, every member), so it runs in a worker thread behind the
progress dialog (`jobs.run_in_background`); it only reads the book, through the open book's own
short-lived connections.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.meetings.queries import MeetingState
from coopdesk.progress import Progress
from coopdesk_ui.jobs import run_in_background

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


def write_pack_in_background(parent: QWidget | None, book: Book, meeting_id: int,
                             folder: Path) -> list[Path] | None:
    """Write the pack of meeting `meeting_id` into `folder` behind a progress dialog; the files
    written, or None when cancelled. The core's refusals and OSErrors are raised."""
    from coopdesk.meetings.pack import write_pack

    def work(progress: Progress) -> list[Path]:
        # write_pack reports no progress: the dialog shows a busy bar until it is done.
        return write_pack(book, meeting_id, folder)

    return run_in_background(parent, _("Meeting pack"),
                             _("Drawing the meeting pack\N{HORIZONTAL ELLIPSIS}"), work)


def written_text(paths: Sequence[Path], folder: Path) -> str:
    """What was written, and where."""
    names = "\n".join("\N{BULLET} " + path.name for path in paths)
    return ngettext("Wrote {count} file in \u201c{folder}\u201d:",
                    "Wrote {count} files in \u201c{folder}\u201d:", len(paths)).format(
        count=len(paths), folder=folder) + "\n" + names


class DocumentsTab(QWidget):
    """What the pack holds, "Print the meeting pack…", and what was last written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack_button = QPushButton(_("&Print the meeting pack") + ELLIPSIS)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)  # a folder's name is no markup
        documents = (
            (_("Voter roll"), _("who may vote on the record date, and who may not and why")),
            (_("Sign-in sheet"), _("the voters by name, with a line to sign and a proxy column")),
            (_("Quorum worksheet"), _("eligible voters and the quorum needed, with boxes to fill "
                                      "in at the door")),
            (_("Annual report"), _("the year's accounts beside the year before, membership, "
                                   "dues, funds, patronage, charts and the ledger's audit chain")),
        )
        items = "".join(f"<li><b>{html.escape(name)}</b> \N{EM DASH} {html.escape(what)}</li>"
                        for name, what in documents)
        contents = QLabel("<p>" + html.escape(_("The pack is four PDF files, in the book's "
                                                "language, to print before the meeting:"))
                          + f"</p><ul>{items}</ul>")
        contents.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(contents)
        layout.addWidget(self.pack_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self._meeting_id: int | None = None
        self.follow(None)

    def follow(self, state: MeetingState | None) -> None:
        """Offer the pack of `state`'s meeting (None: no meeting); forget the last result when
        the meeting changed."""
        meeting_id = state.meeting.id if state is not None else None
        if meeting_id != self._meeting_id:
            self.result_label.clear()
        self._meeting_id = meeting_id
        self.pack_button.setEnabled(state is not None)

    def show_written(self, paths: Sequence[Path], folder: Path) -> None:
        self.result_label.setText(written_text(paths, folder))

    def report_failure(self, exc: CoopdeskError | OSError) -> str:
        """The sentence for a pack that could not be written."""
        if isinstance(exc, CoopdeskError):
            return exc.message
        where = exc.filename if exc.filename is not None else ""
        return _("The meeting pack could not be written to \u201c{folder}\u201d: {reason}.").format(
            folder=where, reason=exc.strerror or str(exc))
