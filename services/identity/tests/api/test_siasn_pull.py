"""identity applies integration's SIASN pull (PegawaiSiasnDiterima, UnorSiasnDiterima): the
unit tree with each unit's head, pegawai created, updated and deactivated, whatever order the
events arrive in, and a local edit SIASN would overwrite listed as a conflict."""
from __future__ import annotations

import itertools
import os
from datetime import date

import sqlalchemy as sa

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.integration import PegawaiSiasnDiterima, UnorSiasnDiterima

from identity.adapters.tables import pegawai, unor

_seq = itertools.count(1)


def nip_baru() -> str:
    n = next(_seq) + 500 + os.getpid() % 400
    return f"19870{1 + n % 9}1{n % 10}2011{1 + n % 12:02d}{1 + n % 2}{n % 1000:03d}"


def kirim(runtime, payload, key):
    runtime.dispatcher.handle(EventEnvelope.wrap(payload, aggregate_id=key,
                                                 instansi_id=payload.instansi_id).to_json())


def _unor(inst, sid, nama, atasan=None, kepala=None, revisi=1, **kw):
    return UnorSiasnDiterima(sinkron_id="s1", instansi_id=inst, unor_siasn_id=sid, nama=nama,
                             unor_atasan_siasn_id=atasan, unor_induk_siasn_id="U-ROOT",
                             kepala_siasn_id=kepala, eselon="III.a", revisi=revisi, **kw)


def _pegawai(inst, nip, orang, unit, revisi=1, **kw):
    base = dict(sinkron_id="s1", instansi_id=inst, nip=nip, nama=f"Pegawai {orang}",
                siasn_id=orang, unor_siasn_id=unit, jabatan="Pranata Komputer Ahli Muda",
                kategori_jabatan="FUNGSIONAL", jenjang="AHLI_MUDA", golongan="III/c",
                tmt_golongan=date(2022, 4, 1), status_kepegawaian="AKTIF", revisi=revisi)
    return PegawaiSiasnDiterima(**{**base, **kw})


def _rows(runtime, table, instansi_id):
    with runtime.engine.connect() as conn:
        return {r["kode"] if table is unor else r["nip"]: dict(r) for r in conn.execute(
            sa.select(table).where(table.c.instansi_id == instansi_id)).mappings()}


def test_the_tree_heads_and_pegawai_arrive_in_any_order(runtime, make_instansi):
    inst = make_instansi()
    nip_a, nip_b = nip_baru(), nip_baru()
    # the pegawai before their units, a child unit before its parent
    kirim(runtime, _pegawai(inst.id, nip_a, "O-A", "U-ROOT"), nip_a)
    kirim(runtime, _pegawai(inst.id, nip_b, "O-B", "U-BID"), nip_b)
    kirim(runtime, _unor(inst.id, "U-BID", "Bidang Data", atasan="U-ROOT", kepala="O-B"), "U-BID")
    kirim(runtime, _unor(inst.id, "U-ROOT", "Badan", kepala="O-A"), "U-ROOT")
    units, people = _rows(runtime, unor, inst.id), _rows(runtime, pegawai, inst.id)
    assert units["U-BID"]["unor_atasan_id"] == units["U-ROOT"]["id"]
    assert units["U-BID"]["unor_induk_id"] == units["U-ROOT"]["id"]
    assert (people[nip_a]["unor_id"], people[nip_a]["jenis_jabatan"]) == \
        (units["U-ROOT"]["id"], "PIMPINAN")
    assert (people[nip_b]["unor_id"], people[nip_b]["jenis_jabatan"]) == \
        (units["U-BID"]["id"], "PIMPINAN")
    assert people[nip_a]["jenjang"] == "AHLI_MUDA" and people[nip_a]["golongan"] == "III/c"
    assert people[nip_a]["password_hash"] is None and people[nip_a]["aktif"]
    # a new head: the previous one SIASN named is staff again
    kirim(runtime, _unor(inst.id, "U-BID", "Bidang Data", atasan="U-ROOT", kepala="O-A",
                         revisi=2), "U-BID")
    people = _rows(runtime, pegawai, inst.id)
    assert people[nip_b]["jenis_jabatan"] == "PEGAWAI"
    assert (people[nip_a]["unor_id"], people[nip_a]["jenis_jabatan"]) == \
        (units["U-BID"]["id"], "PIMPINAN")


def test_a_local_edit_siasn_would_overwrite_is_listed_as_a_conflict(runtime, api, instansi,
                                                                    make_instansi):
    nip = nip_baru()
    kirim(runtime, _unor(instansi.id, "U-ROOT", "Badan"), "U-ROOT")
    kirim(runtime, _pegawai(instansi.id, nip, "O-1", "U-ROOT"), nip)
    row = _rows(runtime, pegawai, instansi.id)[nip]
    api.ok("patch", f"/pegawai/{row['id']}", instansi.admin,
           json={"jabatan": "Pranata Komputer Ahli Madya (SK lokal)"})
    # SIASN changes the jabatan and the golongan
    kirim(runtime, _pegawai(instansi.id, nip, "O-1", "U-ROOT", revisi=2, golongan="III/d",
                            tmt_golongan=date(2026, 4, 1), jabatan="Analis Data Ahli Muda"), nip)
    # and an older message arriving late changes nothing
    kirim(runtime, _pegawai(instansi.id, nip, "O-1", "U-ROOT", revisi=1, golongan="II/a"), nip)
    row = _rows(runtime, pegawai, instansi.id)[nip]
    assert row["jabatan"] == "Pranata Komputer Ahli Madya (SK lokal)"  # kept
    assert (row["golongan"], row["tmt_golongan"]) == ("III/d", date(2026, 4, 1))  # taken
    konflik = api.ok("get", "/siasn-konflik?status=TERBUKA", instansi.admin)
    assert [(k["kunci"], k["field"], k["nilai_lokal"], k["nilai_siasn"]) for k in konflik] == \
        [(nip, "jabatan", "Pranata Komputer Ahli Madya (SK lokal)", "Analis Data Ahli Muda")]
    other = make_instansi()
    assert api.ok("get", "/siasn-konflik", other.admin) == []
    api.ok("get", f"/siasn-konflik/{konflik[0]['id']}", other.admin, 404)
    done = api.ok("post", f"/siasn-konflik/{konflik[0]['id']}/terima", instansi.admin)
    assert done["status"] == "DITERIMA"
    assert api.ok("get", f"/pegawai/{row['id']}", instansi.admin)["jabatan"] == \
        "Analis Data Ahli Muda"
    api.ok("post", f"/siasn-konflik/{konflik[0]['id']}/tolak", instansi.admin, 409)


def test_a_pegawai_siasn_no_longer_lists_is_deactivated(runtime, api, instansi):
    nip = nip_baru()
    kirim(runtime, _unor(instansi.id, "U-ROOT", "Badan"), "U-ROOT")
    kirim(runtime, _pegawai(instansi.id, nip, "O-9", "U-ROOT"), nip)
    kirim(runtime, _pegawai(instansi.id, nip, "O-9", "U-ROOT", revisi=2, dihapus=True), nip)
    row = _rows(runtime, pegawai, instansi.id)[nip]
    assert row["aktif"] is False
    riwayat = api.ok("get", f"/riwayat?entitas_id={row['id']}", instansi.admin)
    assert {r["aksi"] for r in riwayat} == {"SIASN"}
