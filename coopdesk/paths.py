"""Where coopdesk keeps things on this computer, per platform conventions (platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "coopdesk"


def data_folder() -> Path:
    """The user's coopdesk data folder (created on first use)."""
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def default_book_path() -> Path:
    """The book used when no `--book` is given."""
    return data_folder() / "book.coopdesk"


def demo_book_path() -> Path:
    """Where `coopdesk gui --demo` keeps the demo co-op (made on first use)."""
    return data_folder() / "demo.coopdesk"
