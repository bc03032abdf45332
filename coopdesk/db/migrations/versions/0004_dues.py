"""Dues: plans, their assignment to members, charges, payments and write-offs.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

Charges, payments and write-offs each record the journal entry that posted them; like the
entries, they are never updated or deleted (a payment is undone by reversing its entry). The
unique (member, plan, period) key of a charge is what makes a dues run safe to repeat; a
payment's optional import fingerprint is what makes a bank import safe to repeat.
"""

import sqlalchemy as sa
from alembic import op

from coopdesk.db.triggers import DUES_TRIGGERS

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _fk(column: str, target: str, table: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}"),
                     nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "dues_plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("year_start_month", sa.Integer(), nullable=False),
        sa.Column("rollover_day", sa.Integer()),
        sa.Column("proration", sa.String(16), nullable=False),
        sa.UniqueConstraint("name", name="uq_dues_plans_name"),
    )
    op.create_table(
        "plan_assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("member_id", "members", "plan_assignments"),
        _fk("plan_id", "dues_plans", "plan_assignments"),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("amount", sa.BigInteger()),
        sa.Column("waived", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_plan_assignments_member_id", "plan_assignments", ["member_id"])
    op.create_table(
        "charges",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("member_id", "members", "charges"),
        _fk("plan_id", "dues_plans", "charges"),
        sa.Column("period_key", sa.String(32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("prorated", sa.Boolean(), nullable=False),
        _fk("entry_id", "journal_entries", "charges"),
        sa.UniqueConstraint("member_id", "plan_id", "period_key", name="uq_charges_member_plan_period"),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("member_id", "members", "payments"),
        _fk("payer_id", "members", "payments", nullable=True),
        sa.Column("pay_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64)),
        _fk("entry_id", "journal_entries", "payments"),
        sa.UniqueConstraint("fingerprint", name="uq_payments_fingerprint"),
    )
    op.create_index("ix_payments_member_id", "payments", ["member_id"])
    op.create_table(
        "write_offs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("charge_id", "charges", "write_offs"),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk("entry_id", "journal_entries", "write_offs"),
    )
    op.create_index("ix_write_offs_charge_id", "write_offs", ["charge_id"])
    if op.get_context().dialect.name == "sqlite":
        for sql in DUES_TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
