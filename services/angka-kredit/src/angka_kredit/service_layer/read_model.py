"""angka-kredit's read model of identity: instansi (name, kode, ``angka_kredit_periodik``),
unor (names and kode for documents and numbers), pegawai, and every pegawai snapshot per
``revisi`` (the history that splits a year where the jenjang or golongan changed). Order-
tolerant by ``revisi``; deletions are tombstones.

A pegawai change recomputes the AK rows of the pegawai who have a predikat or an AK row here (a
corrected jenjang or TMT moves the months; unsigned rows follow, signed ones are superseded)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kinerja_shared.db.readmodel import apply_snapshots, snapshot_handler, tombstone_handler
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import (
    angka_kredit, instansi_ref, pegawai_ref, pegawai_revisi, predikat_ref, unor_ref,
)
from .hitung import hitung_ulang

instansi_diperbarui = snapshot_handler(instansi_ref)
unor_diperbarui = snapshot_handler(unor_ref)
unor_dihapus = tombstone_handler(unor_ref, nama="")
pegawai_dihapus = tombstone_handler(pegawai_ref, nama="")

_REVISI = [c.name for c in pegawai_revisi.c if c.name != "pegawai_id"]


@batch_handler
def pegawai_diperbarui(events, uow) -> None:
    s = uow.session
    payloads = [payload for payload, _ in events]
    apply_snapshots(s, pegawai_ref, payloads)
    rows = {(p.id, p.revisi): {"pegawai_id": p.id, **{c: getattr(p, c) for c in _REVISI}}
            for p in payloads}
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(pegawai_revisi).on_conflict_do_nothing(), list(rows.values()))
    ids = sorted({p.id for p in payloads})
    dinilai = set(s.execute(select(predikat_ref.c.pegawai_id).where(
        predikat_ref.c.pegawai_id.in_(ids)).union(select(angka_kredit.c.pegawai_id).where(
            angka_kredit.c.pegawai_id.in_(ids), angka_kredit.c.aktif.is_(True)))).scalars())
    if dinilai:
        hitung_ulang(uow, dinilai, alasan="Data jabatan/pangkat pegawai diperbarui")
