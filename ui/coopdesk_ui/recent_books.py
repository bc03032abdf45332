"""The books opened lately, newest first, kept in the user's Qt settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent_books"
MAX_RECENT = 8


class RecentBooks:
    """A short list of book paths the user opened, remembered between runs."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def paths(self) -> list[Path]:
        """The remembered books that still exist, newest first."""
        raw = self._settings.value(KEY, [])
        # QSettings hands back a lone string for a one-item list with some formats.
        names = [raw] if isinstance(raw, str) else [str(n) for n in raw] if isinstance(raw, list) else []
        return [Path(name) for name in names if Path(name).exists()]

    def add(self, path: Path) -> None:
        """Remember `path` as the newest."""
        resolved = path.resolve()
        rest = [p for p in self.paths() if p.resolve() != resolved]
        self._settings.setValue(KEY, [str(p) for p in [resolved, *rest][:MAX_RECENT]])

    def clear(self) -> None:
        """Forget every book."""
        self._settings.remove(KEY)
