"""Storage: table definitions, the SQLite engine with its safety pragmas, and migrations."""
