"""A member's dues-account postings turned into the lines of their statement (pure).

Each entry is one line: its postings on the member's receivable and prepayment accounts are
netted, so a payment is one credit whichever of the two accounts it landed on. An application
entry (the settlement moving money between the two) nets to nothing: it becomes an
information line saying how much credit was used for dues, or kept for later, and leaves the
balance as it was. Entries that net to nothing otherwise are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopdesk.ledger.types import EntryKind
from coopdesk.money import Money
from coopdesk.statements.reading import AccountPosting, ChargePeriod, EntryDetails
from coopdesk.statements.types import LineKind, StatementLine

_KINDS: dict[str, LineKind] = {
    EntryKind.DUES: LineKind.CHARGE,
    EntryKind.PAYMENT: LineKind.PAYMENT,
    EntryKind.WRITE_OFF: LineKind.WRITE_OFF,
    EntryKind.REVERSAL: LineKind.REVERSAL,
}


class _Amounts(dict[int, Money]):
    """Money for minor units, each made once: a batch repeats a few amounts many times."""

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency

    def __missing__(self, units: int) -> Money:
        money = self[units] = Money.from_minor(units, self.currency)
        return money


def statement_lines(found: Sequence[AccountPosting], opening: int, currency: str,
                    details: EntryDetails, receivable: int) -> tuple[tuple[StatementLine, ...], int]:
    """The lines for `found` (one member's postings, in date and entry order) after an opening
    balance of `opening` minor units, and the balance after the last (the closing balance).

    `receivable` is the id of the dues receivable account, whose side of an application
    entry says which way the credit moved.
    """
    money = _amounts(currency)
    balance = opening
    lines = []
    start = 0
    while start < len(found):
        first = found[start]
        end = start + 1
        while end < len(found) and found[end].entry_id == first.entry_id:
            end += 1
        entry = found[start:end]
        start = end
        if first.kind == EntryKind.APPLICATION:
            to_receivable = sum(p.amount for p in entry if p.account_id == receivable)
            if to_receivable:
                kind = LineKind.CREDIT_KEPT if to_receivable > 0 else LineKind.CREDIT_APPLIED
                lines.append(StatementLine(first.date, kind, money[0], money[0], money[balance],
                                           first.entry_id, moved=money[abs(to_receivable)]))
            continue
        net = first.amount if len(entry) == 1 else sum(p.amount for p in entry)
        if net:
            balance += net
            lines.append(_line(first, net, balance, money, details))
    return tuple(lines), balance


def _line(first: AccountPosting, net: int, balance: int, money: _Amounts,
          details: EntryDetails) -> StatementLine:
    amount = money[abs(net)]
    zero = money[0]
    kind = _KINDS.get(first.kind, LineKind.ADJUSTMENT)
    if kind is LineKind.CHARGE or kind is LineKind.WRITE_OFF:
        table = details.charges if kind is LineKind.CHARGE else details.write_offs
        period: ChargePeriod | None = table.get(first.entry_id)
        if period is not None:
            return StatementLine(first.date, kind, amount if net > 0 else zero,
                                 amount if net < 0 else zero, money[balance], first.entry_id,
                                 period_start=period.start, period_end=period.end,
                                 partial_period=period.prorated, fund=period.fund)
    elif kind is LineKind.PAYMENT:
        return StatementLine(first.date, kind, amount if net > 0 else zero,
                             amount if net < 0 else zero, money[balance], first.entry_id,
                             method=details.methods.get(first.entry_id))
    elif kind is LineKind.REVERSAL and first.reverses_id is not None:
        reversed_date, reversed_kind = details.reversed.get(first.reverses_id, (None, None))
        return StatementLine(first.date, kind, amount if net > 0 else zero,
                             amount if net < 0 else zero, money[balance], first.entry_id,
                             reversed_date=reversed_date, reversed_kind=reversed_kind)
    return StatementLine(first.date, kind, amount if net > 0 else zero, amount if net < 0 else zero,
                         money[balance], first.entry_id,
                         memo=details.memos.get(first.entry_id, "") if kind is LineKind.ADJUSTMENT else "")


_caches: dict[str, _Amounts] = {}


def _amounts(currency: str) -> _Amounts:
    cache = _caches.get(currency)
    if cache is None or len(cache) > 100_000:  # bounded: balances vary more than amounts do
        cache = _caches[currency] = _Amounts(currency)
    return cache
