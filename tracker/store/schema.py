"""The ORM schema. Only the store sees these classes; everyone else gets domain objects."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC; hands them back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


# 64-bit ids on both backends (see migration 0001).
ID = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    provider: Mapped[str] = mapped_column(Text)
    service: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(16))
    playbook: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))
    requested_on: Mapped[date] = mapped_column(Date)
    ticket: Mapped[str] = mapped_column(Text, default="")
    promised_by: Mapped[date] = mapped_column(Date)
    next_follow_up: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text, default="")
    fee_amount: Mapped[str | None] = mapped_column(String(40))
    fee_currency: Mapped[str] = mapped_column(String(8), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Since 0002: the trash, and check counters so lists need not read every check.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checks_total: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    checks_passed: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    checks_failed: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Since 0004: a chosen date (scheduled baja, suspension) and a suspension's end; and
    # the deadline dates lists flag and sort by (tracker.domain.deadlines.refresh).
    effective_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    answer_due: Mapped[date | None] = mapped_column(Date)
    user_due: Mapped[date | None] = mapped_column(Date)
    user_alert_on: Mapped[date | None] = mapped_column(Date)

    checks: Mapped[list[CheckRow]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CheckRow.position"
    )
    timeline: Mapped[list[EntryRow]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="EntryRow.id"
    )

    __table_args__ = (
        # Serves the due query: live cases by follow-up date.
        Index(
            "ix_cases_due",
            "next_follow_up",
            sqlite_where=text("deleted_at IS NULL AND next_follow_up IS NOT NULL"),
        ),
        Index("ix_cases_deleted_at", "deleted_at"),
        # Serves the list of the user's own deadlines.
        Index("ix_cases_user_due", "user_due", sqlite_where=text("user_due IS NOT NULL")),
    )


class CheckRow(Base):
    __tablename__ = "checks"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    case_id: Mapped[int] = mapped_column(ID, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(16))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # since 0005

    case: Mapped[CaseRow] = relationship(back_populates="checks")


class EntryRow(Base):
    __tablename__ = "timeline"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    case_id: Mapped[int] = mapped_column(ID, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(16))
    ticket: Mapped[str] = mapped_column(Text, default="")
    agent: Mapped[str] = mapped_column(Text, default="")
    next_follow_up: Mapped[date | None] = mapped_column(Date)
    status_from: Mapped[str | None] = mapped_column(String(16))
    status_to: Mapped[str | None] = mapped_column(String(16))
    # Since 0003: what the program recorded, as a fact worded when shown (see
    # tracker.domain.events); params is a JSON object of text values.
    event: Mapped[str] = mapped_column(String(40), default="", server_default="")
    params: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    # Since 0005: the entry's own identity (tracker.domain.model.new_uid), as for the other children.
    uid: Mapped[str] = mapped_column(String(32), server_default="")

    case: Mapped[CaseRow] = relationship(back_populates="timeline")


# -- since 0004: the Peruvian path ---------------------------------------------------
# Children of a case, like checks: written whole with their case, read with it.


class StageRow(Base):
    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    case_id: Mapped[int] = mapped_column(ID, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    filed_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str | None] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(16))
    answer_code: Mapped[str] = mapped_column(Text, default="")
    answer_note: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str] = mapped_column(String(32), server_default="")


class ChargeRow(Base):
    __tablename__ = "charges"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    case_id: Mapped[int] = mapped_column(ID, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    amount: Mapped[str] = mapped_column(String(40))
    currency: Mapped[str] = mapped_column(String(8))
    charged_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    owed: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str] = mapped_column(String(32), server_default="")


class AttachmentRow(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    case_id: Mapped[int] = mapped_column(ID, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(ID)  # bytes: a file can pass 2 GiB
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str] = mapped_column(String(32), server_default="")
