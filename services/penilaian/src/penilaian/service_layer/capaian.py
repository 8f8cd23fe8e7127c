"""Capaian kinerja organisasi per unor induk and period (SE MenPAN-RB 3/2023): set by an admin,
made final (CapaianOrganisasiFinal; warns when not everybody has been assessed), undone; its
statistics for the admins and the pimpinan of the unit.

One capaian per unor induk and period: the unique key decides between two concurrent creations
(the loser is 409 with ``DUPLIKAT``, ``bootstrap.conflict_messages``); the check before the
insert only gives the usual case the id of the existing one.
"""
from __future__ import annotations

import uuid

from sqlalchemy import func, select, update

from kinerja_shared import clock
from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, Forbidden, NotFound, invalid

from ..adapters.tables import capaian_organisasi, pegawai_ref
from . import events, muat
from .distribusi import distribusi

DUPLIKAT = "Capaian organisasi untuk unor dan periode ini sudah ada."
c = capaian_organisasi.c


def _row(s, principal: Principal, capaian_id: str, *, for_update: bool = False):
    stmt = select(capaian_organisasi).where(c.id == capaian_id)
    if for_update and s.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = s.execute(stmt).mappings().first()
    if row is None or not principal.sees_instansi(row["instansi_id"]):
        raise NotFound("Capaian organisasi tidak ditemukan.")
    return row


def _untuk_admin(uow, principal: Principal, capaian_id: str):
    row = _row(uow.session, principal, capaian_id, for_update=True)
    ensure_admin_of(principal, row["instansi_id"])
    return row


def baca(uow, principal: Principal, capaian_id: str) -> dict:
    return dict(_row(uow.session, principal, capaian_id))


def daftar(uow, principal: Principal, filters: dict, *, page: PageRequest) -> Page[dict]:
    """The capaian of the caller's instansi (every instansi for admin_pusat), newest year
    first; filters tahun, periode_id, unor_induk_id, final."""
    stmt = select(capaian_organisasi)
    if not principal.is_admin_pusat:
        stmt = stmt.where(c.instansi_id == principal.instansi_id)
    for name, value in filters.items():
        stmt = stmt.where(c[name] == value)
    return fetch_page(uow.session, stmt, page, c.tahun.desc(), c.unor_induk_id, c.id)


def _sudah_ada(s, unor_induk_id: str, periode_id: str) -> str | None:
    return s.execute(select(c.id).where(c.unor_induk_id == unor_induk_id,
                                        c.periode_id == periode_id)).scalar()


def buat(uow, principal: Principal, *, periode_id: str, unor_induk_id: str, capaian: str,
         bukti_dukung: str | None, tahun: int | None = None) -> str:
    """A capaian for one unor induk in one period (admins of the period's instansi); answers
    its id."""
    s = uow.session
    periode = muat.periode_row(s, periode_id)
    if periode is None or not principal.sees_instansi(periode["instansi_id"]):
        raise invalid("periode_id", "Tidak dikenal.", detail="Periode tidak dikenal.")
    ensure_admin_of(principal, periode["instansi_id"])
    if tahun not in (None, periode["tahun"]):
        raise invalid("tahun", "Tidak sesuai.", detail="Tahun tidak sesuai periode.")
    ada = _sudah_ada(s, unor_induk_id, periode["id"])
    if ada:
        raise Conflict(DUPLIKAT, id=ada)
    cid, waktu = str(uuid.uuid4()), clock.now()
    s.execute(capaian_organisasi.insert().values(
        id=cid, instansi_id=periode["instansi_id"], tahun=periode["tahun"],
        periode_id=periode["id"], unor_induk_id=unor_induk_id, capaian=capaian,
        bukti_dukung=bukti_dukung, final=False, created_at=waktu, updated_at=waktu))
    return cid


def ubah(uow, principal: Principal, capaian_id: str, changes: dict) -> None:
    row = _untuk_admin(uow, principal, capaian_id)
    if row["final"]:
        raise Conflict("Capaian organisasi sudah final; batalkan final terlebih dahulu.")
    uow.session.execute(update(capaian_organisasi).where(c.id == row["id"])
                        .values(**changes, updated_at=clock.now()))


def total_pegawai(s, unor_induk_id: str) -> int:
    return s.execute(select(func.count()).select_from(pegawai_ref).where(
        pegawai_ref.c.unor_id.in_(muat.unor_dalam_induk(s, unor_induk_id)),
        pegawai_ref.c.dihapus.is_(False), pegawai_ref.c.aktif.is_(True))).scalar() or 0


def _statistik(s, row) -> dict:
    d = distribusi(s, row["unor_induk_id"], row["periode_id"])
    total = max(total_pegawai(s, row["unor_induk_id"]), d.total)
    return {**d.to_dict(), "pegawai_total": total, "pegawai_dinilai": d.dinilai,
            "pegawai_belum_dinilai": total - d.dinilai}


def statistik(uow, principal: Principal, capaian_id: str) -> dict:
    """The distribution of the unit against the pola, for its admins or its pimpinan."""
    s = uow.session
    row = _row(s, principal, capaian_id)
    if not principal.can_admin_instansi(row["instansi_id"]):
        me = s.execute(select(pegawai_ref).where(pegawai_ref.c.id == principal.pegawai_id)
                       ).mappings().first()
        if not me or me["unor_id"] != row["unor_induk_id"] or me["jenis_jabatan"] != "PIMPINAN":
            raise Forbidden("Hanya admin atau pimpinan unor ini.")
    return _statistik(s, row)


def _tandai_final(uow, row, final: bool) -> None:
    waktu = clock.now()
    uow.session.execute(update(capaian_organisasi).where(c.id == row["id"]).values(
        final=final, difinalkan_at=waktu if final else None, updated_at=waktu))
    uow.add_event(events.capaian_organisasi_final({**row, "final": final}),
                  aggregate_id=row["id"], instansi_id=row["instansi_id"])


def finalkan(uow, principal: Principal, capaian_id: str) -> dict:
    """Final (publishes CapaianOrganisasiFinal); answers ``{peringatan, statistik}``: a warning
    when not every pegawai of the unit has been assessed."""
    row = _untuk_admin(uow, principal, capaian_id)
    if row["final"]:
        raise Conflict("Capaian organisasi sudah final.")
    stat = _statistik(uow.session, row)
    _tandai_final(uow, row, True)
    peringatan = []
    if stat["pegawai_belum_dinilai"]:
        peringatan.append(f"{stat['pegawai_belum_dinilai']} dari {stat['pegawai_total']} pegawai "
                          "belum dinilai.")
    return {"peringatan": peringatan, "statistik": stat}


def batal_final(uow, principal: Principal, capaian_id: str) -> None:
    row = _untuk_admin(uow, principal, capaian_id)
    if not row["final"]:
        raise Conflict("Capaian organisasi belum final.")
    _tandai_final(uow, row, False)
