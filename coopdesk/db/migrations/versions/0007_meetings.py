"""Meetings: the annual (or a special) meeting, its quorum and proxy rules, and who attended.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

A meeting's eligibility is derived (from the register and the dues, on its record date), not
stored: the list is the same whenever it is printed. Attendance is recorded at the door, one
row per member: present, or represented by another member's proxy; a mistake at the door is
corrected by removing the row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("quorum_percent", sa.String(16)),
        sa.Column("quorum_number", sa.Integer()),
        sa.Column("quorum_combine", sa.String(8), nullable=False, server_default="greater"),
        sa.Column("proxies_allowed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("max_proxies", sa.Integer()),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(),
                  sa.ForeignKey("meetings.id", name="fk_attendance_meeting_id_meetings"), nullable=False),
        sa.Column("member_id", sa.Integer(),
                  sa.ForeignKey("members.id", name="fk_attendance_member_id_members"), nullable=False),
        sa.Column("proxy_holder_id", sa.Integer(),
                  sa.ForeignKey("members.id", name="fk_attendance_proxy_holder_id_members")),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("meeting_id", "member_id", name="uq_attendance_meeting_member"),
    )


def downgrade() -> None:
    raise NotImplementedError("coopdesk books are never downgraded; restore the backup instead")
