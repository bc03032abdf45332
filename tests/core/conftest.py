"""Fixtures for the core tests: small books in tmp_path, built through the public services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coopdesk import paths
from coopdesk.book import Book


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (known books, backups, the demo) is never the real one."""
    data = tmp_path_factory.mktemp("user-data")
    monkeypatch.setattr(paths, "data_folder", lambda: data)
    return data


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    return tmp_path / "coop.coopdesk"


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book.create(book_path, name="Riverside Food Co-op", currency="USD", locale="en_US") as b:
        yield b
