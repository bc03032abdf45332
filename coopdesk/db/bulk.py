"""Inserting many rows in one statement, for the bulk paths (posting a dues run, an import).

SQLAlchemy's Core executemany builds and processes a parameter set per row in Python: posting
300,000 entries, that added some 4 s to the 6.5 s SQLite took to write them (docs/performance.md).
On SQLite, `insert_rows` therefore hands the INSERT that SQLAlchemy compiled for the table to the
driver's executemany with plain tuples, after running the column types' bind processors (a date
becomes ISO text) on the values that need one. Other databases keep SQLAlchemy's executemany,
which batches rows in the way that suits their driver. Either way the statement is SQLAlchemy's,
within the caller's transaction, and the connection's events still see it.

Never bulk-insert through a mapped class (`session.execute(insert(Posting), dicts)`): the ORM's
bulk path leaves None values out of each row and runs one statement per run of rows with the
same keys, which cut a mix of member and non-member postings into thousands of tiny statements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, columns: Sequence[str],
                rows: list[tuple[Any, ...]]) -> None:
    """Insert `rows` (tuples of one value per name in `columns`, in that order) into `table`."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite":
        conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = list(compiled.positiontup or ())
    if sorted(order) != sorted(columns):
        # A column left out that has a Python-side default would need SQLAlchemy's own path.
        raise ValueError(f"insert into {table.name} binds {order}, not the given {list(columns)}")
    processors: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors.append((index, processor))
    if processors or order != list(columns):
        rows = _bound(rows, processors, [list(columns).index(name) for name in order])
    conn.exec_driver_sql(compiled.string, rows)


def _bound(rows: list[tuple[Any, ...]], processors: list[tuple[int, Callable[[Any], Any]]],
           order: list[int]) -> list[tuple[Any, ...]]:
    """Rows with their values processed for the driver, in the statement's order."""
    in_order = order == sorted(order)
    bound = []
    for row in rows:
        values = list(row)
        for index, processor in processors:
            values[index] = processor(values[index])
        bound.append(tuple(values) if in_order else tuple([values[i] for i in order]))
    return bound
