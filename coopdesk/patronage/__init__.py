"""Patronage dividends and member capital accounts.

Patronage (`measures`, `records`): what each member did with the co-op, counted in measures
(hours, purchases...), and the pools that give member classes their share of the surplus
(`measures`). The year's allocation (`allocation` pure, `run` reads the book and posts it) takes
the surplus, sets aside what non-members earned and the reserve, splits the rest into the
pools and each pool between its eligible members by patronage, each member's part into cash
and retained. Capital accounts (`capital`): shares paid in, patronage retained by year,
redemptions oldest year first (`redemption`), and what a member who leaves is paid back on a
schedule. Reports (`queries`), the check's tie-out (`audit`).
"""
