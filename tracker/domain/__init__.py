"""Plain records (tracker.records) and pure rules. Imports neither textual nor sqlalchemy."""
