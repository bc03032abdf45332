"""A new book made whole in one go: settings, address and first dues plans, or no file at all.

The new-book wizard gathers everything first; `create_new_book` checks it all before touching
the disk, builds the book under a hidden name beside the target and moves it into place only
once complete, so a failure at any step (a refused plan, a full disk) leaves no half-made book
where the treasurer would find it, and an existing file is never replaced.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from coopdesk.book import Book
from coopdesk.book_setup import PlanDraft, apply_setup, plan_draft_problems
from coopdesk.errors import BookError, ValidationError
from coopdesk.settings import BookSettings, settings_problems


def new_book_problems(settings: BookSettings, plans: Sequence[PlanDraft] = ()) -> list[str]:
    """Every reason these settings and plans cannot make a new book ("field: reason")."""
    settings = settings.cleaned()
    problems = settings_problems(settings)
    for plan in plans:
        problems += [f"plan {plan.name.strip()!r}: {problem}" for problem in
                     plan_draft_problems(plan, settings.currency, settings.fiscal_year_start)]
    names = [plan.name.strip() for plan in plans]
    if len(set(names)) < len(names):
        problems.append("plans: two plans have the same name")
    return problems


def check_new_book_path(path: Path) -> None:
    """Refuse (BookError) a path where a new book cannot go: a file is there, or no folder."""
    if path.exists() or path.is_symlink():
        raise BookError(f"{path}: a file is already there; choose another name")
    if not path.parent.is_dir():
        raise BookError(f"{path.parent}: no such folder")


def create_new_book(path: Path, settings: BookSettings, plans: Sequence[PlanDraft] = ()) -> Book:
    """Create the book at `path` with `settings` (address included) and `plans`, and open it.

    Raises ValidationError listing every problem before anything is written, BookError when
    `path` is taken or its folder missing; on any failure no file is left at `path`.
    """
    path = Path(path)
    settings = settings.cleaned()
    problems = new_book_problems(settings, plans)
    if problems:
        raise ValidationError(problems, subject="new book")
    check_new_book_path(path)
    building = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    book = Book.create(building, name=settings.name, currency=settings.currency,
                       locale=settings.locale, fiscal_year_start=settings.fiscal_year_start)
    try:
        book.run(apply_setup, settings, plans)
        book.close()
        _move_into_place(building, path)
    except BaseException:
        book.close()
        building.unlink(missing_ok=True)
        raise
    return Book.open(path)


def _move_into_place(building: Path, path: Path) -> None:
    """Give the finished book its name without ever replacing a file that appeared there."""
    try:
        os.link(building, path)  # fails if `path` exists, unlike a rename on POSIX
    except FileExistsError:
        raise BookError(f"{path}: a file appeared there while the book was being made") from None
    except OSError:
        # No hard links on this file system (FAT, some network shares): check, then rename.
        if path.exists():
            raise BookError(f"{path}: a file appeared there while the book was being made") from None
        os.replace(building, path)
        return
    building.unlink()
