"""The system's file dialogs as plain functions: where to save a file, which file to open,
which folder to write to.

Screens keep their own class of classmethods (`coopdesk_ui.dialogs.Dialogs` and the screens'
`*Dialogs`), which tests replace; those classmethods word the titles and filters and call
these.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, file_filter: str,
                  suffix: str, *, always_suffix: bool = False) -> Path | None:
    """Where the user wants a file written, or None if they cancel.

    `suffix` (".csv") is added to a name without one; with `always_suffix`, to any name that
    does not end in it ("minutes.v2" becomes "minutes.v2.pdf").
    """
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    if always_suffix:
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
    return path if path.suffix else path.with_suffix(suffix)


def ask_open_path(parent: QWidget | None, title: str, start: Path | None,
                  file_filter: str) -> Path | None:
    """The file the user picks to read, from `start` (the last folder used when None), or None
    if they cancel."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, title, str(start) if start is not None else "", file_filter)
    return Path(name) if name else None


def ask_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """The folder the user picks, or None if they cancel."""
    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None
