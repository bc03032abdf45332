"""Patronage and member capital: measures, records, pools, allocations, capital movements.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

A measure is what patronage is counted in (hours, purchases...); a pool gives a member class
(or every member) a share of the members' surplus, counted in one measure. Records are the
patronage itself; quantities are kept in thousandths of the unit (integers, like money). An
allocation is a posted year: its terms, its pools as they were, and each member's allocation
with its cash and retained parts. Capital movements are each member's capital account, by
allocation year: shares paid in, patronage retained, redeemed, made payable on leaving and
paid out. Allocations, their lines and capital movements record posted entries and, like them,
are never changed.
"""

import sqlalchemy as sa
from alembic import op

from coopdesk.db.triggers import PATRONAGE_TRIGGERS

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _fk(column: str, target: str, table: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}"),
                     nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "patronage_measures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.UniqueConstraint("code", name="uq_patronage_measures_code"),
    )
    op.create_table(
        "patronage_pools",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("class_id", "member_classes", "patronage_pools", nullable=True),
        _fk("measure_id", "patronage_measures", "patronage_pools"),
        sa.Column("percent", sa.String(16), nullable=False),
        sa.Column("min_quantity", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.create_table(
        "patronage_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("member_id", "members", "patronage_records"),
        _fk("measure_id", "patronage_measures", "patronage_records"),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_patronage_records_record_date", "patronage_records",
                    ["record_date", "measure_id", "member_id", "quantity"])
    op.create_table(
        "allocations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year_start", sa.Date(), nullable=False),
        sa.Column("year_end", sa.Date(), nullable=False),
        sa.Column("surplus", sa.BigInteger(), nullable=False),
        sa.Column("surplus_source", sa.String(16), nullable=False),
        sa.Column("non_member", sa.BigInteger(), nullable=False),
        sa.Column("reserve", sa.BigInteger(), nullable=False),
        sa.Column("reserve_percent", sa.String(16), nullable=False),
        sa.Column("cash_percent", sa.String(16), nullable=False),
        sa.Column("min_payout", sa.BigInteger(), nullable=False),
        sa.Column("pools", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.String(32), nullable=False),
        _fk("entry_id", "journal_entries", "allocations"),
        sa.UniqueConstraint("year_start", name="uq_allocations_year_start"),
    )
    op.create_table(
        "allocation_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("allocation_id", "allocations", "allocation_lines"),
        _fk("member_id", "members", "allocation_lines"),
        sa.Column("pool", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("cash", sa.BigInteger(), nullable=False),
        sa.Column("retained", sa.BigInteger(), nullable=False),
        _fk("entry_id", "journal_entries", "allocation_lines"),
    )
    op.create_index("ix_allocation_lines_allocation_id", "allocation_lines", ["allocation_id", "member_id"])
    op.create_table(
        "capital_movements",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("member_id", "members", "capital_movements"),
        sa.Column("kind", sa.String(16), nullable=False),
        _fk("allocation_id", "allocations", "capital_movements", nullable=True),
        sa.Column("account", sa.String(8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("movement_date", sa.Date(), nullable=False),
        _fk("entry_id", "journal_entries", "capital_movements"),
    )
    op.create_index("ix_capital_movements_member_id", "capital_movements", ["member_id"])
    op.create_table(
        "capital_schedules",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("member_id", "members", "capital_schedules"),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        _fk("movement_id", "capital_movements", "capital_schedules", nullable=True),
    )
    if op.get_context().dialect.name == "sqlite":
        for sql in PATRONAGE_TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
