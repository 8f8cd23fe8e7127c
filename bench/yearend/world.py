"""The world of the year end, deterministic for a scale and a seed.

- **SIASN** holds it first (the SIASN sandbox's SQLite state, written before the sandbox
  process starts, in SIASN's own record format as ``integration.sandbox.seed`` makes them):
  a Sekretariat Daerah at the top, ``induk - 1`` perangkat daerah (unor induk) under it, each
  with bidang and seksi below; one head per unit except ~2 % vacant units (a PLT is named for
  them through identity's API), ~30 % of the pegawai in a jabatan fungsional. The suite gets it
  through the bulk path users have: a SIASN pull (integration -> identity).
- **Approved SKPs are seeded below the API** (the one step the issue allows): rows written
  into skp's tables as ``skp_service.buat`` + ``setujui`` leave them (pejabat penilai and
  atasan from ``kinerja_shared.relasi`` on skp's own read model, as skp resolves them), then
  ``kinerja republish skp`` stages every SkpDisetujui in skp's outbox, and from there the
  events travel as in production.
"""
from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

SIASN_INSTANSI = "SIASN-DKI"
TAHUN = 2026
JF_SHARE = 0.30
VACANT_SHARE = 0.02
PLH_SHARE = 0.01


@dataclass(frozen=True)
class Scale:
    pegawai: int
    unor: int
    induk: int

    @classmethod
    def of(cls, pegawai: int, unor: int | None = None, induk: int | None = None) -> "Scale":
        """DKI: 65,000 pegawai in ~2,000 unor under ~50 unor induk; scaled proportionally."""
        unor = unor or max(6, round(pegawai * 2000 / 65000))
        induk = induk or max(2, round(unor * 50 / 2000))
        return cls(pegawai, unor, induk)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def unit_tree(scale: Scale, rng: random.Random) -> list[dict]:
    """SIASN ``ref-unor`` records: Setda (root, an induk), ``induk - 1`` induk under it, and
    under each induk bidang (up to 6) and seksi below them."""
    from integration.sandbox.seed import BIDANG

    def unit(nama, atasan, induk, eselon, level):
        return {"Id": _uid(rng), "InstansiId": SIASN_INSTANSI, "DiatasanId": atasan,
                "EselonId": eselon, "NamaUnor": nama, "NamaJabatan": f"Kepala {nama}",
                "IndukUnorId": induk, "PemimpinPnsId": None, "JenisUnorId": "1",
                "_level": level}

    setda = unit("Sekretariat Daerah", None, None, "21", 0)
    setda["NamaJabatan"] = "Sekretaris Daerah"
    units = [setda]
    induks = [unit(f"Perangkat Daerah {i}", setda["Id"], None, "22", 1)
              for i in range(1, scale.induk)]
    units += induks
    rest = max(0, scale.unor - len(units))
    per = [rest // len(induks) + (1 if i < rest % len(induks) else 0)
           for i in range(len(induks))] if induks else []
    for ind, n in zip(induks, per):
        bidang = [unit(f"Bidang {rng.choice(BIDANG)} {len(units) + k}", ind["Id"], ind["Id"],
                       "31", 2) for k in range(min(6, n))]
        units += bidang
        for k in range(n - len(bidang)):
            b = bidang[k % len(bidang)]
            units.append(unit(f"Seksi {rng.choice(BIDANG)} {len(units)}", b["Id"], ind["Id"],
                              "41", 3))
    return units


def siasn_records(scale: Scale, seed: int) -> tuple[list[dict], list[dict], set[str]]:
    """(units, pegawai, ids of vacant units) in SIASN's format."""
    from integration.sandbox.seed import JF, PELAKSANA, _pegawai

    rng = random.Random(f"yearend:{seed}:{scale}")
    units = unit_tree(scale, rng)
    vacant = {u["Id"] for u in units[scale.induk:] if rng.random() < VACANT_SHARE}
    nips: set[str] = set()
    people = []
    heads = [u for u in units if u["Id"] not in vacant]
    for u in heads[:scale.pegawai]:
        p = _pegawai(SIASN_INSTANSI, u, True, rng, nips)
        u["PemimpinPnsId"] = p["id"]
        people.append(p)
    staff_units = units[1:] or units  # the Sekda's unit holds the Sekda alone
    jf_target = round(scale.pegawai * JF_SHARE)
    staff_n = scale.pegawai - len(people)
    p_jf = min(1.0, jf_target / max(1, staff_n))
    for n in range(staff_n):
        u = staff_units[n % len(staff_units)]
        p = _pegawai(SIASN_INSTANSI, u, False, rng, nips)
        if rng.random() < p_jf:
            nama_jf, jenjangs = rng.choice(JF)
            jenjang = rng.choice(jenjangs)
            p.update(jenisJabatanId="2", jabatanNama=f"{nama_jf} {jenjang}", jenjang=jenjang,
                     eselonId=None, jabatanFungsionalId=_uid(rng)[:8])
        else:
            p.update(jenisJabatanId="4", jabatanNama=rng.choice(PELAKSANA), jenjang=None,
                     eselonId=None, jabatanFungsionalId=None)
        people.append(p)
    return units, people, vacant


def write_sandbox(path: Path, units: list[dict], people: list[dict]) -> None:
    """SIASN's state as the sandbox keeps it (what ``/_sandbox/seed`` writes)."""
    from integration.sandbox.siasn import SCHEMA
    from integration.sandbox.store import Store, dumps

    store = Store(str(path), SCHEMA)
    with store.tx() as db:
        db.executemany("INSERT INTO unor VALUES (?, ?, ?, ?)",
                       [(u["Id"], SIASN_INSTANSI, i,
                         dumps({k: v for k, v in u.items() if not k.startswith("_")}))
                        for i, u in enumerate(units)])
        db.executemany("INSERT INTO pegawai VALUES (?, ?, ?, ?)",
                       [(p["nipBaru"], p["id"], SIASN_INSTANSI, dumps(p)) for p in people])
    store.close()


def ratings_for(nip: str, seed: int) -> tuple[str, str]:
    """The pejabat penilai's two ratings of a pegawai: deterministic per NIP and seed, mostly
    as expected (the pola distribusi's shape)."""
    h = int(hashlib.sha256(f"{seed}:rating:{nip}".encode()).hexdigest()[:8], 16) % 100
    if h < 10:
        return "DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"
    if h < 20:
        return "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI"
    if h < 93:
        return "SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI"
    return "DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI"


def chosen(nip: str, seed: int, what: str, share: float) -> bool:
    h = int(hashlib.sha256(f"{seed}:{what}:{nip}".encode()).hexdigest()[:8], 16)
    return h % 10_000 < share * 10_000


# ---- SKPs below the API ------------------------------------------------------------------
def seed_skp(db_url: str, instansi_id: str) -> dict[str, int]:
    """One approved SKP (1 RHK utama, 1 indikator, the seven perilaku) for every active pegawai
    who has a pejabat penilai on 1 January, written as skp's own service functions leave it;
    ``kinerja republish skp`` then publishes them. Answers counts."""
    from sqlalchemy import create_engine, insert, select
    from sqlalchemy.orm import Session

    from kinerja_shared import relasi
    from skp.adapters import identitas
    from skp.adapters.tables import pegawai_ref
    from skp.adapters.skp_tables import indikator, perilaku, rhk, skp
    from skp.domain import aturan
    from skp.domain.perilaku import ASPEK_PERILAKU

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    awal, akhir = date(TAHUN, 1, 1), date(TAHUN, 12, 31)
    now = datetime.now(timezone.utc)
    with Session(engine) as session:
        s = identitas.struktur(session, instansi_id)
        people = {r["id"]: dict(r) for r in session.execute(select(pegawai_ref).where(
            pegawai_ref.c.instansi_id == instansi_id, pegawai_ref.c.aktif.is_(True),
            pegawai_ref.c.dihapus.is_(False))).mappings()}
        units = {u["id"]: u for u in (identitas.unor(session, uid) for uid in s.unor) if u}
        ringkas_cache: dict[str, dict | None] = {}

        def ringkas(pid):
            if pid is None:
                return None
            if pid not in ringkas_cache:
                p = people.get(pid)
                u = units.get(p["unor_id"]) if p else None
                ringkas_cache[pid] = None if p is None else {
                    "id": p["id"], "nip": p["nip"], "nama": p["nama"],
                    "gelar_depan": p["gelar_depan"], "gelar_belakang": p["gelar_belakang"],
                    "jabatan": p["jabatan"], "golongan": p["golongan"], "unor_id": p["unor_id"],
                    "unor_nama": u["nama"] if u else None}
            return ringkas_cache[pid]

        skps, rhks, inds, pers = [], [], [], []
        for pid in sorted(people, key=lambda i: people[i]["nip"] or ""):
            p = people[pid]
            if p["roles"] and "admin_instansi" in p["roles"]:
                continue
            penilai = relasi.atasan_langsung(s, pid, awal)
            if penilai is None:
                continue
            atasan = relasi.atasan_langsung(s, penilai, awal)
            u = units.get(p["unor_id"]) or {}
            mandiri = p["jenis_jabatan"] == "PIMPINAN" and bool(u.get("mandiri"))
            skp_id = uuid.uuid5(uuid.NAMESPACE_URL, f"yearend-skp:{p['nip']}").hex
            skps.append(dict(
                id=skp_id, instansi_id=instansi_id, pegawai_id=pid, unor_id=p["unor_id"],
                plt_unor_id=None, jenis=aturan.jenis_skp(p["kategori_jabatan"],
                                                         memimpin_unor_mandiri=mandiri),
                pendekatan=aturan.KUANTITATIF, model=aturan.PERMENPAN_6_2022,
                status=aturan.DISETUJUI, mandiri=mandiri, periode_awal=awal, periode_akhir=akhir,
                pegawai=ringkas(pid), pejabat_penilai_id=penilai,
                pejabat_penilai=ringkas(penilai), atasan_pejabat_penilai_id=atasan,
                atasan_pejabat_penilai=ringkas(atasan), catatan=None, revisi=1, dibuat_at=now,
                diubah_at=now, diajukan_at=now, disetujui_at=now))
            rhk_id = uuid.uuid5(uuid.NAMESPACE_URL, f"yearend-rhk:{p['nip']}").hex
            rhks.append(dict(id=rhk_id, skp_id=skp_id, urutan=1, jenis="UTAMA",
                             uraian="Terlaksananya tugas pokok jabatan sesuai rencana",
                             rhk_atasan_id=None, peran_id=None, referensi=None,
                             target_kuantitas=None, satuan=None, target_kualitas=None,
                             target_waktu=None, target_biaya=None, matriks_kolom=None,
                             matriks_baris=None))
            inds.append(dict(id=uuid.uuid5(uuid.NAMESPACE_URL, f"yearend-ind:{p['nip']}").hex,
                             rhk_id=rhk_id, skp_id=skp_id, urutan=1,
                             uraian="Jumlah laporan kegiatan yang diselesaikan",
                             aspek="KUANTITAS", target="12", target_maks=None, satuan="laporan",
                             perspektif=None, manual=None))
            pers += [{"skp_id": skp_id, "aspek": a, "ekspektasi_khusus": None,
                      "penilai": "ATASAN", "penilai_pegawai_id": penilai}
                     for a in ASPEK_PERILAKU]
        for start in range(0, len(skps), 2000):
            session.execute(insert(skp), skps[start:start + 2000])
        for start in range(0, len(rhks), 2000):
            session.execute(insert(rhk), rhks[start:start + 2000])
            session.execute(insert(indikator), inds[start:start + 2000])
        for start in range(0, len(pers), 7000):
            session.execute(insert(perilaku), pers[start:start + 7000])
        session.commit()
    engine.dispose()
    return {"skp": len(skps), "penilai": len({x["pejabat_penilai_id"] for x in skps})}
