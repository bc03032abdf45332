"""End-of-session backups: verified, in the user's data folder, the newest KEEP kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdesk import clock, paths
from coopdesk.backup import verify_copy
from coopdesk.book import Book
from coopdesk.session_backup import backup_folder, last_backup_time, write_session_backup


@pytest.fixture(autouse=True)
def data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setattr(paths, "data_folder", lambda: data)
    return data


def at(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(clock, "_now", lambda: moment)


def test_backups_rotate_keeping_the_newest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           data_in_tmp: Path) -> None:
    book = tmp_path / "coop.coopdesk"
    Book.create(book, name="Coop", currency="EUR", locale="fr_FR").close()
    start = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.timezone.utc)
    for hour in range(5):
        at(monkeypatch, start + dt.timedelta(hours=hour))
        written = write_session_backup(book, keep=3)
        assert verify_copy(written) == []
    kept = sorted(p.name for p in backup_folder(book).iterdir())
    assert kept == [f"coop-20261101-{h:02d}0000.coopdesk" for h in (11, 12, 13)]
    assert last_backup_time(book) == start + dt.timedelta(hours=4)
    assert backup_folder(book).is_relative_to(data_in_tmp)


def test_two_books_with_one_name_keep_separate_backups(tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "coop.coopdesk", tmp_path / "b" / "coop.coopdesk"
    assert backup_folder(one) != backup_folder(two)
    assert last_backup_time(one) is None


def test_foreign_files_in_the_folder_are_left_alone(tmp_path: Path) -> None:
    book = tmp_path / "coop.coopdesk"
    Book.create(book, name="Coop", currency="EUR", locale="fr_FR").close()
    folder = backup_folder(book)
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine")
    write_session_backup(book, keep=1)
    write_session_backup(book, keep=1)
    assert (folder / "notes.txt").read_text() == "mine"
