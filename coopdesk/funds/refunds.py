"""The year-end refund: what a member holds in a fund above its cap goes back to them.

A fund with a balance cap (`FundPolicy.balance_cap_months`) keeps at most that many months of
each member's contribution for them. Each member's share of the fund is the fund's balance at
the year end split in proportion to what they have put in and not had back (contributions less
refunds, never below zero), with `money.allocate`, so the shares add up to the balance exactly;
claims paid out are thus borne by everyone in proportion to what they put in. A member still
taking part at the year end whose share exceeds the cap is refunded the excess, paid from the
bank (or cash) like a payout. A month's contribution is the fund's fixed amount, or for a fund
taking a share of payments, a twelfth of what the member contributed in the year.

`preview_refunds` says who gets what; `post_refunds` posts it, once per fund and year end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.models import FundRefund, Member
from coopdesk.dues.accounts import METHOD_ACCOUNTS, PAYMENT_METHODS
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.funds.claims import fund_balance_units
from coopdesk.funds.participation import taking_part
from coopdesk.funds.queries import CONTRIBUTIONS, REFUNDS, movements_by_member, source_of
from coopdesk.funds.service import fund_by_code
from coopdesk.funds.types import ContributionKind
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money, allocate


@dataclass(frozen=True, slots=True)
class RefundRow:
    member_id: int
    member_number: str
    member_name: str
    share: Money   # their share of the fund at the year end
    cap: Money
    refund: Money  # share - cap, when positive


@dataclass(frozen=True, slots=True)
class RefundPlan:
    fund_code: str
    year_end: dt.date
    balance: Money
    rows: tuple[RefundRow, ...]  # members refunded, by member number

    @property
    def total(self) -> Money:
        return sum((row.refund for row in self.rows), Money.zero(self.balance.currency))


def preview_refunds(session: Session, fund_code: str, year_end: dt.date) -> RefundPlan:
    """Who would be refunded what at `year_end` (nothing when the fund has no cap)."""
    fund = fund_by_code(session, fund_code)
    currency = book_currency(session)
    balance = fund_balance_units(session, fund, year_end)
    empty = RefundPlan(fund.code, year_end, Money.from_minor(balance, currency), ())
    if fund.balance_cap_months is None or balance <= 0:
        return empty
    year_start = _year_before(year_end)
    put_in: dict[int, int] = defaultdict(int)    # contributions less refunds, by year end
    this_year: dict[int, int] = defaultdict(int)  # contributions in the year
    for member_id, kind, reversed_kind, day, total in movements_by_member(session, fund.account_id or 0):
        if day > year_end:
            continue
        source = source_of(kind, reversed_kind)
        if source in (CONTRIBUTIONS, REFUNDS):
            put_in[member_id] -= total
        if source == CONTRIBUTIONS and day >= year_start:
            this_year[member_id] -= total
    weights = {member_id: units for member_id, units in put_in.items() if units > 0}
    if not weights:
        return empty
    ids = sorted(weights)
    shares = allocate(Money.from_minor(balance, currency), [weights[m] for m in ids], ids)
    staying = {m for m, t in taking_part(session, fund, ids).items()
               if t.until is None or t.until > year_end}
    names = {m: (number, name) for m, number, name in session.execute(
        select(Member.id, Member.number, Member.display_name).where(Member.id.in_(ids)))}
    rows = []
    for member_id, share in zip(ids, shares, strict=True):
        if member_id not in staying:
            continue
        monthly = (fund.contribution if fund.contribution_kind == ContributionKind.FIXED
                   else this_year.get(member_id, 0) // 12)
        cap = Money.from_minor(monthly * fund.balance_cap_months, currency)
        if share > cap:
            rows.append(RefundRow(member_id, *names[member_id], share, cap, share - cap))
    rows.sort(key=lambda row: (len(row.member_number), row.member_number))
    return RefundPlan(fund.code, year_end, Money.from_minor(balance, currency), tuple(rows))


@dataclass(frozen=True, slots=True)
class RefundResult:
    members: int
    total: Money


def post_refunds(session: Session, fund_code: str, year_end: dt.date,
                 method: str = "bank_transfer") -> RefundResult:
    """Refund each member their excess at `year_end`, paid by `method`; once per year end."""
    fund = fund_by_code(session, fund_code)
    if method not in PAYMENT_METHODS:
        raise ValidationError([f"method: one of {', '.join(PAYMENT_METHODS)}, not {method!r}"],
                              subject="refund")
    if fund.balance_cap_months is None:
        raise CoopdeskError(f"fund {fund.code} has no balance cap, so nothing is refunded")
    if year_end > clock.today():
        raise CoopdeskError(f"the year ending {year_end.isoformat()} is not over yet: its refunds "
                            "are posted once it is")
    done = session.execute(select(FundRefund.id).where(
        FundRefund.fund_id == fund.id, FundRefund.year_end == year_end)).first()
    if done:
        raise CoopdeskError(f"the refunds of fund {fund.code} for the year ending "
                            f"{year_end.isoformat()} were already posted")
    plan = preview_refunds(session, fund_code, year_end)
    paid_from = account_id_for(session, METHOD_ACCOUNTS[method])
    drafts = [EntryDraft(year_end, EntryKind.REFUND, (
        PostingDraft(fund.account_id or 0, row.refund.minor_units, member_id=row.member_id,
                     fund_id=fund.id),
        PostingDraft(paid_from, -row.refund.minor_units),
    ), memo=f"Refund from {fund.code} above its cap, year ending {year_end.isoformat()}, "
            f"member {row.member_number}", source_ref=f"refund:{fund.code}:{year_end.isoformat()}")
        for row in plan.rows]
    entry_ids = post_entries(session, drafts)
    session.add_all(FundRefund(fund_id=fund.id, member_id=row.member_id, year_end=year_end,
                               amount=row.refund.minor_units, entry_id=entry_id)
                    for row, entry_id in zip(plan.rows, entry_ids, strict=True))
    session.flush()
    note_changes(session, area="funds", entries=entry_ids, funds=[fund.id],
                 members=[row.member_id for row in plan.rows])
    return RefundResult(len(plan.rows), plan.total)


def _year_before(year_end: dt.date) -> dt.date:
    """The first day of the year that ends on `year_end`."""
    try:
        return dt.date(year_end.year - 1, year_end.month, year_end.day) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(year_end.year - 1, 3, 1)


__all__ = ["RefundPlan", "RefundResult", "RefundRow", "post_refunds", "preview_refunds"]
