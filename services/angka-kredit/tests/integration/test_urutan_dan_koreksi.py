"""Nothing lost, nothing doubled: the same events in any order, redelivered or in one consumer
batch leave the same AK rows; a corrected pegawai moves the months; the schema is the
migrations'; Desimal stays exact on SQLite."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal as D

from sqlalchemy import text

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.testing.service import make_test_runtime

FIGUR = ("awal", "akhir", "bulan", "predikat", "jenjang", "golongan", "angka_kredit", "ak_lama",
         "ak_baru", "ak_pangkat", "selisih_pangkat", "selisih_jenjang", "status")


def _figur(rows):
    return [tuple(r[k] for k in FIGUR) for r in rows]


def _skenario(world, p, urutan):
    """A JF promoted mid-2025; predikat 2024, 2025 (revised once); fed in ``urutan``."""
    langkah = {
        "pegawai1": lambda: world.pegawai(p, revisi=1),
        "pegawai2": lambda: world.pegawai(p, revisi=2, jenjang="AHLI_MUDA", golongan="III/c",
                                          tmt_jabatan=date(2025, 4, 1),
                                          tmt_golongan=date(2025, 4, 1)),
        "p2024": lambda: world.predikat(p, "SANGAT_BAIK", tahun=2024, penilaian_id=f"{p}-24"),
        "p2025r1": lambda: world.predikat(p, "KURANG", tahun=2025, penilaian_id=f"{p}-25"),
        "p2025r2": lambda: world.predikat(p, "BAIK", tahun=2025, revisi=2,
                                          penilaian_id=f"{p}-25"),
    }
    for name in urutan:
        langkah[name]()
    return _figur(world.rows(p))


def test_any_order_of_the_events_leaves_the_same_rows(world):
    urutan = ["pegawai1", "pegawai2", "p2024", "p2025r1", "p2025r2"]
    expected = _skenario(world, world.id("peg"), urutan)
    assert [r[3] for r in expected] == ["SANGAT_BAIK", "BAIK", "BAIK"]
    for other in (list(reversed(urutan)),
                  ["p2025r2", "pegawai2", "p2024", "p2025r1", "pegawai1"],
                  ["p2024", "pegawai1", "p2025r2", "pegawai2", "p2025r1"]):
        assert _skenario(world, world.id("peg"), other) == expected, other


def test_a_redelivered_event_is_applied_once(world, runtime):
    p = world.pegawai()
    env = EventEnvelope.wrap(idev.PegawaiDiperbarui(
        id=p, instansi_id=world.instansi_id, nama="X", kategori_jabatan="FUNGSIONAL",
        jenjang="AHLI_PERTAMA", golongan="III/a", tmt_jabatan=date(2020, 1, 1), revisi=5), 
        aggregate_id=p, instansi_id=world.instansi_id)
    world.predikat(p, "BAIK")
    before = world.events()
    runtime.dispatcher.handle(env.to_json())
    runtime.dispatcher.handle(env.to_json())
    assert len(world.rows(p)) == 1
    # the name changed once: one more snapshot of the row, not two
    assert len(world.events()) == len(before) + 1


def test_a_corrected_tmt_jabatan_moves_the_months_of_the_same_unsigned_row(world):
    p = world.pegawai(tmt_jabatan=date(2025, 6, 1))
    world.predikat(p, "BAIK")
    [row] = world.rows(p)
    assert row["bulan"] == 7
    world.pegawai(p, tmt_jabatan=date(2025, 3, 1))  # identity corrects the TMT (earlier)
    [after] = world.rows(p, semua=True)
    assert (after["id"], after["status"], after["bulan"], after["awal"], after["angka_kredit"]) \
        == (row["id"], "DRAFT", 10, date(2025, 3, 1), D("10.416667"))
    # a later TMT with the same jenjang is a new jabatan (a mutasi): the months before it stay
    world.pegawai(p, tmt_jabatan=date(2025, 9, 1))
    assert world.rows(p)[0]["bulan"] == 10


def test_periodic_predikat_covering_the_year_cancel_the_annual_rows_months(world):
    world.instansi(revisi=2, angka_kredit_periodik=True)
    p = world.pegawai()
    world.predikat(p, "BAIK")
    [annual] = world.rows(p)
    for q in range(4):
        awal = date(2025, q * 3 + 1, 1)
        akhir = date(2025, q * 3 + 3, 30 if q in (1, 2) else 31)
        world.predikat(p, "SANGAT_BAIK", final=False, periode=(awal, akhir))
    rows = world.rows(p)
    assert [r["jenis_predikat"] for r in rows] == ["PERIODIK"] * 4
    assert sum(r["bulan"] for r in rows) == 12 and rows[-1]["ak_baru"] == D("18.75")
    [gone] = [r for r in world.rows(p, semua=True) if not r["aktif"]]
    assert gone["id"] == annual["id"] and gone["status"] == "DIBATALKAN"


def test_the_migrations_build_the_tables_the_code_declares(runtime):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from angka_kredit.adapters.tables import metadata

    with runtime.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}),
                                metadata)
    assert [d for d in diff if d[0] != "remove_table"] == []


def test_desimal_is_exact_text_on_sqlite_and_numeric_on_postgresql(tmp_path, runtime):
    rt = make_test_runtime("angka_kredit", f"sqlite:///{tmp_path}/ak.db")
    try:
        with rt.engine.connect() as c:
            kind = c.execute(text("select type from pragma_table_info('angka_kredit') "
                                  "where name = 'angka_kredit'")).scalar()
        assert kind.startswith("VARCHAR")
    finally:
        rt.dispose()
    with runtime.engine.connect() as c:
        kind = c.execute(text("select data_type from information_schema.columns where "
                              "table_name = 'angka_kredit' and column_name = 'ak_baru'")).scalar()
    assert kind == "numeric"


def test_one_consumer_batch_leaves_what_one_event_at_a_time_leaves(world, runtime):
    from kinerja_shared.events.contracts import penilaian as pev
    from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas

    def bodies(p):
        out = [idev.PegawaiDiperbarui(id=p, instansi_id=world.instansi_id, nama=p,
                                      kategori_jabatan="FUNGSIONAL", jenjang="AHLI_PERTAMA",
                                      golongan="III/a", tmt_jabatan=date(2020, 1, 1), revisi=1),
               idev.PegawaiDiperbarui(id=p, instansi_id=world.instansi_id, nama=p,
                                      kategori_jabatan="FUNGSIONAL", jenjang="AHLI_MUDA",
                                      golongan="III/c", tmt_jabatan=date(2024, 5, 1),
                                      tmt_golongan=date(2024, 5, 1), revisi=2)]
        for tahun, predikat, revisi in ((2023, "BAIK", 1), (2024, "KURANG", 1),
                                        (2024, "SANGAT_BAIK", 2), (2023, "BAIK", 1)):
            out.append(pev.PredikatFinal(
                penilaian_id=f"{p}-{tahun}", skp_id=f"skp-{p}-{tahun}",
                pegawai=PegawaiRingkas(id=p, nama=p),
                periode=PeriodeRingkas(id=f"f{tahun}", tahun=tahun, nama="Tahunan",
                                       awal=date(tahun, 1, 1), akhir=date(tahun, 12, 31),
                                       final=True),
                tahun=tahun, predikat=predikat, revisi=revisi,
                ditetapkan_at=datetime(2025, 1, 2, tzinfo=timezone.utc)))
        return [EventEnvelope.wrap(e, aggregate_id=p, instansi_id=world.instansi_id).to_json()
                for e in out]

    satu, batch = world.id("peg"), world.id("peg")
    for b in bodies(satu):
        runtime.dispatcher.handle(b)
    runtime.dispatcher.handle_batch(bodies(batch))
    assert _figur(world.rows(batch)) == _figur(world.rows(satu))
    assert [r[3] for r in _figur(world.rows(satu))] == ["BAIK", "SANGAT_BAIK", "SANGAT_BAIK"]
