"""How the app's long lists look: a read-only table of whole rows, quick on thousands of rows.

Journal, register, payments, dues tabs and the dues-run preview share this look: rows picked
whole, never edited in place, on one line each, at a fixed height (so the view never measures
rows it has not drawn, which keeps long lists cheap), columns sized by hand or by the screen's
own fitting, one of them taking the width left over.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def records_table(model: QAbstractItemModel, stretch_column: int, *, sortable: bool = False,
                  selection: QAbstractItemView.SelectionMode = (
                      QAbstractItemView.SelectionMode.SingleSelection),
                  alternating: bool = True) -> QTableView:
    """A table over `model` with `stretch_column` taking the spare width; `sortable` by its
    header (the model then is a sort proxy), one row selected at a time unless `selection`
    says otherwise, rows in alternating colours unless `alternating` is False."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(sortable)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(alternating)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table


def preview_table(model: QAbstractItemModel) -> QTableView:
    """A compact read-only table for an import's preview: rows picked whole, on one line each,
    a little tighter than a long list; the dialog sizes its columns once it is filled."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.horizontalHeader().setHighlightSections(False)
    return table
