"""The table skeleton the Patronage and Capital accounts screens were written on; it now lives
in `coopdesk_ui.models.row_table_model`, for every screen's tables. Kept so that imports from
here go on working."""

from __future__ import annotations

from coopdesk_ui.models.row_table_model import LEFT, RIGHT, RowTableModel, TableColumn, number_key

__all__ = ["LEFT", "RIGHT", "RowTableModel", "TableColumn", "number_key"]
