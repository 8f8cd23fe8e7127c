"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each event from this service's rows, e.g.

    def keberatan_diputuskan(row: Mapping[str, Any]) -> KeberatanDiputuskan:
        return KeberatanDiputuskan(keberatan_id=row["id"], ...)

(docs/ARCHITECTURE.md, "Events"). What it consumes is in ``handlers.py``.
"""
from __future__ import annotations

from kinerja_shared.events import EventPayload

PUBLISHES: tuple[type[EventPayload], ...] = ()
