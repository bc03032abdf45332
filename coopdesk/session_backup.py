"""Backups at the end of each working session in the app, rotated (DESIGN: storage safety).

Each is a verified copy through SQLite's backup API (`coopdesk.backup`), named after the book
and the moment, in a folder per book under the user's data folder; only the newest `KEEP` are
kept. The last one's time is shown in the app's status bar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from coopdesk import clock, paths
from coopdesk.backup import write_backup

KEEP = 10
_STAMP = "%Y%m%d-%H%M%S"


def backup_folder(book_path: Path) -> Path:
    """Where the session backups of `book_path` go: one folder per book file, named after it
    and a short hash of its full path (two books may share a file name)."""
    resolved = book_path.resolve()
    tag = hashlib.sha256(str(resolved).encode()).hexdigest()[:8]
    return paths.data_folder() / "backups" / f"{resolved.stem}-{tag}"


def write_session_backup(book_path: Path, *, keep: int = KEEP) -> Path:
    """Write a verified backup of the book now and delete all but the newest `keep`."""
    folder = backup_folder(book_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().astimezone(dt.timezone.utc).strftime(_STAMP)
    written = write_backup(book_path, folder / f"{book_path.stem}-{stamp}{book_path.suffix}")
    for old in _backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return written


def last_backup_time(book_path: Path) -> dt.datetime | None:
    """When the newest session backup of the book was written (UTC), or None."""
    found = _backups(backup_folder(book_path))
    return _time_of(found[0]) if found else None


def _backups(folder: Path) -> list[Path]:
    """The session backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    stamped = [(t, p) for p in folder.iterdir() if (t := _time_of(p)) is not None]
    return [p for _t, p in sorted(stamped, reverse=True)]


def _time_of(path: Path) -> dt.datetime | None:
    stamp = path.stem.rsplit("-", 2)[-2:]
    try:
        moment = dt.datetime.strptime("-".join(stamp), _STAMP)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.timezone.utc)
