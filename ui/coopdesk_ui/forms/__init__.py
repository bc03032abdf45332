"""Dialogs that take what the user types and write it through the core services."""
