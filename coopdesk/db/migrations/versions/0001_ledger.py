"""The ledger: settings, members, funds, accounts, journal entries, postings, period closes.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from coopdesk.db.triggers import LEDGER_TRIGGERS

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(32), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.UniqueConstraint("number", name="uq_members_number"),
    )
    op.create_table(
        "funds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.UniqueConstraint("code", name="uq_funds_code"),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("accounts.id", name="fk_accounts_parent_id_accounts")),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("member_ledger", sa.Boolean(), nullable=False),
        sa.Column("fund_ledger", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("code", name="uq_accounts_code"),
        sa.CheckConstraint(
            "type IN ('asset', 'liability', 'equity', 'income', 'expense')", name="ck_accounts_type"
        ),
    )
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("source_ref", sa.Text()),
        sa.Column(
            "reverses_id",
            sa.Integer(),
            sa.ForeignKey("journal_entries.id", name="fk_journal_entries_reverses_id_journal_entries"),
        ),
        sa.Column("posted_at", sa.String(32), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("reverses_id", name="uq_journal_entries_reverses_id"),
        sa.UniqueConstraint("hash", name="uq_journal_entries_hash"),
    )
    op.create_index("ix_journal_entries_entry_date", "journal_entries", ["entry_date"])
    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("journal_entries.id", name="fk_postings_entry_id_journal_entries"),
            nullable=False,
        ),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("accounts.id", name="fk_postings_account_id_accounts"),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", name="fk_postings_member_id_members")),
        sa.Column("fund_id", sa.Integer(), sa.ForeignKey("funds.id", name="fk_postings_fund_id_funds")),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.UniqueConstraint("entry_id", "line_no", name="uq_postings_entry_line"),
    )
    op.create_table(
        "period_closes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("through_date", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.String(32), nullable=False),
    )
    if op.get_context().dialect.name == "sqlite":
        for sql in LEDGER_TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
