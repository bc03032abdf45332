"""Table models: one `QAbstractTableModel` per table, over plain frozen rows from the core."""
