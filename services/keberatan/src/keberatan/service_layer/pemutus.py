"""Who decides a keberatan (DOMAIN.md §6): the atasan pejabat penilai of the predikat, as
penilaian resolved him on the day it was set (PLT/PLH included: the predikat event's
snapshot). A pegawai without one (the head of a mandiri unor, the top of the tree) gets the
instansi's configured pemutus (``pemutus_keberatan_pegawai_id``), as long as that is an active
pegawai of the instansi; one who is not (deactivated, retired, moved, deleted, of another
instansi) counts as unset. The configured pemutus follows the settings: when they change, the
open keberatan waiting on the configured pemutus move to the new one (history
``PEMUTUS_BERUBAH``)."""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..adapters.tables import keberatan, pegawai_ref
from ..domain import aturan
from . import muat, publikasi
from .riwayat import catat

ATASAN_PEJABAT_PENILAI, PENGATURAN = "ATASAN_PEJABAT_PENILAI", "PENGATURAN"
STATUS_BERAKHIR = ("PENSIUN", "PINDAH", "BERHENTI", "MENINGGAL")


def dikonfigurasi(s: Session, instansi_id: str) -> dict[str, Any] | None:
    """The instansi's configured pemutus, if an active pegawai of it."""
    pid = muat.pengaturan(s, instansi_id).pemutus_pegawai_id
    if pid is None:
        return None
    row = s.execute(select(pegawai_ref).where(
        pegawai_ref.c.id == pid, pegawai_ref.c.instansi_id == instansi_id,
        pegawai_ref.c.aktif.is_(True), pegawai_ref.c.dihapus.is_(False),
        pegawai_ref.c.status_kepegawaian.notin_(STATUS_BERAKHIR))).mappings().first()
    return {k: row[k] for k in muat.RINGKAS} if row else None


def tentukan(s: Session, instansi_id: str,
             atasan: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
    """(the pemutus or None, where he comes from)."""
    if atasan and atasan.get("id"):
        return atasan, ATASAN_PEJABAT_PENILAI
    return dikonfigurasi(s, instansi_id), PENGATURAN


def segarkan(uow, instansi_ids: Iterable[str]) -> None:
    """Move the open keberatan of these instansi that wait on the configured pemutus to the
    one configured now (or to nobody)."""
    s = uow.session
    for instansi_id in sorted(set(instansi_ids)):
        baru = dikonfigurasi(s, instansi_id)
        baru_id = baru["id"] if baru else None
        rows = s.execute(select(keberatan.c.id, keberatan.c.status, keberatan.c.pemutus_id).where(
            keberatan.c.instansi_id == instansi_id,
            keberatan.c.pemutus_sumber == PENGATURAN,
            keberatan.c.status.in_(aturan.TERBUKA))).mappings().all()
        for row in rows:
            if row["pemutus_id"] == baru_id:
                continue
            s.execute(update(keberatan).where(keberatan.c.id == row["id"]).values(
                pemutus_id=baru_id, pemutus=baru))
            catat(s, row["id"], "PEMUTUS_BERUBAH", oleh=None, peran=aturan.SISTEM,
                  sebelum=row["status"], sesudah=row["status"],
                  isi={"pemutus_sebelum_id": row["pemutus_id"], "pemutus": baru})
            publikasi.diperbarui(uow, row["id"])
