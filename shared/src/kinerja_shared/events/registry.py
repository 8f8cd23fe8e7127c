"""Registry of payload classes by ``event_type``."""
from __future__ import annotations

from .envelope import EventPayload

_REGISTRY: dict[str, type[EventPayload]] = {}


class UnknownEventType(LookupError):
    pass


def register(cls: type[EventPayload]) -> type[EventPayload]:
    """Class decorator: make a payload known by its ``event_type`` (unique across the suite)."""
    existing = _REGISTRY.get(cls.event_type)
    if existing is not None and existing is not cls:
        raise ValueError(f"event_type {cls.event_type!r} registered twice")
    _REGISTRY[cls.event_type] = cls
    return cls


def payload_class(event_type: str) -> type[EventPayload]:
    _load_contracts()
    try:
        return _REGISTRY[event_type]
    except KeyError:
        raise UnknownEventType(event_type) from None


def all_event_types() -> dict[str, type[EventPayload]]:
    _load_contracts()
    return dict(_REGISTRY)


_loaded = False


def _load_contracts() -> None:
    global _loaded
    if not _loaded:  # an import statement per lookup costs a consumer microseconds per event
        from . import contracts  # noqa: F401  (importing registers every contract)

        _loaded = True
