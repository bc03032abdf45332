"""Reading files the user names, and writing exports so that a failure never leaves half a file.

An export is written to a temporary file in the target folder (mode 0600: it holds members'
data), flushed to disk, then renamed over the target in one step.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coopdesk.errors import InputError


def read_bytes(path: Path) -> bytes:
    """The bytes of a file to import, or one clear InputError saying why not."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` whole or not at all, private to the user (mode 0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name a file to write")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc}); nothing was changed") from None
