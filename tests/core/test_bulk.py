"""insert_rows: the bulk insert that posting uses writes exactly what SQLAlchemy's insert would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import period_closes, postings


def _stored(book: Book, sql: str) -> list[tuple[Any, ...]]:
    return book.read(lambda s: [tuple(r) for r in s.connection().exec_driver_sql(sql)])


def test_rows_are_written_with_the_column_types_bind_processing(book: Book) -> None:
    def write(session: Session) -> None:
        insert_rows(session, period_closes, ("through_date", "closed_at"),
                    [(dt.date(2020, 12, 31), "2021-01-05T10:00:00+00:00")])
        session.execute(insert(period_closes),
                        [{"through_date": dt.date(2021, 12, 31), "closed_at": "2022-01-05T10:00:00+00:00"}])

    book.run(write)
    # Stored the same way SQLAlchemy's own insert stores them (ISO text in SQLite) ...
    assert _stored(book, "SELECT through_date, closed_at FROM period_closes ORDER BY id") == [
        ("2020-12-31", "2021-01-05T10:00:00+00:00"), ("2021-12-31", "2022-01-05T10:00:00+00:00")]
    # ... and read back as dates.
    dates = book.read(lambda s: s.execute(select(period_closes.c.through_date)).scalars().all())
    assert dates == [dt.date(2020, 12, 31), dt.date(2021, 12, 31)]


def test_columns_in_any_order(book: Book) -> None:
    book.run(insert_rows, period_closes, ("closed_at", "through_date", "id"),
             [("2021-01-05T10:00:00+00:00", dt.date(2020, 12, 31), 7),
              ("2022-01-05T10:00:00+00:00", dt.date(2021, 12, 31), 8)])
    assert _stored(book, "SELECT id, through_date, closed_at FROM period_closes ORDER BY id") == [
        (7, "2020-12-31", "2021-01-05T10:00:00+00:00"), (8, "2021-12-31", "2022-01-05T10:00:00+00:00")]


def test_no_rows_is_nothing_to_do(book: Book) -> None:
    book.run(insert_rows, period_closes, ("through_date", "closed_at"), [])
    assert _stored(book, "SELECT count(*) FROM period_closes") == [(0,)]


def test_a_column_that_needs_sqlalchemys_own_default_is_refused(book: Book) -> None:
    # postings.memo has a Python-side default: leaving it out would need SQLAlchemy to fill it.
    with pytest.raises(ValueError, match="binds"):
        book.run(insert_rows, postings, ("entry_id", "line_no", "account_id", "amount"),
                 [(1, 1, 1, 100)])
