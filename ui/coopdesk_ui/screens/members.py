"""The Members screen: the register as a table to search, filter and sort, and the selected
member's record, dues account and history beside it; adding, editing and recording leaving.

The whole register is one read (`member_list`: statuses, balances and last payments for every
member at once); searching and filtering happen in the proxy, over what was read, so a keystroke
never queries the book. The selected member's page is a second, small read. The forms and
their writes (undoable edits and leavings) are in members_editing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coopdesk.changes import ChangeSet
from coopdesk.dues.member_list import MemberListRow, member_list
from coopdesk.dues.member_page import member_page
from coopdesk.i18n import _, ngettext
from coopdesk.members.queries import ClassRow, MemberDetail, list_classes
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.member_import_dialog import MemberImportDialog
from coopdesk_ui.models.member_filter_model import MemberFilterProxy, StatusFilter
from coopdesk_ui.models.member_labels import STATUS_LABELS
from coopdesk_ui.models.member_list_model import Column, MemberListModel
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.members_detail import ELLIPSIS, MemberDetailPane
from coopdesk_ui.screens.members_editing import MemberEditor
from coopdesk_ui.targets import MemberTarget, OwingMembersTarget


def _status_choices() -> list[tuple[str, StatusFilter]]:
    return [(_("All statuses"), StatusFilter.ALL), (_("Good standing"), StatusFilter.GOOD_STANDING),
            *((_(STATUS_LABELS[f.value]), f) for f in (
                StatusFilter.PENDING, StatusFilter.ACTIVE, StatusFilter.IN_GRACE,
                StatusFilter.LAPSED, StatusFilter.WITHDRAWN, StatusFilter.DECEASED)),
            (_("Owing dues"), StatusFilter.OWING)]


def read_register(session: Session) -> tuple[list[MemberListRow], list[ClassRow]]:
    """The register as listed today and the book's member classes, in one read."""
    return member_list(session), list_classes(session)


class MembersScreen(Screen):
    """Search field, filters and count over the register table, the detail pane beside it."""

    key = "members"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._formatter = context.formatter
        self._classes: list[ClassRow] = []
        self._pending_target: object = None
        self._shown_number: str | None = None
        self.model = MemberListModel(self._formatter, self)
        self.editor = MemberEditor(context, self, self.show_target, self.refresh)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Find by number or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(200)
        self.status_combo = QComboBox()
        for text, choice in _status_choices():
            self.status_combo.addItem(text, choice.value)
        self.class_combo = QComboBox()
        self.class_combo.addItem(_("All classes"), None)
        self.count_label = QLabel()
        self.add_button = QPushButton(_("&Add member") + ELLIPSIS)
        self.import_button = QPushButton(_("I&mport") + ELLIPSIS)
        self.import_button.setToolTip(_("Add the members of a list saved from a spreadsheet, "
                                        "after a preview"))
        self.table = self._make_table()
        self.detail = MemberDetailPane(self._formatter)
        self.editor.formatter = self._formatter
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([540, 420])  # kept in proportion as the window is sized
        self._lay_out()

        self.search_edit.textChanged.connect(self.proxy.set_text)
        self.search_edit.returnPressed.connect(self._go_to_table)
        self.status_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_status(StatusFilter(self.status_combo.currentData())))
        self.class_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_class(self.class_combo.currentData()))
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(lambda _index: self.edit_member())
        self.add_button.clicked.connect(self.add_member)
        self.import_button.clicked.connect(self.import_members)
        self.detail.edit_button.clicked.connect(self.edit_member)
        self.detail.leaving_button.clicked.connect(self.record_leaving)
        self.clear()

    @property
    def title(self) -> str:
        return _("Members")

    def _lay_out(self) -> None:
        search_label = QLabel(_("F&ind:"))
        search_label.setBuddy(self.search_edit)
        status_label = QLabel(_("&Status:"))
        status_label.setBuddy(self.status_combo)
        class_label = QLabel(_("C&lass:"))
        class_label.setBuddy(self.class_combo)
        bar = QHBoxLayout()
        for widget in (search_label, self.search_edit, status_label, self.status_combo,
                       class_label, self.class_combo):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        return table

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        if self.context.formatter is not self._formatter:
            self._formatter = self.context.formatter
            self.model.set_formatter(self._formatter)
            self.detail.set_formatter(self._formatter)
            self.editor.formatter = self._formatter
        keep, self._shown_number = self._shown_number, None  # the page shown is out of date
        rows, self._classes = self.context.read(read_register)
        self.model.set_rows(rows)
        self._fill_class_combo()
        self._fit_columns()
        self._show_count()
        target, self._pending_target = self._pending_target, None
        if target is not None:
            self._apply_target(target)
        elif keep is not None and not self.select_member(keep):
            self._show_member(keep)  # filtered out of the table, or gone from the book
        self._follow_writable()

    def clear(self) -> None:
        self.model.set_rows([])
        self._classes = []
        self._fill_class_combo()
        self._shown_number = None
        self.detail.clear()
        self._show_count()
        self._follow_writable()

    def is_affected(self, changes: ChangeSet) -> bool:
        # Members' records, and any entry: payments and dues move balances and statuses.
        return bool(changes.members or changes.entries
                    or changes.areas & {"members", "dues", "payments"})

    def show_target(self, target: object) -> None:
        if not isinstance(target, (MemberTarget, OwingMembersTarget)):
            return
        if self._stale or self.context.host.book is None:
            self._pending_target = target  # applied once the register is read
        else:
            self._apply_target(target)

    def _book_switched(self) -> None:
        self._shown_number = None  # another book's member 12 is someone else
        self._pending_target = None
        super()._book_switched()

    def start_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- selection ----------------------------------------------------------------------

    def current_number(self) -> str | None:
        """The number of the member selected in the table, or None."""
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(),
                                                                                 QModelIndex()):
            return None
        row = self.proxy.mapToSource(index).row()
        return self.model.member(row).number if 0 <= row < self.model.rowCount() else None

    def select_member(self, number: str) -> bool:
        """Select member `number` if they are listed under the current filters."""
        row = self.model.row_of(number)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, Column.NAME))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if self._shown_number != number:  # not shown yet by the change of current row
            self._show_member(number)
        return True

    def _apply_target(self, target: object) -> None:
        if isinstance(target, OwingMembersTarget):
            self.search_edit.clear()
            self.class_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(self.status_combo.findData(StatusFilter.OWING.value))
        elif isinstance(target, MemberTarget):
            if self.model.row_of(target.number) is None:
                return
            if not self.select_member(target.number):
                self.search_edit.clear()  # filtered out: show everyone, then them
                self.status_combo.setCurrentIndex(0)
                self.class_combo.setCurrentIndex(0)
                self.select_member(target.number)
            self.table.setFocus()

    def _on_current_changed(self, current: QModelIndex | QPersistentModelIndex,
                            previous: QModelIndex | QPersistentModelIndex) -> None:
        if current.isValid():
            self._show_member(self.model.member(self.proxy.mapToSource(current).row()).number)

    def _show_member(self, number: str) -> None:
        row = self.model.row_of(number)
        if row is None or self.context.host.book is None:
            self._shown_number = None
            self.detail.clear()
        else:
            page = self.context.read(member_page, number, None, self.model.member(row).dues)
            self.detail.show_page(page, self._class_names(), self._member_names())
            self._shown_number = number
        self._follow_writable()

    def _go_to_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if self.current_number() is None:
            self.table.selectRow(0)
        self.table.setFocus()

    # -- adding and editing -------------------------------------------------------------

    def add_member(self) -> None:
        """Open the form for a new member; select them once added."""
        if self.context.writable:
            self.editor.add(self._classes, self._member_names())

    def import_members(self) -> MemberImportDialog | None:
        """Open the import of a member list (window-modal); the register follows the import."""
        if not self.context.writable:
            return None
        dialog = MemberImportDialog(self.context, self._member_names(), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_member(self) -> None:
        """Open the form for the selected member as the pane shows them."""
        detail = self._shown_detail()
        if detail is not None and self.context.writable:
            self.editor.edit(detail, self._classes, self._member_names())

    def record_leaving(self) -> None:
        """Ask when and why the selected member left, and record it."""
        detail = self._shown_detail()
        if detail is not None and self.context.writable:
            self.editor.record_leaving(detail)

    # -- helpers ------------------------------------------------------------------------

    def _shown_detail(self) -> MemberDetail | None:
        page = self.detail.page
        return page.detail if page is not None else None

    def _class_names(self) -> dict[str, str]:
        return {row.code: row.name for row in self._classes}

    def _member_names(self) -> dict[str, str]:
        return {row.number: row.display_name for row in self.model.rows()}

    def _fill_class_combo(self) -> None:
        chosen = self.class_combo.currentData()
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(_("All classes"), None)
        for row in self._classes:
            self.class_combo.addItem(row.name, row.code)
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(chosen)))
        self.class_combo.blockSignals(False)
        self.proxy.set_class(self.class_combo.currentData())

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if shown == total:
            text = ngettext("{total} member", "{total} members", total)
        else:
            text = ngettext("{shown} of {total} member", "{shown} of {total} members", total)
        self.count_label.setText(text.format(shown=self._formatter.number(shown),
                                             total=self._formatter.number(total)))

    def _follow_writable(self) -> None:
        writable = self.context.writable
        self.add_button.setEnabled(writable)
        self.import_button.setEnabled(writable)
        chosen = writable and self.detail.page is not None
        self.detail.edit_button.setEnabled(chosen)
        self.detail.leaving_button.setEnabled(chosen)
        tip = "" if writable else _("The book is open for reading only.")
        for button in (self.add_button, self.import_button, self.detail.edit_button,
                       self.detail.leaving_button):
            button.setToolTip(tip)

    def _fit_columns(self) -> None:
        """Widths from what the columns can hold, not from measuring every row."""
        metrics = self.table.fontMetrics()
        sample_date = self._formatter.date(dt.date(2026, 12, 28))
        sample_money = self._formatter.money(Money("88888.88", self.context.currency),
                                             with_symbol=False)
        widths = {
            Column.NUMBER: max((metrics.horizontalAdvance(r.number) for r in self.model.rows()),
                               default=0),
            Column.CLASS: max((metrics.horizontalAdvance(c.name) for c in self._classes), default=0),
            Column.STATUS: max(metrics.horizontalAdvance(_(label))
                               for label in STATUS_LABELS.values()),
            Column.BALANCE: metrics.horizontalAdvance(sample_money),
            Column.LAST_PAYMENT: metrics.horizontalAdvance(sample_date),
        }
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            title = header.fontMetrics().horizontalAdvance(str(self.model.headerData(
                column, Qt.Orientation.Horizontal))) + 24  # the sort arrow
            self.table.setColumnWidth(column, max(width + 16, title))
