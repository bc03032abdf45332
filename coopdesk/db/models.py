"""The book's tables, as SQLAlchemy declarative models.

Money columns hold integer minor units (cents): SQLite stores `Numeric` as a float and would
silently lose digits. Dates are `Date` (ISO text in SQLite, so text order is date order).
The migrations in `migrations/versions/` are the authority on the schema a book has; these
models must describe the same tables (a test compares them).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ACCOUNT_TYPES = ("asset", "liability", "equity", "income", "expense")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """One book setting (co-op name, currency, locale, fiscal year start, ...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MemberClass(Base):
    """A class of membership (worker, consumer, producer, supporter...); says who votes."""

    __tablename__ = "member_classes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    votes: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)


class Member(Base):
    """A member of the co-op: the register's record. Edits are versioned (optimistic locking)."""

    __tablename__ = "members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    sort_name: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    kind: Mapped[str] = mapped_column(String(16), default="person", server_default="person")
    class_id: Mapped[int | None] = mapped_column(ForeignKey("member_classes.id"))
    join_date: Mapped[dt.date | None] = mapped_column(Date)
    leave_date: Mapped[dt.date | None] = mapped_column(Date)
    leave_reason: Mapped[str | None] = mapped_column(String(16))
    address_lines: Mapped[str] = mapped_column(Text, default="", server_default="")
    postal_code: Mapped[str] = mapped_column(Text, default="", server_default="")
    city: Mapped[str] = mapped_column(Text, default="", server_default="")
    region: Mapped[str] = mapped_column(Text, default="", server_default="")
    country: Mapped[str] = mapped_column(Text, default="", server_default="")
    email: Mapped[str] = mapped_column(Text, default="", server_default="")
    phone: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str | None] = mapped_column(String(16))
    payer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    status_override: Mapped[str | None] = mapped_column(String(16))
    status_override_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class MemberChange(Base):
    """One field of one member changed: when, from what, to what. Never updated or deleted."""

    __tablename__ = "member_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    changed_at: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class Fund(Base):
    """A shared risk fund: its account, how members contribute, and its claim policy.

    `contribution_kind` "fixed": `contribution` minor units a month, charged by the dues run
    under the fund's own plan (`plan_id`); "share": `share_percent` (a decimal as text) of each
    dues payment. Policy limits are minor units or months; None means no limit.
    """

    __tablename__ = "funds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("dues_plans.id"))
    contribution_kind: Mapped[str] = mapped_column(String(16), server_default="fixed")
    contribution: Mapped[int] = mapped_column(BigInteger, server_default="0")
    share_percent: Mapped[str] = mapped_column(String(16), server_default="0")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    waiting_months: Mapped[int] = mapped_column(Integer, server_default="0")
    max_per_claim: Mapped[int | None] = mapped_column(BigInteger)
    max_per_member_year: Mapped[int | None] = mapped_column(BigInteger)
    max_months: Mapped[int | None] = mapped_column(Integer)
    floor: Mapped[int] = mapped_column(BigInteger, server_default="0")
    balance_cap_months: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, server_default="")


class Account(Base):
    """An account of the chart. Flags say which postings must name a member or a fund."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint(
            "type IN ('asset', 'liability', 'equity', 'income', 'expense')", name="type"
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    member_ledger: Mapped[bool] = mapped_column(Boolean, default=False)
    fund_ledger: Mapped[bool] = mapped_column(Boolean, default=False)


class JournalEntry(Base):
    """A posted journal entry. Never updated or deleted: triggers refuse it."""

    __tablename__ = "journal_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    memo: Mapped[str] = mapped_column(Text, default="")
    source_ref: Mapped[str | None] = mapped_column(Text)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), unique=True)
    posted_at: Mapped[str] = mapped_column(String(32))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Posting(Base):
    """One line of a journal entry; `amount` in minor units, positive = debit."""

    __tablename__ = "postings"
    __table_args__ = (
        UniqueConstraint("entry_id", "line_no", name="uq_postings_entry_line"),
        # Report indexes (migration 0002, which says why): an account's register and the trial
        # balance; every member's balances.
        Index("ix_postings_account_id", "account_id", "entry_id", "line_no", "amount", "member_id"),
        Index(
            "ix_postings_member_id", "member_id", "account_id", "amount",
            sqlite_where=text("member_id IS NOT NULL"),
            postgresql_where=text("member_id IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"))
    memo: Mapped[str] = mapped_column(Text, default="")


class PeriodClose(Base):
    """A period closed through a date. Closing is permanent; later closes move the date on."""

    __tablename__ = "period_closes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    through_date: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[str] = mapped_column(String(32))


class FundClass(Base):
    """A member class whose members take part in a fund (a fund with none: every member)."""

    __tablename__ = "fund_classes"
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id"), primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("member_classes.id"), primary_key=True)


class Claim(Base):
    """A member's claim on a fund: asked for, decided, paid (see coopdesk.funds.claims).

    `amount` is asked for once (`months` 1) or each month for `months`; the decision may grant
    less (`approved_amount`, `approved_months`).
    """

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_fund_id", "fund_id", "member_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    submitted_date: Mapped[dt.date] = mapped_column(Date)
    event_date: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(BigInteger)
    months: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    approved_amount: Mapped[int | None] = mapped_column(BigInteger)
    approved_months: Mapped[int | None] = mapped_column(Integer)
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    decision_reason: Mapped[str] = mapped_column(Text, server_default="")
    decided_by: Mapped[str] = mapped_column(Text, server_default="")
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class ClaimOverride(Base):
    """A breach of the fund's policy that the deciders approved anyway, and why."""

    __tablename__ = "claim_overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    breach: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class ClaimPayout(Base):
    """One payment of a claim (its `installment`, 1 for a one-off claim), posted by `entry_id`."""

    __tablename__ = "claim_payouts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    installment: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class FundRefund(Base):
    """What a member got back at a year end: their share of the fund above its cap."""

    __tablename__ = "fund_refunds"
    __table_args__ = (
        UniqueConstraint("fund_id", "member_id", "year_end", name="uq_fund_refunds_member_year"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    year_end: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class PatronageMeasure(Base):
    """What patronage is counted in: hours worked, purchases, sales delivered..."""

    __tablename__ = "patronage_measures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(32))


class PatronagePool(Base):
    """A member class's share (`percent`, a decimal as text) of the members' surplus, counted
    in one measure; `class_id` None: every member. `min_quantity` in thousandths of the unit."""

    __tablename__ = "patronage_pools"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("member_classes.id"))
    measure_id: Mapped[int] = mapped_column(ForeignKey("patronage_measures.id"))
    percent: Mapped[str] = mapped_column(String(16))
    min_quantity: Mapped[int] = mapped_column(BigInteger, server_default="0")


class PatronageRecord(Base):
    """Patronage of a member on a day: `quantity` thousandths of the measure's unit."""

    __tablename__ = "patronage_records"
    __table_args__ = (Index("ix_patronage_records_record_date", "record_date", "measure_id",
                            "member_id", "quantity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    measure_id: Mapped[int] = mapped_column(ForeignKey("patronage_measures.id"))
    record_date: Mapped[dt.date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(Text, server_default="")


class Allocation(Base):
    """A posted patronage allocation of a fiscal year, with its terms (see coopdesk.patronage)."""

    __tablename__ = "allocations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_start: Mapped[dt.date] = mapped_column(Date, unique=True)
    year_end: Mapped[dt.date] = mapped_column(Date)
    surplus: Mapped[int] = mapped_column(BigInteger)
    surplus_source: Mapped[str] = mapped_column(String(16))
    non_member: Mapped[int] = mapped_column(BigInteger)
    reserve: Mapped[int] = mapped_column(BigInteger)
    reserve_percent: Mapped[str] = mapped_column(String(16))
    cash_percent: Mapped[str] = mapped_column(String(16))
    min_payout: Mapped[int] = mapped_column(BigInteger)
    pools: Mapped[str] = mapped_column(Text)  # the pools as they were, JSON
    posted_at: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class AllocationLine(Base):
    """One member's allocation of a year: `amount` = `cash` + `retained`."""

    __tablename__ = "allocation_lines"
    __table_args__ = (Index("ix_allocation_lines_allocation_id", "allocation_id", "member_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("allocations.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    pool: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    cash: Mapped[int] = mapped_column(BigInteger)
    retained: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class CapitalMovement(Base):
    """A change to a member's capital account, on `account` (a chart code), by allocation year
    where it has one; `amount` positive when the co-op owes the member more."""

    __tablename__ = "capital_movements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    allocation_id: Mapped[int | None] = mapped_column(ForeignKey("allocations.id"))
    account: Mapped[str] = mapped_column(String(8))
    amount: Mapped[int] = mapped_column(BigInteger)
    movement_date: Mapped[dt.date] = mapped_column(Date)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class CapitalSchedule(Base):
    """An installment of a former member's capital, due on a day; `movement_id` once paid."""

    __tablename__ = "capital_schedules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    due_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("capital_movements.id"))


class Meeting(Base):
    """A members' meeting: annual or special, its record date and its quorum and proxy rules.

    Quorum: `quorum_percent` (a decimal as text) of the eligible voters, `quorum_number`
    members, or both, the greater or the lesser of the two (`quorum_combine`)."""

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    record_date: Mapped[dt.date] = mapped_column(Date)
    quorum_percent: Mapped[str | None] = mapped_column(String(16))
    quorum_number: Mapped[int | None] = mapped_column(Integer)
    quorum_combine: Mapped[str] = mapped_column(String(8), server_default="greater")
    proxies_allowed: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    max_proxies: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, server_default="")


class Attendance(Base):
    """A member at a meeting: present (`proxy_holder_id` None) or represented by a proxy."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id", name="uq_attendance_meeting_member"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    proxy_holder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    recorded_at: Mapped[str] = mapped_column(String(32))


# The tables, for Core statements (bulk inserts, reports over many rows). `__table__` is typed
# as a FromClause; these are Tables.
journal_entries = cast(Table, JournalEntry.__table__)
postings = cast(Table, Posting.__table__)
accounts = cast(Table, Account.__table__)
members = cast(Table, Member.__table__)
funds = cast(Table, Fund.__table__)
period_closes = cast(Table, PeriodClose.__table__)
claims = cast(Table, Claim.__table__)
claim_payouts = cast(Table, ClaimPayout.__table__)
patronage_records = cast(Table, PatronageRecord.__table__)
allocation_lines = cast(Table, AllocationLine.__table__)
capital_movements = cast(Table, CapitalMovement.__table__)


class DuesPlan(Base):
    """A dues plan: how much, how often, on which periods (see coopdesk.dues.schedule)."""

    __tablename__ = "dues_plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    frequency: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(16))
    year_start_month: Mapped[int] = mapped_column(Integer)
    rollover_day: Mapped[int | None] = mapped_column(Integer)
    proration: Mapped[str] = mapped_column(String(16))


class PlanAssignment(Base):
    """A member on a plan from a date (to a date), at the plan's rate, a reduced one, or waived."""

    __tablename__ = "plan_assignments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("dues_plans.id"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    amount: Mapped[int | None] = mapped_column(BigInteger)
    waived: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)


class Charge(Base):
    """Dues charged to a member for one period of a plan, posted by entry `entry_id`."""

    __tablename__ = "charges"
    __table_args__ = (
        UniqueConstraint("member_id", "plan_id", "period_key", name="uq_charges_member_plan_period"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("dues_plans.id"))
    period_key: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    prorated: Mapped[bool] = mapped_column(Boolean)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class Payment(Base):
    """Money received for a member's dues (maybe from another member, the payer)."""

    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    payer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    pay_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(Text)
    memo: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class WriteOff(Base):
    """Part or all of a charge given up as uncollectable, with the reason."""

    __tablename__ = "write_offs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


charges = cast(Table, Charge.__table__)
