"""Shared risk funds: their rules, the classes that take part, claims, payouts and refunds.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

`funds` existed since the ledger (postings name a fund); its rules are added as columns (no
table rebuild: postings reference it). A fund keeps its money on an account of its own, and a
fund whose members contribute a fixed monthly amount charges it through a dues plan of its own,
so that the dues run, payments, arrears and statements treat contributions as they treat dues.
Payouts and refunds record the entries that posted them and, like those, are never changed;
a claim's status and decision change as it moves through its workflow, and each override of
the fund's policy is kept with its reason.
"""

import sqlalchemy as sa
from alembic import op

from coopdesk.db.triggers import FUND_TRIGGERS

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(column: str, target: str, table: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}"),
                     nullable=nullable)


def upgrade() -> None:
    _add_reference("account_id", "accounts")
    _add_reference("plan_id", "dues_plans")
    columns = (
        sa.Column("contribution_kind", sa.String(16), nullable=False, server_default="fixed"),
        sa.Column("contribution", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("share_percent", sa.String(16), nullable=False, server_default="0"),
        sa.Column("start_date", sa.Date()),
        sa.Column("waiting_months", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("max_per_claim", sa.BigInteger()),
        sa.Column("max_per_member_year", sa.BigInteger()),
        sa.Column("max_months", sa.Integer()),
        sa.Column("floor", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("balance_cap_months", sa.Integer()),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
    )
    for column in columns:
        op.add_column("funds", column)
    op.create_table(
        "fund_classes",
        _fk("fund_id", "funds", "fund_classes"),
        _fk("class_id", "member_classes", "fund_classes"),
        sa.PrimaryKeyConstraint("fund_id", "class_id", name="pk_fund_classes"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("fund_id", "funds", "claims"),
        _fk("member_id", "members", "claims"),
        sa.Column("submitted_date", sa.Date(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("approved_amount", sa.BigInteger()),
        sa.Column("approved_months", sa.Integer()),
        sa.Column("decision_date", sa.Date()),
        sa.Column("decision_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("decided_by", sa.Text(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_index("ix_claims_fund_id", "claims", ["fund_id", "member_id"])
    op.create_table(
        "claim_overrides",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("claim_id", "claims", "claim_overrides"),
        sa.Column("rule", sa.String(32), nullable=False),
        sa.Column("breach", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_claim_overrides_claim_id", "claim_overrides", ["claim_id"])
    op.create_table(
        "claim_payouts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("claim_id", "claims", "claim_payouts"),
        sa.Column("installment", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        _fk("entry_id", "journal_entries", "claim_payouts"),
    )
    op.create_index("ix_claim_payouts_claim_id", "claim_payouts", ["claim_id"])
    op.create_table(
        "fund_refunds",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("fund_id", "funds", "fund_refunds"),
        _fk("member_id", "members", "fund_refunds"),
        sa.Column("year_end", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        _fk("entry_id", "journal_entries", "fund_refunds"),
        sa.UniqueConstraint("fund_id", "member_id", "year_end", name="uq_fund_refunds_member_year"),
    )
    if op.get_context().dialect.name == "sqlite":
        for sql in FUND_TRIGGERS.values():
            op.execute(sql)


def _add_reference(column: str, target: str) -> None:
    """Add a nullable foreign-key column to funds without rebuilding the table."""
    constraint = f"fk_funds_{column}_{target}"
    if op.get_context().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE funds ADD COLUMN {column} INTEGER "
                   f"CONSTRAINT {constraint} REFERENCES {target} (id)")
    else:
        op.add_column("funds", sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=constraint)))


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
