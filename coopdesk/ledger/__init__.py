"""The double-entry ledger: accounts, journal entries, periods, trial balance, audit chain."""
