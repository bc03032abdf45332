"""Fixtures for the core tests: small books in tmp_path, built through the public services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coopdesk.book import Book


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    return tmp_path / "coop.coopdesk"


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book.create(book_path, name="Riverside Food Co-op", currency="USD", locale="en_US") as b:
        yield b
