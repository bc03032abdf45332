"""Membership dues: plans, per-member schedules of due periods, and billing runs."""
