"""Errors that carry a message meant for a treasurer, not a programmer.

Everything the app refuses is raised as a `CoopdeskError`; the command line prints its message on
one line and exits with `exit_code`, the desktop app shows it in a dialog. Anything else that
escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence


class CoopdeskError(Exception):
    """A problem the user can understand and act on."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BookError(CoopdeskError):
    """The file cannot be used as a book: missing, foreign, damaged, tampered with."""

    exit_code = 2


class BookInUse(BookError):
    """Another process holds the book open for writing."""

    def __init__(self, message: str, *, host: str, pid: int, since: str) -> None:
        super().__init__(message)
        self.host = host
        self.pid = pid
        self.since = since


class ReadOnlyBook(CoopdeskError):
    """A write was attempted on a book opened read-only."""


class NotFound(CoopdeskError):
    """A named thing (entry, account, member) does not exist in this book."""


class InputError(CoopdeskError):
    """Something the user typed or gave in a file is not valid."""


class ValidationError(CoopdeskError):
    """A write was refused; `problems` lists every reason at once."""

    def __init__(self, problems: Sequence[str], *, subject: str = "entry") -> None:
        self.problems = list(problems)
        super().__init__(f"{subject} refused: " + "; ".join(self.problems))
