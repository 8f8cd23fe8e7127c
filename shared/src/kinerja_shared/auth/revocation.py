"""Revoked sessions: per pegawai, every token issued before a cutoff is refused.

identity records a cutoff whenever a password is changed or reset, a pegawai is deactivated
or deleted, or someone logs a pegawai out everywhere, and publishes ``SesiDicabut``. Every
service keeps the same rows in its own ``sesi_dicabut`` table (created by
``db.migrations.create_sesi_dicabut_table_v1``; the runtime subscribes each service's
dispatcher to the event through ``platform_handlers``), and ``login_required`` refuses a token
whose ``iat`` is before the pegawai's cutoff (``RevocationList``), with 401.

The same-second rule. ``iat`` is whole seconds, so a cutoff "now" cannot tell a token issued
earlier in this second from one issued later in it. The cutoff is therefore the first whole
second after the moment of revocation (``cutoff_after``), and a token is refused when
``iat < cutoff``: every token issued before the revocation is refused, whichever second it fell
in. A token signed in the rest of that second would be refused too, so identity's login waits
for the cutoff before signing (under a second, only right after a revocation). Tokens are never
dated ahead of the clock, so every token issued so far has ``iat`` at most the current second,
and the next revocation's cutoff is above all of them, even in the same second. Both numbers
come from identity's clock: no verifier compares them with its own.

One session. A token identity issued for a login session carries ``sid`` (the session, i.e. its
refresh-token family); "log out" (identity's ``POST /auth/keluar``) revokes that session alone:
``SesiDicabut`` then carries ``sesi_id`` and every service keeps the cutoff under the key
``sesi:<sesi_id>`` (``session_key``) in the same table. A token is refused when its pegawai's
cutoff or its session's cutoff is after its ``iat``.

Cost: one primary-key lookup per authenticated request (two for a token with ``sid``).
``RevocationList`` keeps each answer for ``cache_seconds`` (``CACHE_SECONDS`` by default, 0 at
identity itself): a revocation takes effect in a service within event delivery plus that
window.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..db.engine import naming_metadata
from ..db.readmodel import upsert_snapshots
from ..db.times import as_utc
from ..messaging.dispatcher import batch_handler
from .principal import Principal

log = logging.getLogger("kinerja.auth")

SESI_DICABUT = "sesi_dicabut"
EVENT_TYPE = "SesiDicabut"
CACHE_SECONDS = 5.0  # how long a service may answer from memory (not identity: see identity)
CACHE_MAX_ENTRIES = 10_000

metadata = naming_metadata()
# The same table create_sesi_dicabut_table_v1 creates in every service's database.
sesi_dicabut = sa.Table(
    SESI_DICABUT, metadata,
    sa.Column("pegawai_id", sa.String(100), primary_key=True),
    # tokens of the pegawai with iat (whole seconds, UTC) before this are refused
    sa.Column("dicabut_sebelum", sa.DateTime(timezone=True), nullable=False),
    sa.Column("alasan", sa.String(50), nullable=True),
)


def cutoff_after(moment: datetime) -> datetime:
    """The cutoff for a revocation at ``moment``: the first whole second after it (UTC)."""
    moment = as_utc(moment)
    return moment.replace(microsecond=0) + timedelta(seconds=1)


def epoch_seconds(value: datetime) -> int:
    return int(as_utc(value).timestamp())


def _whole_second(cutoff: datetime) -> datetime:
    """identity sends whole seconds; a fraction is rounded up (refusing more, never less)."""
    return cutoff_after(cutoff) if cutoff.microsecond else as_utc(cutoff)


def record(session: Session, revocations: Iterable[tuple[str, datetime, str | None]]) -> set[str]:
    """Keep ``(pegawai_id, dicabut_sebelum, alasan)`` rows with one statement: a pegawai's
    cutoff only ever moves forward (an older or repeated one changes nothing). Returns the
    pegawai whose row was written."""
    rows = [{"pegawai_id": pegawai_id, "dicabut_sebelum": _whole_second(cutoff),
             "alasan": alasan} for pegawai_id, cutoff, alasan in revocations]
    return upsert_snapshots(session, sesi_dicabut, rows, key="pegawai_id",
                            version="dicabut_sebelum")


SESSION_PREFIX = "sesi:"


def session_key(sesi_id: str) -> str:
    """The ``sesi_dicabut`` key of one login session (pegawai ids never start with it)."""
    return f"{SESSION_PREFIX}{sesi_id}"


def revocation_key(payload: Any) -> str:
    """Whose cutoff a ``SesiDicabut`` moves: the session's when it names one, else the
    pegawai's."""
    sesi_id = getattr(payload, "sesi_id", None)
    return session_key(sesi_id) if sesi_id else payload.pegawai_id


def cutoff_of(connection: sa.Connection | Session, pegawai_id: str) -> datetime | None:
    """The pegawai's cutoff (UTC), or None when none of their sessions was ever revoked."""
    value = connection.execute(sa.select(sesi_dicabut.c.dicabut_sebelum)
                               .where(sesi_dicabut.c.pegawai_id == pegawai_id)).scalar()
    return None if value is None else as_utc(value)


@batch_handler
def sesi_dicabut_diterima(items: Sequence[tuple[Any, Any]], uow) -> None:
    """SesiDicabut, set-wise: one upsert for a run of events; the latest cutoff wins."""
    record(uow.session, [(revocation_key(p), p.dicabut_sebelum, p.alasan) for p, _ in items])


def platform_handlers(service: str) -> Mapping[str, Callable]:
    """Handlers the runtime adds to every service's subscription list. identity is left out:
    it records its revocations in the transaction that causes them."""
    from ..events import payload_class

    if payload_class(EVENT_TYPE).producer == service:
        return {}
    return {EVENT_TYPE: sesi_dicabut_diterima}


class RevocationList:
    """Answers "is this token revoked?" from a service's ``sesi_dicabut`` table, with each
    pegawai's answer kept in memory for ``cache_seconds`` (0: ask the database every time)."""

    def __init__(self, engine: Engine, *, cache_seconds: float = CACHE_SECONDS,
                 max_entries: int = CACHE_MAX_ENTRIES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.cache_seconds = cache_seconds
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, int | None]] = {}
        self._generation = 0  # bumped by forget(): a lookup begun before must not be cached
        self.lookups = 0  # database reads, for tests and metrics

    def cutoff(self, pegawai_id: str) -> int | None:
        """The pegawai's cutoff in epoch seconds, or None."""
        if self.cache_seconds > 0:
            with self._lock:
                hit = self._cache.get(pegawai_id)
                generation = self._generation
            if hit is not None and self._clock() - hit[0] < self.cache_seconds:
                return hit[1]
        fetched_at = self._clock()
        with self.engine.connect() as conn:
            value = cutoff_of(conn, pegawai_id)
        self.lookups += 1
        seconds = None if value is None else epoch_seconds(value)
        if self.cache_seconds > 0:
            with self._lock:
                if self._generation == generation:
                    if len(self._cache) >= self.max_entries:
                        self._cache.clear()
                    self._cache[pegawai_id] = (fetched_at, seconds)
        return seconds

    def is_revoked(self, principal: Principal) -> bool:
        keys = [principal.pegawai_id]
        if principal.session_id:
            keys.append(session_key(principal.session_id))
        for key in keys:
            cutoff = self.cutoff(key)
            if cutoff is not None and (principal.issued_at is None
                                       or principal.issued_at < cutoff):
                return True
        return False

    def forget(self, pegawai_id: str | None = None) -> None:
        """Drop the remembered answer of one pegawai (or of all)."""
        with self._lock:
            self._generation += 1
            if pegawai_id is None:
                self._cache.clear()
            else:
                self._cache.pop(pegawai_id, None)


def revocations_of(runtime: Any) -> RevocationList:
    """The runtime's revocation list (built once and kept on the runtime)."""
    found = getattr(runtime, "_kinerja_revocations", None)
    if found is None:
        found = RevocationList(runtime.engine)
        runtime._kinerja_revocations = found
    return found
