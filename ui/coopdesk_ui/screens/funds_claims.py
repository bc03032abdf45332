"""The lower half of the Funds screen: the claims register of the selected fund (or of every
fund), filtered by status and member, with the selected claim's detail under it and the
actions "New claim…", "Decide…" and "Pay…".

It only shows what it is given and says what the user asked for; the screen reads and writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import ClaimRow, FundRow
from coopdesk.funds.types import ClaimStatus
from coopdesk.i18n import _, ngettext
from coopdesk_ui.models.claim_filter_model import ClaimFilterProxy
from coopdesk_ui.models.claim_list_model import Column, ClaimListModel
from coopdesk_ui.screens.funds_claim_detail import ClaimDetailPane
from coopdesk_ui.screens.funds_labels import FILTER_LABELS, StatusFilter
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
MAX_MEMBER_WIDTH = 180


class ClaimsPanel(QWidget):
    """Filters, actions, the claims table and the claim's detail."""

    #: The fund chosen changed (one fund, or every fund): the screen reads the claims again.
    scope_changed = Signal()
    #: The selected claim changed (its ClaimRow, or None).
    claim_selected = Signal(object)
    new_requested = Signal()
    #: "Decide…" / "Pay…" on the selected claim (its ClaimRow; None for Pay with none).
    decide_requested = Signal(object)
    pay_requested = Signal(object)

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writable = False
        self._has_fund = False
        self.model = ClaimListModel(formatter, self)
        self.proxy = ClaimFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.fund_combo = QComboBox()
        self.fund_combo.addItem(_("All funds"), None)
        self.status_combo = QComboBox()
        for choice, label in FILTER_LABELS.items():
            self.status_combo.addItem(_(label), choice.value)
        self.member_edit = QLineEdit()
        self.member_edit.setPlaceholderText(_("Number or name"))
        self.member_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        self.new_button = QPushButton(_("New c&laim") + ELLIPSIS)
        self.decide_button = QPushButton(_("De&cide") + ELLIPSIS)
        self.pay_button = QPushButton(_("&Pay") + ELLIPSIS)
        self.pay_button.setToolTip(_("Pay what approved claims have due by a day"))
        self.table = records_table(self.proxy, Column.DESCRIPTION, sortable=True)
        self.table.sortByColumn(Column.SUBMITTED, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.detail = ClaimDetailPane(formatter)
        # The detail under the table, not beside it: the register needs the window's width.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 170])
        self._lay_out()

        self.fund_combo.currentIndexChanged.connect(self._scope_changed)
        self.status_combo.currentIndexChanged.connect(
            lambda: self._filter(status=StatusFilter(self.status_combo.currentData())))
        self.member_edit.textChanged.connect(lambda text: self._filter(text=text))
        self.table.selectionModel().selectionChanged.connect(self._follow_selection)
        self.table.activated.connect(lambda _index: self._decide())
        self.new_button.clicked.connect(self.new_requested)
        self.decide_button.clicked.connect(self._decide)
        self.pay_button.clicked.connect(lambda: self.pay_requested.emit(self.selected()))
        self._follow_selection()

    def _lay_out(self) -> None:
        status_label = QLabel(_("&Status:"))
        status_label.setBuddy(self.status_combo)
        member_label = QLabel(_("&Member:"))
        member_label.setBuddy(self.member_edit)
        fund_label = QLabel(_("F&und:"))
        fund_label.setBuddy(self.fund_combo)
        top = QHBoxLayout()
        top.addWidget(fund_label)
        top.addWidget(self.fund_combo)
        top.addWidget(status_label)
        top.addWidget(self.status_combo)
        top.addWidget(member_label)
        top.addWidget(self.member_edit, 1)
        top.addWidget(self.count_label)
        top.addStretch(0)
        top.addWidget(self.new_button)
        top.addWidget(self.decide_button)
        top.addWidget(self.pay_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    # -- what the screen tells the panel --------------------------------------------------

    def fund_code(self) -> str | None:
        """The fund whose claims are shown (None: every fund's)."""
        code = self.fund_combo.currentData()
        return code if isinstance(code, str) else None

    def all_funds(self) -> bool:
        return self.fund_code() is None

    def set_funds(self, funds: Sequence[FundRow]) -> None:
        """Offer `funds` to choose from, keeping the choice if it is still there (without
        asking to read the claims again: the screen reads them next)."""
        chosen = self.fund_code()
        self.fund_combo.blockSignals(True)
        self.fund_combo.clear()
        self.fund_combo.addItem(_("All funds"), None)
        for fund in funds:
            self.fund_combo.addItem(fund.name, fund.code)
        self.fund_combo.setCurrentIndex(max(self.fund_combo.findData(chosen), 0)
                                        if chosen is not None else 0)
        self.fund_combo.blockSignals(False)
        self.table.setColumnHidden(Column.FUND, not self.all_funds())

    def choose_fund(self, code: str | None) -> None:
        """Show the claims of fund `code` (None: of every fund)."""
        index = 0 if code is None else self.fund_combo.findData(code)
        if index >= 0 and index != self.fund_combo.currentIndex():
            self.fund_combo.setCurrentIndex(index)

    def set_formatter(self, formatter: Formatter) -> None:
        self.model.set_formatter(formatter)
        self.detail.set_formatter(formatter)

    def set_writable(self, writable: bool, has_fund: bool) -> None:
        """Allow the actions or not (a read-only book; a book with no fund yet)."""
        self._writable = writable
        self._has_fund = has_fund
        self.detail.set_writable(writable)
        self._follow_selection()

    def set_rows(self, rows: Sequence[ClaimRow]) -> None:
        """Show `rows`, keeping the selected claim selected."""
        selected = self.selected()
        self.model.set_rows(rows)
        self.table.setColumnHidden(Column.FUND, not self.all_funds())
        if rows:
            # To contents without padding: nine columns share the width, and the description
            # (stretched) is the one to give way, its full text in its tooltip.
            self.table.resizeColumnsToContents()
            member = self.table.columnWidth(Column.MEMBER)
            self.table.setColumnWidth(Column.MEMBER, min(member, MAX_MEMBER_WIDTH))
        if selected is None or not self.select(selected.id):
            self._follow_selection()
        self._show_count()

    def selected(self) -> ClaimRow | None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.rows()[self.proxy.mapToSource(rows[0]).row()]

    def select(self, claim_id: int) -> bool:
        """Select claim `claim_id` if it is shown under the filters."""
        row = self.model.row_of(claim_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def set_status_filter(self, wanted: StatusFilter) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(wanted.value))

    def shown_ids(self) -> list[int]:
        """The claims shown, in the table's order."""
        return [self.model.rows()[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].id
                for r in range(self.proxy.rowCount())]

    # -- inside ---------------------------------------------------------------------------

    def _scope_changed(self) -> None:
        self.table.setColumnHidden(Column.FUND, not self.all_funds())
        self.scope_changed.emit()

    def _filter(self, *, status: StatusFilter | None = None, text: str | None = None) -> None:
        if status is not None:
            self.proxy.set_status(status)
        if text is not None:
            self.proxy.set_member_text(text)
        self._follow_selection()
        self._show_count()

    def _show_count(self) -> None:
        shown, every = self.proxy.rowCount(), self.model.rowCount()
        text = ngettext("{count} claim", "{count} claims", shown).format(count=shown)
        if shown != every:
            text = _("{shown} of {count}").format(shown=shown, count=every)
        self.count_label.setText(text)

    def _follow_selection(self) -> None:
        claim = self.selected()
        writable = self._writable
        self.new_button.setEnabled(writable and self._has_fund)
        self.decide_button.setEnabled(writable and claim is not None
                                      and claim.status is ClaimStatus.SUBMITTED)
        self.pay_button.setEnabled(writable and (claim is not None and claim.status.is_open
                                                 or self.fund_code() is not None))
        self.claim_selected.emit(claim)

    def _decide(self) -> None:
        claim = self.selected()
        if claim is not None and claim.status is ClaimStatus.SUBMITTED and self._writable:
            self.decide_requested.emit(claim)
