"""The co-op's logo, printed in the letterhead of its statements and notices.

The image is kept inside the book (a setting holding it base64-encoded), not as a path to a
file: a successor opening the book on another laptop gets the same letterhead. It is checked and
made small enough once, when set: a PNG or JPEG Pillow can read, scaled down so its longer side
is at most `MAX_SIDE_PIXELS` (about 600 dpi at the letterhead's 25 mm), so a batch of thousands
of statements carries a few kilobytes, not a camera's photo.
"""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import Setting
from coopdesk.errors import ValidationError

LOGO_KEY = "logo"
#: The longest side a stored logo keeps, in pixels.
MAX_SIDE_PIXELS = 600
#: Files larger than this are refused before they are read (a logo, not a poster).
MAX_FILE_BYTES = 10 * 1024 * 1024
_FORMATS = {"PNG": "PNG", "JPEG": "JPEG"}


@dataclass(frozen=True, slots=True)
class Logo:
    """A stored logo: the image file's bytes and its size in pixels."""

    data: bytes
    width: int
    height: int


def load_logo(session: Session) -> Logo | None:
    """The book's logo, or None when it has none (or what is stored cannot be read)."""
    stored = session.execute(select(Setting.value).where(Setting.key == LOGO_KEY)).scalar()
    if not stored:
        return None
    try:
        data = base64.b64decode(stored, validate=True)
        with Image.open(io.BytesIO(data)) as image:
            return Logo(data, image.width, image.height)
    except (binascii.Error, ValueError, OSError, UnidentifiedImageError):
        return None  # a damaged logo never stops a statement: it prints without one


def prepared_logo(data: bytes) -> Logo:
    """`data` (the bytes of an image file) checked and scaled down for storing.

    Raises ValidationError saying what is wrong: too large, not an image, not PNG or JPEG.
    """
    if len(data) > MAX_FILE_BYTES:
        raise _refused("the file is larger than 10 MB: choose a smaller image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = _FORMATS.get(image.format or "")
            if kind is None:
                raise _refused("choose a PNG or JPEG image")
            image.load()
            if max(image.size) <= MAX_SIDE_PIXELS:
                return Logo(data, image.width, image.height)
            image.thumbnail((MAX_SIDE_PIXELS, MAX_SIDE_PIXELS), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, format=kind, **({"quality": 90} if kind == "JPEG" else {}))
            return Logo(out.getvalue(), image.width, image.height)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, SyntaxError) as exc:
        raise _refused("the file is not an image that can be read") from exc


def set_logo(session: Session, data: bytes) -> Logo:
    """Store `data` (an image file's bytes) as the book's logo, checked and scaled down."""
    logo = prepared_logo(data)
    session.merge(Setting(key=LOGO_KEY, value=base64.b64encode(logo.data).decode("ascii")))
    session.flush()
    note_changes(session, area="settings", settings=True)
    return logo


def remove_logo(session: Session) -> None:
    """Print the letterhead without a logo from now on."""
    session.execute(delete(Setting).where(Setting.key == LOGO_KEY))
    note_changes(session, area="settings", settings=True)


def _refused(problem: str) -> ValidationError:
    return ValidationError([problem], subject="logo")
