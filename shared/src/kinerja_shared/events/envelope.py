"""The one envelope every domain event travels in, and the payload base class."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field


def _registry():
    """The registry module (it imports this one; a function-level import on every call cost
    a consumer ~6 us per event in import machinery)."""
    global _registry_module
    if _registry_module is None:
        from . import registry

        _registry_module = registry
    return _registry_module


_registry_module = None


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class EventPayload(BaseModel):
    """Base of every payload. Subclasses set the class variables below.

    Unknown fields are ignored on read so that a producer may add fields (an additive change)
    without breaking older consumers; a breaking change bumps ``version``.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    event_type: ClassVar[str]
    producer: ClassVar[str]
    version: ClassVar[int] = 1


class EventEnvelope(BaseModel):
    """Wire format of an event (JSON). ``payload`` is the raw dict; use ``typed_payload()``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    event_type: str
    version: int = 1
    occurred_at: datetime = Field(default_factory=utcnow)
    producer: str
    aggregate_id: str
    instansi_id: str | None = None
    correlation_id: str | None = None
    payload: dict[str, Any]

    @property
    def routing_key(self) -> str:
        return f"{self.producer}.{self.event_type}"

    @classmethod
    def wrap(
        cls,
        payload: EventPayload,
        *,
        aggregate_id: str,
        instansi_id: str | None = None,
        correlation_id: str | None = None,
        occurred_at: datetime | None = None,
    ) -> "EventEnvelope":
        return cls(
            event_type=payload.event_type,
            version=payload.version,
            producer=payload.producer,
            aggregate_id=str(aggregate_id),
            instansi_id=None if instansi_id is None else str(instansi_id),
            correlation_id=correlation_id,
            occurred_at=occurred_at or utcnow(),
            payload=payload.model_dump(mode="json"),
        )

    def typed_payload(self) -> EventPayload:
        return _registry().payload_class(self.event_type).model_validate(self.payload)

    def to_json(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, body: bytes | str) -> "EventEnvelope":
        return cls.model_validate_json(body)
