"""Where the runner's data lives: SQLite by default, PostgreSQL for multi-user deployments.

The domain never sees a row: repositories map rows to domain values and back.
"""
