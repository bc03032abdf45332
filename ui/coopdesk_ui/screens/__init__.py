"""Screens: one widget per thing the treasurer looks at, each fed by the window's `BookHost`."""
