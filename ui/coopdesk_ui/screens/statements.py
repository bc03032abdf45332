"""The Statements screen: a batch of members' statements chosen, previewed, saved and printed.

The choices on the left (`statements_choices`), the statement of one chosen member on the right
exactly as it will print (`statements_preview`), and the actions: save as one PDF or one file
per member (`statements_saving`), print through the system's dialog (`statements_printing`)
and move the address for the treasurer's envelopes (`statements_page_setup`). Statements only
read the book, so all of it works on a book open for reading only.

Who gets a statement is counted again whenever a choice changes, a moment after the last
change (typing a member number or stepping through dates queries the book once, not at every
keystroke).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.i18n import _, ngettext
from coopdesk.members.queries import list_members
from coopdesk.settings import load_settings
from coopdesk.statements.batch import BatchResult
from coopdesk.statements.choices import default_paper, default_period
from coopdesk.statements.document import PrintOptions
from coopdesk.statements.selection import statement_members
from coopdesk.statements.wording import document_title
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.statements_choices import StatementChoices, StatementChoicesForm, Who
from coopdesk_ui.screens.statements_dialogs import StatementsDialogs
from coopdesk_ui.screens.statements_page_setup import PageSetupDialog, page_layout
from coopdesk_ui.screens.statements_preview import PreviewBatch, StatementPreview
from coopdesk_ui.screens.statements_printing import new_printer, print_pdf
from coopdesk_ui.screens.statements_saving import (
    StatementJob,
    suggested_file_name,
    write_batch,
    written_text,
)
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.widgets.member_finder import member_options

#: Counting again this long (ms) after the last change of a choice.
RECOUNT_AFTER_MS = 250
_MESSAGE_MS = 10000
_FOLDER_KEY = "statements/last_folder"
_NOTE_STYLE = "color: palette(dark);"
_CHOICES_WIDTH = 370


class StatementsScreen(Screen):
    """Choose a batch of statements, see them, save them or print them."""

    key = "statements"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._book_path: Path | None = None
        self._names: dict[str, str] = {}
        self.numbers: list[str] = []
        self.form = StatementChoicesForm(clock.today())
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        self.save_button = QPushButton(_("Save as P&DF\N{HORIZONTAL ELLIPSIS}"))
        self.save_each_button = QPushButton(_("Save one file per &member\N{HORIZONTAL ELLIPSIS}"))
        self.print_button = QPushButton(_("P&rint\N{HORIZONTAL ELLIPSIS}"))
        self.page_setup_button = QPushButton(_("Page set&up\N{HORIZONTAL ELLIPSIS}"))
        self.page_setup_button.setToolTip(_("Move the address to fit your window envelopes"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet(_NOTE_STYLE)
        self.preview = StatementPreview(context)

        actions = QVBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.save_each_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.page_setup_button)
        choices = QWidget()
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.form)
        column.addWidget(self.count_label)
        column.addLayout(actions)
        column.addWidget(self.feedback)
        column.addStretch(1)
        # Scrolled rather than squeezed when the window is short: a squeezed field is unreadable.
        scroller = QScrollArea()
        scroller.setWidget(choices)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setFixedWidth(_CHOICES_WIDTH)
        layout = QHBoxLayout(self)
        layout.addWidget(scroller)
        layout.addWidget(self.preview, 1)

        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_AFTER_MS)
        self._recount.timeout.connect(self.update_now)
        self.form.changed.connect(self._recount.start)
        self.save_button.clicked.connect(self.save_pdf)
        self.save_each_button.clicked.connect(self.save_files)
        self.print_button.clicked.connect(self.print_statements)
        self.page_setup_button.clicked.connect(self.page_setup)
        self.clear()

    @property
    def title(self) -> str:
        return _("Statements")

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        book = self.context.host.require()
        today = clock.today()
        self.form.set_today(today)
        if book.path != self._book_path:  # another book: start from its defaults
            self._book_path = book.path
            settings = self.context.read(load_settings)
            self.form.set_defaults(*default_period(today, settings.fiscal_year_start),
                                   paper=default_paper(settings.locale), locale=settings.locale)
        members = self.context.read(list_members, today)
        self._names = {m.number: m.display_name for m in members}
        self.form.set_members(member_options(members))
        self.page_setup_button.setEnabled(True)
        self.update_now()

    def clear(self) -> None:
        self._recount.stop()
        self._book_path = None
        self._names = {}
        self.numbers = []
        self.form.set_members([])
        self.count_label.clear()
        self.feedback.clear()
        self.preview.show_message(_("Open a book to write its members' statements."))
        self._enable_actions(False)
        self.page_setup_button.setEnabled(False)

    def show_target(self, target: object) -> None:
        """A MemberTarget (or a member number): that member's statement alone."""
        number = target.number if isinstance(target, MemberTarget) else target
        if isinstance(number, str):
            self.form.numbers.setText(number)
            self.form.chosen.setChecked(True)
            self.update_now()

    def start_search(self) -> None:
        self.form.finder.setFocus()
        self.form.finder.selectAll()

    # -- following the choices ------------------------------------------------------------

    def options(self, choices: StatementChoices | None = None) -> PrintOptions:
        """How the chosen statements print: paper as set up, slip, duplex."""
        choices = choices or self.form.choices()
        return PrintOptions(layout=page_layout(choices.paper), slip=choices.slip,
                            duplex=choices.duplex)

    def update_now(self) -> None:
        """Count who gets a statement under the current choices and preview them (without
        waiting for the pause after the last change)."""
        self._recount.stop()
        if self.context.host.book is None:
            return
        choices = self.form.choices()
        problem = self.form.problem()
        if problem:
            self.numbers = []
            self.count_label.setText(_("No statement can be written with these choices."))
            self.preview.show_message(problem)
            self._enable_actions(False)
            return
        if choices.who is Who.CHOSEN:
            self.numbers = list(choices.numbers)
        else:
            self.numbers = self.context.read(statement_members, choices.date_from, choices.date_to,
                                             today=clock.today(), status=choices.status)
        count = len(self.numbers)
        self.count_label.setText(
            ngettext("{count} member will get a statement.",
                     "{count} members will get a statement.", count).format(count=count)
            if count else _("No member matches these choices."))
        self.preview.show_batch(PreviewBatch(tuple(self.numbers), self._names, choices.date_from,
                                             choices.date_to, clock.today(), self.options(choices)))
        self._enable_actions(count > 0)

    def _enable_actions(self, enabled: bool) -> None:
        for button in (self.save_button, self.save_each_button, self.print_button):
            button.setEnabled(enabled)

    def _job(self) -> StatementJob | None:
        """The batch the choices make, or None when they make none (the buttons are off)."""
        if self._recount.isActive():  # a choice changed a moment ago: count it first
            self.update_now()
        if not self.numbers:
            return None
        choices = self.form.choices()
        return StatementJob(self.context.host.require().path, tuple(self.numbers),
                            choices.date_from, choices.date_to, clock.today(),
                            self.options(choices))

    # -- actions ------------------------------------------------------------------------

    def save_pdf(self) -> BatchResult | None:
        """Save the batch as one PDF where the user says; what was written, or None."""
        job = self._job()
        if job is None:
            return None
        path = StatementsDialogs.ask_pdf_path(
            self, self._folder() / suggested_file_name(job.date_from, job.date_to))
        if path is None:
            return None
        result = write_batch(self, job, path, combined=True, title=_("Saving the statements"))
        if result is not None:
            self._remember_folder(path.parent)
            self.tell(written_text(result, path, combined=True))
        return result

    def save_files(self) -> BatchResult | None:
        """Save one PDF per member in the folder the user picks; what was written, or None."""
        job = self._job()
        if job is None:
            return None
        folder = StatementsDialogs.ask_folder(self, self._folder())
        if folder is None:
            return None
        result = write_batch(self, job, folder, combined=False, title=_("Saving the statements"))
        if result is not None:
            self._remember_folder(folder)
            self.tell(written_text(result, folder, combined=False))
        return result

    def print_statements(self) -> bool:
        """Print the batch through the system's print dialog; whether it was sent."""
        job = self._job()
        if job is None:
            return False
        title = document_title(self.context.host.require().settings.locale, job.date_from,
                               job.date_to)
        printer = new_printer(job.options.layout, duplex=job.options.duplex, title=title)
        if not StatementsDialogs.ask_printer(self, printer):
            return False
        work = Path(tempfile.mkdtemp(prefix="coopdesk-print-"))  # private (0700), removed after
        try:
            pdf = work / "statements.pdf"
            result = write_batch(self, job, pdf, combined=True,
                                 title=_("Preparing the statements for printing"))
            printed = result is not None and print_pdf(self, printer, pdf)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if printed and result is not None:
            self.tell(ngettext("Sent {count} statement to the printer ({pages} pages).",
                               "Sent {count} statements to the printer ({pages} pages).",
                               result.statements).format(count=result.statements,
                                                         pages=result.pages))
        return printed

    def page_setup(self) -> bool:
        """Move the address window for the chosen paper; whether the setup was changed."""
        dialog = PageSetupDialog(self.form.choices().paper, self.form.paper_name(), self)
        try:
            accepted = StatementsDialogs.run_form(dialog)
        finally:
            dialog.deleteLater()
        if accepted:
            self.update_now()
        return accepted

    # -- saying what happened ------------------------------------------------------------

    def tell(self, message: str) -> None:
        """Say what was done, under the buttons and in the window's status bar."""
        self.feedback.setText(message)
        window = self.context.window
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, _MESSAGE_MS)

    @staticmethod
    def _folder() -> Path:
        """Where saving starts: the folder saved in last, else the user's documents."""
        last = QSettings().value(_FOLDER_KEY, "")
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    @staticmethod
    def _remember_folder(folder: Path) -> None:
        QSettings().setValue(_FOLDER_KEY, str(folder))
