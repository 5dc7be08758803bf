"""Plain dataclasses and pure rules. Imports neither textual nor sqlalchemy."""
