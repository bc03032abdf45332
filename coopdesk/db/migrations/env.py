"""Alembic environment for coopdesk books.

Migrations always run on a connection handed in by `coopdesk.db.migrate`, inside the caller's
transaction (BEGIN IMMEDIATE), so a migration that fails midway rolls back whole.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
