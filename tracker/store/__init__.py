"""Storage: SQLite through SQLAlchemy 2, handing out domain objects."""
