"""Filtering the claims register by status and by member, as the treasurer types.

A co-op's fund has tens or hundreds of claims, not thousands: the register is read whole and
filtered here, so changing the status or typing a name never queries the book.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex

from coopdesk_ui.models.claim_list_model import ClaimListModel
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.funds_labels import StatusFilter


class ClaimFilterProxy(RawValueSortProxy):
    """Shows the claims of the chosen status whose member's number or name holds every word
    typed; sorts by raw value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = StatusFilter.ALL
        self._words: tuple[str, ...] = ()

    def set_status(self, wanted: StatusFilter) -> None:
        if wanted is not self._status:
            self._status = wanted
            self.invalidate()  # invalidateFilter is deprecated in this Qt

    def set_member_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self._words = words
            self.invalidate()  # invalidateFilter is deprecated in this Qt

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ClaimListModel) or source_row >= len(model.rows()):
            return True
        claim = model.rows()[source_row]
        if claim.status not in self._status.statuses:
            return False
        member = f"{claim.member_number} {claim.member_name}".casefold()
        return all(word in member for word in self._words)
