"""Statement files on disk: safe names, and writing whole or not at all, private to the user.

A file per member is named by the member's number and name in plain ASCII letters, digits and
hyphens ("M00012-Chloe-Lefevre.pdf"): no path separators, no characters a file system or a
mail client mangles, no Windows device names, unique within a batch even when two names fold
to the same letters (case-insensitively, for the file systems that ignore case).

Like every export (`io.files.write_atomically`), a PDF is written to a temporary file in the
target folder (created with mode 0600: it holds a member's data), flushed to disk and renamed
over the target, so a crash never leaves half a statement where the full one should be.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from coopdesk.errors import InputError

MAX_STEM = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
#: Names Windows reserves for devices, whatever the extension.
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})
# Letters that do not decompose into an ASCII letter and a mark.
_FOLDED = str.maketrans({"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE",
                         "œ": "oe", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
                         "Þ": "Th", "þ": "th", "ı": "i", "Ħ": "H", "ħ": "h"})


def ascii_words(text: str) -> str:
    """`text` in ASCII letters and digits, words joined by hyphens ("Zoë Weiß" -> "Zoe-Weiss")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDED))
    plain = decomposed.encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", plain).strip("-")


def statement_file_names(members: Sequence[tuple[str, str]], suffix: str = ".pdf") -> list[str]:
    """A safe, unique file name for each (number, name), in the same order."""
    names = []
    taken: set[str] = set()
    for number, name in members:
        stem = "-".join(part for part in (ascii_words(number), ascii_words(name)) if part)
        stem = stem[:MAX_STEM].rstrip("-") or "member"
        if stem.split("-")[0].upper() in _RESERVED:
            stem = f"member-{stem}"
        candidate, n = stem, 2
        while candidate.lower() in taken:
            candidate, n = f"{stem}-{n}", n + 1
        taken.add(candidate.lower())
        names.append(candidate + suffix)
    return names


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all, private to the user (mode 0600)."""
    write_file_atomically(path, lambda out: out.write(data))


def write_file_atomically(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Have `fill` write a temporary file beside `path`, then make it `path` in one step, mode
    0600 (mkstemp's). Nothing is left behind if it fails."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name a file to write")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot be written ({exc.strerror or exc}); nothing was "
                             "changed") from None
        raise
