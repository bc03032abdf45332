"""Item data roles every coopdesk table model answers besides Qt's own.

DisplayRole is always formatted text for the user; these carry what code needs instead, so
sorting never compares formatted text ("10.00" < "9.00") and selections name entities by id.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt

#: The cell's raw value (Decimal amount, str code, date): what the sort proxy orders by.
SORT_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
#: The id of the row's entity (an account code, a member id...), the same in every column.
ID_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 2
