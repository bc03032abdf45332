"""A bank export read into incoming payments: date, amount, reference and the payer's name.

Banks name their columns in the account holder's language (`BANK_COLUMNS`) and write amounts
either signed in one column, unsigned with a credit/debit marker, or in separate credit and debit
columns. Only money coming in is a payment: outgoing and zero rows are set aside in `skipped` with
a reason, which is not an error. Each payment gets a `fingerprint` so that importing the same
export twice (or two exports that overlap) can be recognised.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import babel.numbers

from coopdesk.formatting import Formatter, ParseError
from coopdesk.io.csv_table import CsvRow, match_columns, read_csv_table
from coopdesk.io.problems import ImportRefused, RowProblem, in_file_order
from coopdesk.money import Money

__all__ = ["BANK_COLUMNS", "BankCsv", "BankRow", "SkippedRow", "fingerprint", "parse_bank_csv"]

# Field -> the column names it is found under (compared as `fold_header` folds them).
BANK_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "date": (
        "date", "booking date", "transaction date", "posting date", "entry date", "buchungstag",
        "buchungsdatum", "datum", "fecha", "fecha operación", "fecha de operación",
        "date opération", "date de l'opération", "date comptable",
    ),
    # Used only when there is no booking date.
    "value_date": (
        "value date", "valuta", "valutadatum", "wertstellung", "fecha valor",
        "date de valeur", "date valeur",
    ),
    "amount": ("amount", "betrag", "umsatz", "importe", "montant", "transaction amount"),
    "credit": (
        "credit", "credits", "credit amount", "paid in", "money in", "deposit", "deposits",
        "haben", "gutschrift", "eingang", "crédit", "abono", "ingreso", "ingresos",
    ),
    "debit": (
        "debit", "debits", "debit amount", "paid out", "money out", "withdrawal", "withdrawals",
        "soll", "lastschrift", "ausgang", "débit", "cargo", "gasto", "gastos",
    ),
    # A marker beside an unsigned amount: S/H (Soll/Haben), DR/CR.
    "direction": ("debit/credit", "credit/debit", "dr/cr", "cr/dr", "soll/haben", "s/h",
                  "sens", "debe/haber"),
    "reference": (
        "reference", "memo", "description", "details", "payment reference", "purpose",
        "remittance information", "narrative", "particulars", "transaction details",
        "verwendungszweck", "libellé", "libellé opération", "communication", "concepto",
        "referencia",
    ),
    "name": (
        "name", "payer", "payer name", "counterparty", "counterparty name", "other party",
        "from", "sender", "remitter", "auftraggeber", "zahlungspflichtiger",
        "beguenstigter/zahlungspflichtiger", "begünstigter/zahlungspflichtiger",
        "auftraggeber/empfänger", "name zahlungsbeteiligter", "zahlungsbeteiligter",
        "nom", "contrepartie", "tiers", "ordenante", "nombre",
    ),
    "currency": ("currency", "währung", "waehrung", "devise", "moneda", "divisa"),
}

_LABELS = {"value_date": "value date", "direction": "debit/credit marker"}
_CREDIT_MARKS = frozenset({"h", "haben", "cr", "c", "credit", "crédit", "+", "in", "haber"})
_DEBIT_MARKS = frozenset({"s", "soll", "dr", "d", "debit", "débit", "-", "out", "debe"})
_PLAIN_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FINGERPRINT_VERSION = "coopdesk bank row v1"


@dataclass(frozen=True, slots=True)
class BankRow:
    """Money that came in: one row of the export, with a fingerprint stable across imports."""

    line: int
    date: datetime.date
    amount: Money
    reference: str
    name: str | None
    fingerprint: str


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that is not a payment (money going out, a zero amount), and why; not an error."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class BankCsv:
    """A bank export read: payments in, rows set aside, every problem, and columns not used.

    `rows` holds only rows without problems; an import should go ahead only when `problems` is
    empty (`refuse_if_problems`).
    """

    source: str
    rows: tuple[BankRow, ...]
    skipped: tuple[SkippedRow, ...]
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...]
    encoding: str
    delimiter: str

    def refuse_if_problems(self) -> None:
        """Raise ImportRefused listing the problems, if there are any."""
        if self.problems:
            raise ImportRefused(self.source, self.problems)


def parse_bank_csv(data: bytes, source: str, formatter: Formatter, currency: str) -> BankCsv:
    """Read the payments in the bank export `data` (a CSV file named `source` in messages).

    Dates may be ISO or the short form of `formatter`'s locale. Amounts are read as the locale
    writes them ("1.234,56" in de_DE) and, failing that, as plain "1234.56"; a trailing minus
    ("12,50-") or brackets ("(12.50)") also mean money going out. A currency column, if any,
    must hold the book's `currency`. Raises InputError only for a file that cannot be read as
    CSV at all; everything else is in `problems`.
    """
    table = read_csv_table(data, source)
    match = match_columns(table.headers, BANK_COLUMNS)
    columns = match.columns
    header_problems = match.problems(table.header_line, _LABELS)
    if "date" not in columns and "value_date" not in columns:
        header_problems.append(
            RowProblem(table.header_line, None, "no column gives the date: the header needs a "
                       "'Date' column (or 'Booking date', 'Value date')")
        )
    if "amount" not in columns and "credit" not in columns:
        header_problems.append(
            RowProblem(table.header_line, None, "no column gives the amount: the header needs an "
                       "'Amount' column, or 'Credit' and 'Debit' columns")
        )
    if "direction" in columns and "amount" not in columns:
        header_problems.append(
            RowProblem(table.header_line, columns["direction"],
                       "a debit/credit marker needs an 'Amount' column beside it")
        )
    problems = list(table.problems) + header_problems
    rows: list[BankRow] = []
    skipped: list[SkippedRow] = []
    if not header_problems:
        seen: dict[tuple[str, ...], int] = {}
        for row in table.rows:
            reader = _RowReader(row, columns, formatter, currency)
            outcome = reader.read()
            problems += reader.problems
            if isinstance(outcome, SkippedRow):
                skipped.append(outcome)
            elif outcome is not None and not reader.problems:
                date, amount, reference, name = outcome
                key = _fingerprint_key(date, amount, reference, name)
                occurrence = seen.get(key, 0)
                seen[key] = occurrence + 1
                rows.append(
                    BankRow(row.line, date, amount, reference, name,
                            fingerprint(date, amount, reference, name, occurrence))
                )
    return BankCsv(
        source=source,
        rows=tuple(rows),
        skipped=tuple(skipped),
        problems=in_file_order(problems, table.headers),
        ignored_columns=match.unknown,
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


def fingerprint(
    date: datetime.date, amount: Money, reference: str, name: str | None, occurrence: int
) -> str:
    """A SHA-256 hex digest identifying one payment in a bank export, the same on every import.

    Reference and name are compared as `_normalise` writes them (case, Unicode form and runs of
    spaces do not count, since banks reflow them between exports). `occurrence` counts earlier
    rows of the same file with the same date, amount, reference and name, so two identical
    transfers on one day stay two payments, while an export covering whole days gives each of
    them the same fingerprint again.
    """
    parts = (*_fingerprint_key(date, amount, reference, name), str(occurrence))
    return hashlib.sha256("\x1f".join((_FINGERPRINT_VERSION, *parts)).encode()).hexdigest()


def _fingerprint_key(
    date: datetime.date, amount: Money, reference: str, name: str | None
) -> tuple[str, ...]:
    return (
        date.isoformat(),
        amount.currency,
        str(amount.minor_units),
        _normalise(reference),
        _normalise(name or ""),
    )


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class _RowReader:
    """Reads one row of the export, collecting a problem for each cell that does not pass."""

    def __init__(
        self, row: CsvRow, columns: Mapping[str, str], formatter: Formatter, currency: str
    ) -> None:
        self._row = row
        self._columns = columns
        self._formatter = formatter
        self._currency = currency
        self.problems: list[RowProblem] = []

    def _text(self, field: str) -> str:
        header = self._columns.get(field)
        return self._row.cells.get(header, "") if header is not None else ""

    def _problem(self, field: str, message: str) -> None:
        self.problems.append(RowProblem(self._row.line, self._columns.get(field), message))

    def read(self) -> tuple[datetime.date, Money, str, str | None] | SkippedRow | None:
        """The payment in this row, the reason it is not one, or None with problems."""
        currency = self._text("currency")
        if currency and currency.upper() != self._currency and currency != self._symbol():
            self._problem(
                "currency", f"{currency!r} is not the book's currency ({self._currency})"
            )
            return None
        amount = self._amount()
        if amount is None:
            return None
        if amount.is_negative:
            return SkippedRow(self._row.line, f"money going out ({amount}), not a payment")
        if amount.is_zero:
            return SkippedRow(self._row.line, "the amount is zero")
        date = self._date()
        if date is None:
            return None
        return date, amount, self._text("reference"), self._text("name") or None

    def _symbol(self) -> str:
        return babel.numbers.get_currency_symbol(self._currency, self._formatter.locale)

    def _date(self) -> datetime.date | None:
        field = "date" if "date" in self._columns else "value_date"
        text = self._text(field)
        if not text and field == "date" and "value_date" in self._columns:
            field, text = "value_date", self._text("value_date")
        if not text:
            self._problem(field, "a date is required")
            return None
        try:
            return self._formatter.parse_date(text)
        except ParseError as exc:
            self._problem(field, exc.message)
            return None

    def _amount(self) -> Money | None:
        """The signed amount (negative for money going out), or None with a problem."""
        if "amount" in self._columns:
            amount = self._money("amount", required=True)
            mark = self._text("direction")
            if amount is None or "direction" not in self._columns:
                return amount
            folded = mark.casefold()
            if not folded:
                self._problem("direction", "say whether this is a debit or a credit")
                return None
            if folded in _DEBIT_MARKS:
                return -abs(amount)
            if folded in _CREDIT_MARKS:
                if amount.is_negative:
                    self._problem("amount", f"{self._text('amount')!r} is negative but marked "
                                  f"{mark!r} (money coming in)")
                    return None
                return amount
            self._problem("direction", f"{mark!r} does not say debit or credit: write "
                          "S or H, DR or CR, debit or credit")
            return None
        credit = self._money("credit", required=False)
        debit = self._money("debit", required=False)
        if self.problems:
            return None
        if credit is not None and not credit.is_zero and debit is not None and not debit.is_zero:
            self._problem("debit", "both credit and debit are filled in: keep one")
            return None
        if debit is not None and not debit.is_zero:
            return -abs(debit)
        if credit is not None:
            return credit
        if debit is not None:
            return debit
        self._problem("credit", "an amount is required, as a credit or a debit")
        return None

    def _money(self, field: str, *, required: bool) -> Money | None:
        text = self._text(field)
        if not text:
            if required:
                self._problem(field, "an amount is required")
            return None
        try:
            return _parse_amount(text, self._formatter, self._currency)
        except ParseError as exc:
            self._problem(field, exc.message)
            return None


def _parse_amount(text: str, formatter: Formatter, currency: str) -> Money:
    """`text` as the locale writes amounts, else as plain "1234.56"; "12,50-", "(12.50)" go out."""
    body = text.strip()
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1].strip()
    elif body.endswith(("-", "\u2212")) and len(body) > 1:
        negative, body = True, body[:-1].strip()
    body = body.removeprefix("+").strip()
    try:
        amount = formatter.parse_money(body, currency)
    except ParseError as exc:
        unsigned = body.removeprefix("-")
        if not _PLAIN_AMOUNT.fullmatch(unsigned):
            raise ParseError(exc.message.replace(repr(body), repr(text))) from None
        try:
            amount = Money(body, currency)
        except ValueError:
            raise ParseError(exc.message.replace(repr(body), repr(text))) from None
    return -amount if negative else amount
