"""The `coopdesk` command line: the same services as the app, for scripts, batch jobs and tests."""
