"""The member register: classes, the member's full record, its change history.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

Columns are added with ALTER TABLE ADD COLUMN (no table rebuild: `members` is referenced by
postings, and rebuilding a referenced table under foreign_keys=ON is a trap). Default classes
are inserted for every book; a treasurer renames or adds to them in the settings.
"""

import sqlalchemy as sa
from alembic import op

from coopdesk.db.triggers import MEMBER_TRIGGERS

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DEFAULT_CLASSES = (
    ("worker", "Worker", True, 1),
    ("consumer", "Consumer", True, 2),
    ("producer", "Producer", True, 3),
    ("supporter", "Supporter", False, 4),
)


def upgrade() -> None:
    classes = op.create_table(
        "member_classes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("votes", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("code", name="uq_member_classes_code"),
    )
    op.bulk_insert(classes, [
        {"code": code, "name": name, "votes": votes, "position": position}
        for code, name, votes, position in DEFAULT_CLASSES
    ])
    text_columns = ("sort_name", "address_lines", "postal_code", "city", "region", "country",
                    "email", "phone", "notes")
    for name in text_columns:
        op.add_column("members", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.add_column("members", sa.Column("kind", sa.String(16), nullable=False, server_default="person"))
    _add_reference("class_id", "member_classes", "fk_members_class_id_member_classes")
    op.add_column("members", sa.Column("join_date", sa.Date()))
    op.add_column("members", sa.Column("leave_date", sa.Date()))
    op.add_column("members", sa.Column("leave_reason", sa.String(16)))
    op.add_column("members", sa.Column("language", sa.String(16)))
    _add_reference("payer_id", "members", "fk_members_payer_id_members")
    op.add_column("members", sa.Column("status_override", sa.String(16)))
    op.add_column("members", sa.Column("status_override_reason", sa.Text()))
    op.add_column("members", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_index("ix_members_sort_name", "members", ["sort_name"])
    op.create_table(
        "member_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("member_id", sa.Integer(),
                  sa.ForeignKey("members.id", name="fk_member_changes_member_id_members"), nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("before", sa.Text()),
        sa.Column("after", sa.Text()),
    )
    op.create_index("ix_member_changes_member_id", "member_changes", ["member_id"])
    if op.get_context().dialect.name == "sqlite":
        for sql in MEMBER_TRIGGERS.values():
            op.execute(sql)


def _add_reference(column: str, target: str, constraint: str) -> None:
    """Add a nullable foreign-key column to members without rebuilding the table."""
    if op.get_context().dialect.name == "sqlite":
        # Alembic would rebuild the table to add the constraint; SQLite can add such a column
        # (nullable, no default) in place.
        op.execute(f"ALTER TABLE members ADD COLUMN {column} INTEGER "
                   f"CONSTRAINT {constraint} REFERENCES {target} (id)")
    else:
        op.add_column("members", sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=constraint)))


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
