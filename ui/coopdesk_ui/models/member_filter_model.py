"""Sorting and filtering the member register: typed text, a status choice and a class.

A `RawValueSortProxy` over `MemberListModel`, made for a register of thousands: a keystroke
decides which members match in one Python loop over the model's folded search texts, and Qt's
per-row `filterAcceptsRow` only looks the answer up. Sorting is handed to the model, which
orders its rows by the same raw values with Python's `sorted` (see member_list_model): Qt
would call a Python `lessThan` tens of thousands of times, for every sort and every backspace
that brings rows back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.dues.member_list import MemberListRow
from coopdesk.members.types import Status
from coopdesk_ui.models.member_list_model import MemberListModel, fold
from coopdesk_ui.models.sort_proxy import RawValueSortProxy


class StatusFilter(StrEnum):
    """What the status filter can ask for: any status, a group, one status, or owing dues."""

    ALL = "all"
    GOOD_STANDING = "good_standing"
    PENDING = Status.PENDING.value
    ACTIVE = Status.ACTIVE.value
    IN_GRACE = Status.IN_GRACE.value
    LAPSED = Status.LAPSED.value
    WITHDRAWN = Status.WITHDRAWN.value
    DECEASED = Status.DECEASED.value
    OWING = "owing"


def status_matches(wanted: StatusFilter, member: MemberListRow) -> bool:
    """Whether `member` is among those `wanted` asks for."""
    if wanted is StatusFilter.ALL:
        return True
    if wanted is StatusFilter.GOOD_STANDING:
        return Status(member.status).in_good_standing
    if wanted is StatusFilter.OWING:
        return member.owing
    return member.status == wanted.value


class MemberFilterProxy(RawValueSortProxy):
    """Shows the members whose number or name holds every word typed, with the chosen status
    and class; sorts by the model's raw values."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._status = StatusFilter.ALL
        self._class: str | None = None
        self._members: MemberListModel | None = None
        self._accepted: list[bool] = []
        self._accepted_for = -1  # the model generation `_accepted` was worked out for

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        self._members = model if isinstance(model, MemberListModel) else None
        self._accepted_for = -1

    # -- what to show -------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show only members whose number or name contains every word of `text`."""
        words = tuple(fold(text).split())
        if words != self._words:
            self._words = words
            self._refilter()

    def set_status(self, wanted: StatusFilter) -> None:
        if wanted is not self._status:
            self._status = wanted
            self._refilter()

    def set_class(self, class_code: str | None) -> None:
        """Show only the members of class `class_code` (None: every class)."""
        if class_code != self._class:
            self._class = class_code
            self._refilter()

    @property
    def status(self) -> StatusFilter:
        return self._status

    @property
    def class_code(self) -> str | None:
        return self._class

    def _refilter(self) -> None:
        self._accepted_for = -1
        # Mapped afresh, as one layout change: narrowing the filter row by row would signal
        # every run of rows that drops out, hundreds of them for a letter typed.
        self.invalidate()

    def _accepted_rows(self, members: MemberListModel) -> list[bool]:
        """Whether each row of the model passes the filters (worked out once per change)."""
        words, status, class_code = self._words, self._status, self._class
        accepted = [all(word in text for word in words) for text in members.search_texts()]
        if status is not StatusFilter.ALL or class_code is not None:
            accepted = [ok and (class_code is None or member.class_code == class_code)
                        and status_matches(status, member)
                        for ok, member in zip(accepted, members.members(), strict=True)]
        self._accepted_for = members.generation
        return accepted

    # -- QSortFilterProxyModel ----------------------------------------------------------

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        # Called for every member at each keystroke: a list lookup, nothing more.
        members = self._members
        if members is None:
            return True
        if self._accepted_for != members.generation:
            self._accepted = self._accepted_rows(members)
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._members is None:
            super().sort(column, order)
        else:
            self._members.sort(column, order)  # the proxy keeps the model's order
