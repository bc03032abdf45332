"""Patronage records from a spreadsheet or a till export, read and checked row by row.

One row is one record: the member's number, the day, the measure (its code, such as hours or
purchases), the quantity and an optional reference. Columns are found under the names people give
them (`PATRONAGE_COLUMNS`), in any order and any case; a file without a measure column takes one
measure for all its rows (`measure`), which also fills the rows whose measure cell is empty.
Quantities are read as the book's locale writes numbers ("1.234,5" in de_DE) and, failing that,
as plain "1234.5"; dates as ISO or the locale's short form. Every problem names its line and
column, so a whole file can be fixed in one pass; whether members and measures exist is for the
import to say (`coopdesk.patronage.importing`), this module knows no book.

The rows are `PatronageRow`s, the fields of `coopdesk.patronage.records.RecordInput` and the
line they are on (`RecordInput` itself lives beside the database code, which this package must
not import).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import babel.numbers

from coopdesk.formatting import Formatter, ParseError
from coopdesk.io.csv_table import CsvRow, match_columns, read_csv_table
from coopdesk.io.problems import ImportRefused, RowProblem, in_file_order

__all__ = ["PATRONAGE_COLUMNS", "PatronageCsv", "PatronageRow", "parse_patronage_csv",
           "parse_quantity"]

# Field -> the column names it is found under (compared as `fold_header` folds them).
PATRONAGE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "member_number": (
        "member", "number", "member number", "member no", "member nr", "member #", "member id",
        "membership number", "no", "nr", "#", "mitglied", "mitgliedsnummer", "mitgliedsnr",
        "membre", "numéro", "numéro de membre", "n°", "socio", "número", "número de socio",
    ),
    "date": ("date", "day", "record date", "datum", "tag", "jour", "fecha", "día"),
    "measure": ("measure", "measure code", "patronage measure", "messgröße", "art", "mesure",
                "medida"),
    "quantity": (
        "quantity", "amount", "hours", "qty", "value", "patronage", "menge", "anzahl", "betrag",
        "stunden", "wert", "quantité", "montant", "heures", "valeur", "cantidad", "importe",
        "horas", "valor",
    ),
    "reference": (
        "reference", "ref", "note", "notes", "memo", "description", "comment", "receipt",
        "referenz", "notiz", "bemerkung", "beleg", "référence", "remarque", "referencia", "nota",
    ),
}

_LABELS = {"member_number": "member number"}
#: Quantities are kept in thousandths (`coopdesk.patronage.measures.QUANTITY_PLACES`).
QUANTITY_DECIMALS = 3
#: As `coopdesk.patronage.records.MAX_REFERENCE`.
MAX_REFERENCE = 200
_MEASURE_CODE = re.compile(r"[0-9a-z_-]{1,32}")
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True, slots=True)
class PatronageRow:
    """One record as a row of the file gives it, checked (a `RecordInput` and its line)."""

    line: int
    member_number: str
    date: datetime.date
    measure_code: str
    quantity: Decimal
    reference: str = ""


@dataclass(frozen=True, slots=True)
class PatronageCsv:
    """A patronage file read: the rows that passed, every problem, and columns nothing used.

    `rows` holds only rows without problems; an import goes ahead only when `problems` is empty
    (`refuse_if_problems`). `columns` maps each field to its header, for naming problems found
    later (a member who is not in the book).
    """

    source: str
    rows: tuple[PatronageRow, ...]
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...]
    columns: Mapping[str, str]
    encoding: str
    delimiter: str

    def refuse_if_problems(self) -> None:
        """Raise ImportRefused listing the problems, if there are any."""
        if self.problems:
            raise ImportRefused(self.source, self.problems)


def parse_patronage_csv(data: bytes | str, source: str, formatter: Formatter, *,
                        measure: str | None = None) -> PatronageCsv:
    """Read and check the patronage records in `data` (a CSV file named `source` in messages).

    `measure` is the measure code of the rows that do not name one (all of them, when the file
    has no measure column). Raises InputError only for a file that cannot be read as CSV at all;
    everything else is in `problems`.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    table = read_csv_table(data, source)
    match = match_columns(table.headers, PATRONAGE_COLUMNS)
    columns = match.columns
    header_problems = match.problems(table.header_line, _LABELS)
    default_measure = (measure or "").strip().lower() or None
    if default_measure is not None and not _MEASURE_CODE.fullmatch(default_measure):
        header_problems.append(RowProblem(table.header_line, None,
                                          f"{measure!r} is not a measure code, such as hours"))
    needed = (("member_number", "the member number: the header needs a 'Member number' column"),
              ("date", "the date: the header needs a 'Date' column"),
              ("quantity", "the quantity: the header needs a 'Quantity' column (or 'Amount', 'Hours')"))
    for field, what in needed:
        if field not in columns:
            header_problems.append(RowProblem(table.header_line, None, f"no column gives {what}"))
    if "measure" not in columns and default_measure is None:
        header_problems.append(RowProblem(
            table.header_line, None, "no column gives the measure: add a 'Measure' column, or "
            "choose the measure of the whole file"))
    problems = list(table.problems) + header_problems
    rows: list[PatronageRow] = []
    if not header_problems:
        for row in table.rows:
            reader = _RowReader(row, columns, formatter, default_measure)
            record = reader.read()
            problems += reader.problems
            if record is not None and not reader.problems:
                rows.append(record)
    return PatronageCsv(
        source=source,
        rows=tuple(rows),
        problems=in_file_order(problems, table.headers),
        ignored_columns=match.unknown,
        columns=dict(columns),
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


def parse_quantity(text: str, formatter: Formatter) -> Decimal:
    """A quantity as `formatter`'s locale writes numbers ("1.234,5" in de_DE), else as plain
    "1234.5"; ParseError for anything else, a negative number or more than three decimals."""
    body = text.strip()
    if not body or any(char.isalpha() for char in body):  # Babel would read "1e3" and "NaN"
        raise ParseError(f"{text!r} is not a number in {formatter.locale}")
    try:
        value = babel.numbers.parse_decimal(body, formatter.locale, strict=True)
    except babel.numbers.NumberFormatError:
        if not _PLAIN_NUMBER.fullmatch(body.removeprefix("-")):
            raise ParseError(f"{text!r} is not a number in {formatter.locale}") from None
        value = Decimal(body)
    if value <= 0:
        raise ParseError(f"{text!r}: a quantity is more than zero")
    if value != value.quantize(Decimal(1).scaleb(-QUANTITY_DECIMALS), rounding="ROUND_DOWN"):
        raise ParseError(f"{text!r} has more than {QUANTITY_DECIMALS} decimals")
    return value


class _RowReader:
    """Reads one row, collecting a problem for each cell that does not pass."""

    def __init__(self, row: CsvRow, columns: Mapping[str, str], formatter: Formatter,
                 measure: str | None) -> None:
        self._row = row
        self._columns = columns
        self._formatter = formatter
        self._measure = measure
        self.problems: list[RowProblem] = []

    def _text(self, field: str) -> str:
        header = self._columns.get(field)
        return self._row.cells.get(header, "") if header is not None else ""

    def _problem(self, field: str, message: str) -> None:
        self.problems.append(RowProblem(self._row.line, self._columns.get(field), message))

    def read(self) -> PatronageRow | None:
        number = self._text("member_number")
        if not number:
            self._problem("member_number", "a member number is required")
        elif len(number) > 32:
            self._problem("member_number", "a member number has at most 32 characters")
        date = self._date()
        measure = self._text("measure").lower() or self._measure
        if measure is None:
            self._problem("measure", "a measure is required, such as hours or purchases")
        elif not _MEASURE_CODE.fullmatch(measure):
            self._problem("measure", f"{self._text('measure')!r} is not a measure code, such as hours")
        quantity = self._quantity()
        reference = self._text("reference")
        if len(reference) > MAX_REFERENCE:
            self._problem("reference", f"a reference has at most {MAX_REFERENCE} characters")
        if self.problems or date is None or quantity is None or measure is None:
            return None
        return PatronageRow(self._row.line, number, date, measure, quantity, reference)

    def _date(self) -> datetime.date | None:
        text = self._text("date")
        if not text:
            self._problem("date", "a date is required")
            return None
        try:
            return self._formatter.parse_date(text)
        except ParseError as exc:
            self._problem("date", exc.message)
            return None

    def _quantity(self) -> Decimal | None:
        text = self._text("quantity")
        if not text:
            self._problem("quantity", "a quantity is required")
            return None
        try:
            return parse_quantity(text, self._formatter)
        except ParseError as exc:
            self._problem("quantity", exc.message)
            return None
