"""The preview of a batch: one member's statement exactly as it will print, and the buttons
to go through the batch member by member.

The statement is read and drawn as the batch will (`statement_for`, then `statement_pdf` with
the same print options), and the PDF shown as it is: what the treasurer sees is what the
members get.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.statements.document import PrintOptions, statement_pdf
from coopdesk.statements.queries import statement_for
from coopdesk_ui.context import AppContext
from coopdesk_ui.widgets.pdf_view import PdfView


@dataclass(frozen=True, slots=True)
class PreviewBatch:
    """What the preview goes through: the members (numbers and names) and how they print."""

    numbers: tuple[str, ...]
    names: Mapping[str, str]
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    options: PrintOptions


class StatementPreview(QWidget):
    """One statement of the batch at a time, with previous/next."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._batch: PreviewBatch | None = None
        self.index = 0
        self.pages = 0
        self.previous_button = QPushButton(_("\N{BLACK LEFT-POINTING TRIANGLE} Prev&ious"))
        self.next_button = QPushButton(_("&Next \N{BLACK RIGHT-POINTING TRIANGLE}"))
        self.previous_button.setToolTip(_("The previous member's statement"))
        self.next_button.setToolTip(_("The next member's statement"))
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
        self.position = QLabel()
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.view = PdfView()
        self.view.setAccessibleName(_("Statement preview"))
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.position, 1)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.show_message("")

    @property
    def count(self) -> int:
        """How many statements the batch has."""
        return len(self._batch.numbers) if self._batch is not None else 0

    def current_number(self) -> str | None:
        """The number of the member whose statement is on view."""
        return self._batch.numbers[self.index] if self._batch is not None else None

    def show_batch(self, batch: PreviewBatch) -> None:
        """Preview `batch`, staying on the same member if they are still in it."""
        current = self.current_number()
        self._batch = batch if batch.numbers else None
        if self._batch is None:
            self.show_message(_("No member matches these choices."))
            return
        self.index = batch.numbers.index(current) if current in batch.numbers else min(
            self.index, len(batch.numbers) - 1)
        self._draw()

    def show_message(self, text: str) -> None:
        """Preview nothing; say `text` instead (why there is nothing)."""
        self._batch = None
        self.index = self.pages = 0
        self.view.show_message(text)
        self.position.clear()
        self._follow_buttons()

    def show_previous(self) -> None:
        if self._batch is not None and self.index > 0:
            self.index -= 1
            self._draw()

    def show_next(self) -> None:
        if self._batch is not None and self.index < self.count - 1:
            self.index += 1
            self._draw()

    def _draw(self) -> None:
        batch = self._batch
        assert batch is not None
        number = batch.numbers[self.index]
        try:
            statement = self.context.read(statement_for, number, batch.date_from, batch.date_to,
                                          today=batch.today)
        except CoopdeskError as exc:
            self.show_message(exc.message)
            return
        data = io.BytesIO()
        self.pages = statement_pdf(data, statement, batch.options)
        self.view.set_pdf(data.getvalue())
        pages = ngettext("{count} page", "{count} pages", self.pages).format(count=self.pages)
        self.position.setText(_("Statement {index} of {count}: {member} \N{EM DASH} {pages}").format(
            index=self.index + 1, count=self.count,
            member=_("{name} (no. {number})").format(name=batch.names.get(number, ""),
                                                     number=number),
            pages=pages))
        self._follow_buttons()

    def _follow_buttons(self) -> None:
        self.previous_button.setEnabled(self._batch is not None and self.index > 0)
        self.next_button.setEnabled(self._batch is not None and self.index < self.count - 1)

