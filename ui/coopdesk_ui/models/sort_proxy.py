"""A sort/filter proxy that orders rows by the models' raw values (SORT_ROLE).

Qt cannot compare Python objects (such as `Decimal`) carried in a QVariant, so the comparison is
done here, in Python: exact for amounts, case-insensitive for text, empty values first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from coopdesk_ui.models.roles import SORT_ROLE


class RawValueSortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and filters case-insensitively on the displayed text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, source_left: QModelIndex | QPersistentModelIndex,
                 source_right: QModelIndex | QPersistentModelIndex) -> bool:
        left: Any = source_left.data(self.sortRole())
        right: Any = source_right.data(self.sortRole())
        if left is None or right is None:
            return left is None and right is not None
        if isinstance(left, str) and isinstance(right, str):
            return left.casefold() < right.casefold()
        return bool(left < right)
