"""coopdesk's desktop front end (PySide6), over the Qt-free `coopdesk` core.

Widgets talk to the book only through `BookHost` (which wraps `coopdesk.book.Book`), show rows
the core's queries return through one table model per table, and ask the user things only
through `Dialogs`, so most behaviour is testable headless. `app.run_app` is the entry point
that `coopdesk` (no command) and `coopdesk gui` call.
"""
