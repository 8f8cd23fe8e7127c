"""Event contracts: the envelope, payload models per producing service, a registry."""
from .envelope import EventEnvelope, EventPayload, utcnow
from .registry import UnknownEventType, all_event_types, payload_class, register

__all__ = [
    "EventEnvelope",
    "EventPayload",
    "UnknownEventType",
    "all_event_types",
    "payload_class",
    "register",
    "utcnow",
]
