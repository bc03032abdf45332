"""The detail pane of the Members screen: one member's record, account and change history.

It shows a `MemberPage` (one read of the core, coopdesk.dues.member_page) and asks for nothing
itself: the screen decides which member and when to read, and owns the Edit and Record leaving
actions whose buttons sit here.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.dues.member_page import MemberPage
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.members.queries import MemberDetail
from coopdesk.money import Money
from coopdesk_ui.models.member_account_model import Column as AccountColumn
from coopdesk_ui.models.member_account_model import MemberAccountModel
from coopdesk_ui.models.member_history_model import Column as HistoryColumn
from coopdesk_ui.models.member_history_model import MemberHistoryModel
from coopdesk_ui.models.member_labels import kind_label, leave_reason_label, status_label

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_OWING_STYLE = "color: #b00020;"


class MemberDetailPane(QWidget):
    """Shows one member (`show_page`) or a hint to pick one (`clear`)."""

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self.page: MemberPage | None = None
        self.account_model = MemberAccountModel(formatter, self)
        self.history_model = MemberHistoryModel(formatter, self)

        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.edit_button = QPushButton(_("E&dit") + ELLIPSIS)
        self.leaving_button = QPushButton(_("&Record leaving") + ELLIPSIS)
        self.fields = QFormLayout()
        self.fields.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.field_labels: dict[str, QLabel] = {}
        self.account_view = _table(self.account_model)
        self.balance_label = QLabel()
        self.history_view = _table(self.history_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), _("Details"))
        self.tabs.addTab(self._account_tab(), _("Account"))
        self.tabs.addTab(self.history_view, _("History"))

        member = QWidget()
        column = QVBoxLayout(member)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.name_label)
        heading.addWidget(self.summary_label)
        top.addLayout(heading, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.leaving_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        self.hint = QLabel(_("Select a member to see their details, account and history."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(member)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._member_widget = member

    # -- what is shown ------------------------------------------------------------------

    def set_formatter(self, formatter: Formatter) -> None:
        self._formatter = formatter
        self.account_model.set_formatter(formatter)
        self.history_model.set_formatter(formatter)

    def show_page(self, page: MemberPage, class_names: Mapping[str, str],
                  member_names: Mapping[str, str]) -> None:
        """Show `page`; class and payer names are looked up in the given maps."""
        self.page = page
        detail = page.detail
        self.name_label.setText(detail.display_name)
        status = status_label(detail.status)
        self.summary_label.setText(_("Member {number} \N{MIDDLE DOT} {status}").format(
            number=detail.number, status=status))
        self._show_fields(detail, class_names, member_names)
        self.account_model.set_rows(page.account)
        self._fit(self.account_view, AccountColumn.WHAT)
        self.account_view.scrollToBottom()  # the latest lines are what one looks for
        self._show_balance(page)
        self.history_model.set_rows(page.history, class_names)
        self._fit(self.history_view, HistoryColumn.AFTER)
        self.history_view.scrollToBottom()
        self.stack.setCurrentWidget(self._member_widget)

    def clear(self) -> None:
        """Show no member."""
        self.page = None
        self.account_model.set_rows([])
        self.history_model.set_rows([])
        self.stack.setCurrentWidget(self.hint)

    def field_text(self, name: str) -> str:
        """What the Details tab shows for field `name` ("email", "status"...)."""
        label = self.field_labels.get(name)
        return label.text() if label is not None else ""

    # -- building -----------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        inner = QWidget()
        inner.setLayout(self.fields)
        for name, caption in (("status", _("Status")), ("kind", _("Kind")), ("class", _("Class")),
                              ("joined", _("Joined")), ("left", _("Left")),
                              ("payer", _("Paid for by")), ("language", _("Language")),
                              ("address", _("Address")), ("email", _("Email")),
                              ("phone", _("Phone")), ("notes", _("Notes"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.field_labels[name] = value
            self.fields.addRow(caption + ":", value)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _account_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.account_view, 1)
        column.addWidget(self.balance_label)
        return tab

    def _show_fields(self, detail: MemberDetail, class_names: Mapping[str, str],
                     member_names: Mapping[str, str]) -> None:
        date = self._formatter.date
        status = status_label(detail.status)
        if detail.status_override is not None:
            status = _("{status} (set by hand: {reason})").format(
                status=status, reason=detail.status_override_reason or "")
        left = ""
        if detail.leave_date is not None:
            left = date(detail.leave_date)
            if detail.leave_reason:
                left = f"{left} \N{EM DASH} {leave_reason_label(detail.leave_reason)}"
        payer = ""
        if detail.payer_number is not None:
            payer = f"{detail.payer_number} \N{EM DASH} {member_names.get(detail.payer_number, '')}"
        address = [*detail.address_lines, *_place_lines(detail), detail.country]
        values = {
            "status": status,
            "kind": kind_label(detail.kind),
            "class": class_names.get(detail.class_code, detail.class_code) if detail.class_code else "",
            "joined": date(detail.join_date) if detail.join_date is not None else "",
            "left": left,
            "payer": payer,
            "language": _language_name(detail.language, self._formatter.locale),
            "address": "\n".join(line for line in address if line),
            "email": detail.email,
            "phone": detail.phone,
            "notes": detail.notes,
        }
        for name, text in values.items():
            self.field_labels[name].setText(text or "\N{EN DASH}")

    def _show_balance(self, page: MemberPage) -> None:
        if not page.account:
            self.balance_label.setText(_("No dues charged or paid yet."))
            self.balance_label.setStyleSheet("")
            return
        balance: Money = page.account[-1].balance
        money = self._formatter.money
        if balance.is_positive:
            text = _("Owes {amount}").format(amount=money(balance))
        elif balance.is_negative:
            text = _("In credit by {amount} (paid ahead)").format(amount=money(-balance))
        else:
            text = _("Nothing owed")
        self.balance_label.setText(text)
        self.balance_label.setStyleSheet(_OWING_STYLE if balance.is_positive else "")

    def _fit(self, view: QTableView, stretch: int) -> None:
        view.resizeColumnsToContents()
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _table(model: MemberAccountModel | MemberHistoryModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    return view


def _place_lines(detail: MemberDetail) -> list[str]:
    """Town, region and postal code as the member's country writes them on an envelope:
    "Millbrook, OR 97523" in North America and Australia, "75011 Paris" (region apart) elsewhere."""
    if detail.country.upper() in {"US", "USA", "CA", "AU"}:
        town = ", ".join(part for part in (detail.city, detail.region) if part)
        return [" ".join(part for part in (town, detail.postal_code) if part)]
    return [" ".join(part for part in (detail.postal_code, detail.city) if part), detail.region]


def _language_name(code: str | None, ui_locale: str) -> str:
    if not code:
        return ""
    try:
        name = Locale.parse(code).get_display_name(ui_locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return f"{name} ({code})" if name else code
