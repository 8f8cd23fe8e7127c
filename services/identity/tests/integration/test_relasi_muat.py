"""relasi loads only part of the instansi (``muat_struktur_untuk``); its answer must equal the
answer over the whole instansi (``muat_struktur``) for every pegawai, on an awkward tree."""
import random
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from identity.adapters.tables import instansi, pegawai, plt_plh, relasi_manual, unor
from identity.service_layer.relasi import muat_struktur, muat_struktur_untuk
from kinerja_shared import relasi as rules

HARI = date(2026, 6, 15)


@pytest.fixture(scope="module")
def tree(runtime):
    """~60 unor up to depth 5 (some vacant, some with two heads), 300 pegawai (some inactive),
    PLT/PLH current, expired and inactive (holders also from other branches), manual overrides
    naming atasan, inactive pegawai and lists; plus a second instansi that must not leak in."""
    rng = random.Random(7)
    t = datetime.now(timezone.utc)
    ids = {}
    with runtime.engine.begin() as c:
        for nama in ("utama", "lain"):
            iid = str(uuid.uuid4())
            ids[nama] = iid
            c.execute(instansi.insert().values(id=iid, nama=nama, kode=None, pengaturan={}, revisi=1,
                                               created_at=t, updated_at=t))
            units = [str(uuid.uuid4())]
            depth = {units[0]: 1}
            c.execute(unor.insert().values(id=units[0], instansi_id=iid, nama="root", mandiri=False,
                                           revisi=1, created_at=t, updated_at=t))
            while len(units) < 60:
                parent = rng.choice([u for u in units if depth[u] < 5])
                u = str(uuid.uuid4())
                depth[u] = depth[parent] + 1
                units.append(u)
                c.execute(unor.insert().values(id=u, instansi_id=iid, nama=u, unor_atasan_id=parent,
                                               mandiri=False, revisi=1, created_at=t, updated_at=t))
            people = []
            for u in units:
                heads = rng.choice([0, 1, 1, 1, 1, 2])
                for j in range(heads + rng.randrange(0, 8)):
                    pid = str(uuid.uuid4())
                    people.append(pid)
                    c.execute(pegawai.insert().values(
                        id=pid, instansi_id=iid, nip=None, nik=None, nama=f"P {pid[:6]}", unor_id=u,
                        jenis_jabatan="PIMPINAN" if j < heads else "PEGAWAI", jabatan="J",
                        roles=["pegawai"], non_asn=False, aktif=rng.random() > 0.08, revisi=1,
                        created_at=t, updated_at=t))
            for _ in range(25):
                mulai = HARI - timedelta(days=rng.choice([1, 10, 400]))
                selesai = rng.choice([None, HARI + timedelta(days=5), HARI - timedelta(days=2)])
                c.execute(plt_plh.insert().values(
                    id=str(uuid.uuid4()), instansi_id=iid, pegawai_id=rng.choice(people),
                    unor_id=rng.choice(units), jenis=rng.choice(["PLT", "PLH"]), mulai=mulai,
                    selesai=selesai, aktif=rng.random() > 0.15, revisi=1, created_at=t, updated_at=t))
            for pid in rng.sample(people, 20):
                c.execute(relasi_manual.insert().values(
                    pegawai_id=pid, instansi_id=iid,
                    atasan_langsung_id=rng.choice([None, rng.choice(people)]),
                    atasan_ii_id=rng.choice([None, None, rng.choice(people)]), atasan_iii_id=None,
                    rekan_kerja_ids=rng.choice([[], rng.sample(people, 3)]),
                    bawahan_ids=rng.choice([[], [], rng.sample(people, 2)]), revisi=1, updated_at=t))
            ids[nama + "_people"] = people
    return ids


def test_the_partial_load_answers_like_the_whole_instansi_for_everyone(runtime, tree):
    with runtime.engine.connect() as c:
        full, ringkas_full = muat_struktur(c, tree["utama"])
        assert len(full.orang) > 200
        for tanggal in (HARI, HARI + timedelta(days=30)):
            for pid in tree["utama_people"]:
                part, ringkas = muat_struktur_untuk(c, tree["utama"], pid, tanggal)
                expected, got = rules.resolve(full, pid, tanggal), rules.resolve(part, pid, tanggal)
                assert got == expected, pid
                named = [x for x in (got.atasan_langsung, got.atasan_ii, got.atasan_iii, *got.bawahan,
                                     *got.rekan_kerja) if x]
                assert {x: ringkas.get(x) for x in named} == {x: ringkas_full.get(x) for x in named}


def test_the_partial_load_reads_far_fewer_pegawai(runtime, tree):
    with runtime.engine.connect() as c:
        full, _ = muat_struktur(c, tree["utama"])
        staff = next(p for p in tree["utama_people"]
                     if p in full.orang and not full.orang[p].pimpinan)
        part, _ = muat_struktur_untuk(c, tree["utama"], staff, HARI)
    assert set(part.orang) <= set(full.orang)
    assert len(part.orang) < len(full.orang)
