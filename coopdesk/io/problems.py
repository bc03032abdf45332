"""What is wrong with an imported file, row by row, and the refusal that lists it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coopdesk.errors import InputError

__all__ = ["ImportRefused", "RowProblem", "in_file_order"]

# A refusal lists this many problems; the rest are counted, so the message stays readable.
_SHOWN = 10


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One reason a row (or the header, line 1) cannot be imported, with where it is."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column is None:
            return f"line {self.line}: {self.message}"
        return f"line {self.line}, column {self.column!r}: {self.message}"


class ImportRefused(InputError):
    """A file was not imported at all because of `problems`; the message lists the first ten."""

    def __init__(self, source: str, problems: Sequence[RowProblem]) -> None:
        if not problems:
            raise ValueError("an import is refused for at least one problem")
        self.source = source
        self.problems = list(problems)
        count = len(self.problems)
        lines = [
            f"{source}: nothing was imported, "
            f"{count} problem{'' if count == 1 else 's'} to fix first:"
        ]
        lines += [f"  {problem}" for problem in self.problems[:_SHOWN]]
        if count > _SHOWN:
            lines.append(f"  … and {count - _SHOWN} more")
        super().__init__("\n".join(lines))


def in_file_order(problems: Iterable[RowProblem], headers: Sequence[str]) -> tuple[RowProblem, ...]:
    """`problems` by line, and within a line by column as the file has them (whole rows first)."""
    position = {header: index for index, header in reversed(list(enumerate(headers)))}

    def key(problem: RowProblem) -> tuple[int, int]:
        column = -1 if problem.column is None else position.get(problem.column, -1)
        return problem.line, column

    return tuple(sorted(problems, key=key))
