"""Reading journal entries from a JSON file for `coopdesk entries post FILE`.

The file holds one entry object or an array of them:
    {"date": "2026-03-31", "memo": "Hall rent", "kind": "manual", "source_ref": "inv-42",
     "postings": [{"account": "5000", "amount": "120.00"},
                  {"account": "1010", "amount": "-120.00", "memo": "transfer"}]}
Amounts are decimal strings or integers (floats are refused: they cannot hold cents exactly);
a posting may name a "member" (number) or a "fund" (code). Every problem is reported at once,
with the entry and line it is on.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from coopdesk.errors import InputError
from coopdesk.ledger.specs import EntrySpec, PostingSpec
from coopdesk.money import Money

_ENTRY_KEYS = {"date", "memo", "kind", "source_ref", "postings"}
_POSTING_KEYS = {"account", "amount", "member", "fund", "memo"}


def parse_entries(text: str, currency: str, source: str = "the file") -> list[EntrySpec]:
    """Entry specs from JSON text, or an InputError listing every problem with its place."""
    try:
        data = json.loads(text, parse_float=_refuse_float)
    except _FloatRefused as exc:
        raise InputError(f"{source}: amount {exc} is written as a float; write it as a string, "
                         f"e.g. \"{exc}\"") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputError(f"{source}: holds no entries")
    problems: list[str] = []
    specs: list[EntrySpec] = []
    for index, item in enumerate(items, start=1):
        where = f"{source}, entry {index}"
        spec = _entry(item, currency, where, problems)
        if spec is not None:
            specs.append(spec)
    if problems:
        raise InputError("; ".join(problems))
    return specs


class _FloatRefused(ValueError):
    pass


def _refuse_float(text: str) -> Any:
    raise _FloatRefused(text)


def _entry(item: Any, currency: str, where: str, problems: list[str]) -> EntrySpec | None:
    if not isinstance(item, dict):
        problems.append(f"{where}: must be an object with date, memo and postings")
        return None
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    date = _date(item.get("date"), where, problems)
    raw_postings = item.get("postings")
    if not isinstance(raw_postings, list) or not raw_postings:
        problems.append(f"{where}: needs a list of postings")
        raw_postings = []
    postings = []
    for line, raw in enumerate(raw_postings, start=1):
        posting = _posting(raw, currency, f"{where}, line {line}", problems)
        if posting is not None:
            postings.append(posting)
    memo, kind, source_ref = item.get("memo", ""), item.get("kind", "manual"), item.get("source_ref")
    for name, value in (("memo", memo), ("kind", kind)):
        if not isinstance(value, str):
            problems.append(f"{where}: {name} must be text")
    if source_ref is not None and not isinstance(source_ref, str):
        problems.append(f"{where}: source_ref must be text")
    if date is None or len(postings) != len(raw_postings):
        return None
    return EntrySpec(date, tuple(postings), str(memo), str(kind),
                     None if source_ref is None else str(source_ref))


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if not isinstance(value, str):
        problems.append(f"{where}: needs a date written YYYY-MM-DD")
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date()
    except ValueError:
        problems.append(f"{where}: {value!r} is not a date (write YYYY-MM-DD)")
        return None


def _bad_date() -> dt.date:
    raise ValueError


def _posting(raw: Any, currency: str, where: str, problems: list[str]) -> PostingSpec | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: a posting must be an object with account and amount")
        return None
    unknown = set(raw) - _POSTING_KEYS
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    account, amount = raw.get("account"), raw.get("amount")
    ok = True
    if not isinstance(account, str) or not account:
        problems.append(f"{where}: needs an account code")
        ok = False
    money: Money | None = None
    if isinstance(amount, bool) or not isinstance(amount, (str, int)):
        problems.append(f"{where}: needs an amount, written as a string such as \"12.50\"")
        ok = False
    else:
        try:
            money = Money(amount, currency)
        except (ValueError, ArithmeticError) as exc:
            problems.append(f"{where}: amount {amount!r} is not valid ({exc})")
            ok = False
    optional = {}
    for name in ("member", "fund", "memo"):
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            problems.append(f"{where}: {name} must be text")
            ok = False
        optional[name] = value
    if not ok or money is None:
        return None
    return PostingSpec(str(account), money, optional["member"], optional["fund"], optional["memo"] or "")
