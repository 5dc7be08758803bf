"""The PostgreSQL backend (work in progress)."""

from __future__ import annotations

from datetime import datetime

from tracker.domain.errors import InvalidInput
from tracker.store.base import Store
from tracker.store.location import Target


def open_postgres(target: Target, *, create: bool, now: datetime) -> tuple[Store, str | None]:
    raise InvalidInput(f"{target.shown}: PostgreSQL is not supported yet")


def check_server(target: Target) -> tuple[list[str], list[str]]:
    raise InvalidInput(f"{target.shown}: PostgreSQL is not supported yet")
