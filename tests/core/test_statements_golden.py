"""Golden statements: a few PDFs built in ReportLab's invariant mode from fixed data, compared
byte for byte, so any change to how a statement looks shows up in review.

After an intended change, look at the new PDFs, then write them over the golden ones:

    COOPDESK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -p no:pytestqt tests/core/test_statements_golden.py

They are English (no catalog needed, so a translator's work never moves them) and built from
data made here, not from a book. Keep them few (STYLE.md, habit 14): assert on data elsewhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.money import Money
from coopdesk.statements.document import PrintOptions, statement_pdf
from coopdesk.statements.layout import A4_DIN_5008_B, US_LETTER_10
from coopdesk.statements.standing import amount_due, due_date
from coopdesk.statements.types import Letterhead, LineKind, Standing, Statement, StatementLine

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("COOPDESK_UPDATE_GOLDEN") == "1"


def sample_statement(currency: str = "USD", months: int = 6) -> Statement:
    """An English statement with a line of every kind, `months` months of dues long."""
    def money(text: str) -> Money:
        return Money(text, currency)

    lines: list[StatementLine] = []
    balance = money("2.00")
    for month in range(1, months + 1):
        start = dt.date(2026, month, 1)
        end = (dt.date(2026, month + 1, 1) if month < 12 else dt.date(2027, 1, 1)) - dt.timedelta(days=1)
        balance += money("1.00")
        lines.append(StatementLine(start, LineKind.CHARGE, money("1.00"), money("0"), balance, 10 * month,
                                   period_start=start, period_end=end))
        if month % 2 == 0:
            balance -= money("3.00")
            lines.append(StatementLine(start + dt.timedelta(days=9), LineKind.PAYMENT, money("0"),
                                       money("3.00"), balance, 10 * month + 1, method="bank_transfer"))
            lines.append(StatementLine(start + dt.timedelta(days=9), LineKind.CREDIT_KEPT, money("0"),
                                       money("0"), balance, 10 * month + 2, moved=money("1.00")))
    day = dt.date(2026, months, 20)
    balance -= money("1.00")
    lines.append(StatementLine(day, LineKind.WRITE_OFF, money("0"), money("1.00"), balance, 901,
                               period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 1, 31)))
    balance += money("3.00")
    lines.append(StatementLine(day, LineKind.REVERSAL, money("3.00"), money("0"), balance, 902,
                               reversed_date=dt.date(2026, 2, 10), reversed_kind="payment"))
    lines.append(StatementLine(day, LineKind.CREDIT_APPLIED, money("0"), money("0"), balance, 903,
                               moved=money("1.00")))
    balance += money("0.50")
    lines.append(StatementLine(day, LineKind.ADJUSTMENT, money("0.50"), money("0"), balance, 904,
                               memo="Late fee"))
    return Statement(
        member_number="M-0042", member_name="Zoë Weiß-Nguyễn",
        recipient=("Zoë Weiß-Nguyễn", "1433 River Road", "Apt 4A", "Cedar Falls, OR 97527"),
        language="en", locale="en_US",
        letterhead=Letterhead("Riverside Food Co-op", ("214 Riverside Avenue", "Riverside, OR 97520"),
                              "treasurer@riverside.coop", "+1 541 555 0142"),
        statement_date=dt.date(2026, months, 28), date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, months, 25), opening_balance=money("2.00"), lines=tuple(lines),
        closing_balance=balance, amount_due=amount_due(balance),
        due_date=due_date(dt.date(2026, months, 28), amount_due(balance)),
        status="lapsed", standing=Standing.IN_ARREARS, months_in_arrears=3,
    )


CASES = {
    "statement-a4-slip.pdf": (sample_statement(months=2),
                              PrintOptions(A4_DIN_5008_B, slip=True, invariant=True)),
    "statement-letter-2-pages.pdf": (sample_statement(months=12),
                                     PrintOptions(US_LETTER_10, invariant=True)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_statement(name: str) -> None:
    statement, options = CASES[name]
    out = io.BytesIO()
    pages = statement_pdf(out, statement, options)
    golden = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(out.getvalue())
    assert golden.exists(), f"no golden file yet: run with COOPDESK_UPDATE_GOLDEN=1 ({__doc__})"
    assert len(PdfReader(io.BytesIO(golden.read_bytes())).pages) == pages
    assert out.getvalue() == golden.read_bytes(), (
        f"{name} changed; if the change is intended, regenerate the golden files ({__doc__})")


def test_the_cases_cover_one_and_two_pages() -> None:
    pages = {name: statement_pdf(io.BytesIO(), s, o) for name, (s, o) in CASES.items()}
    assert pages == {"statement-a4-slip.pdf": 1, "statement-letter-2-pages.pdf": 2}


def test_invariant_output_is_byte_stable() -> None:
    statement, options = CASES["statement-a4-slip.pdf"]
    first, second = io.BytesIO(), io.BytesIO()
    statement_pdf(first, statement, options)
    statement_pdf(second, dataclasses.replace(statement), options)
    assert first.getvalue() == second.getvalue()
