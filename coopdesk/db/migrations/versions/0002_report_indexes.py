"""Indexes for the reports: account registers, the trial balance and member balances.

Measured with bench/ledger_bench.py (300,000 entries, 5,000 members; docs/performance.md).
Without them every report scans all postings and sorts or groups them in a temporary b-tree.

- ix_postings_account_id (account_id, entry_id, line_no, amount, member_id): covers an account's
  register (find the account's postings, join their entries, order them) and the trial balance
  (sum of amount per account read from the index, already grouped). Keeping entry_id right
  after account_id keeps a register's postings in posting order, so the entries it joins are
  read in file order; an index on (account_id, amount) alone made the register slower.
- ix_postings_member_id (member_id, account_id, amount) WHERE member_id IS NOT NULL: every
  member's balances read from the index, already grouped; partial, since most postings (bank,
  income, expense lines) name no member and need no entry in it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_postings_account_id",
        "postings",
        ["account_id", "entry_id", "line_no", "amount", "member_id"],
    )
    op.create_index(
        "ix_postings_member_id",
        "postings",
        ["member_id", "account_id", "amount"],
        sqlite_where=sa.text("member_id IS NOT NULL"),
        postgresql_where=sa.text("member_id IS NOT NULL"),
    )


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
