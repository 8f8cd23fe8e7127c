"""The PP 30/2019 numeric model: realisasi per kegiatan, tugas tambahan, kreativitas, perilaku.
The computed nilai_skp, nilai_perilaku, nilai_kinerja and predikat are in GET /penilaian/{id}."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import current_principal, login_required

from ...service_layer import akses, pp30
from ..penilaian.resources import _act, detail
from ..penilaian.schemas import PenilaianSchema
from . import schemas as sc

blp = Blueprint("pp30", __name__, description="Model numerik PP 30/2019 (alur DKI).")


@blp.route("/penilaian/<penilaian_id>/pp30/realisasi/<rhk_id>")
class RealisasiKegiatan(MethodView):
    @login_required
    @blp.arguments(sc.RealisasiPp30Input)
    @blp.response(200, PenilaianSchema)
    def put(self, data, penilaian_id, rhk_id):
        """Realisasi kuantitas, kualitas, waktu (dan biaya) satu kegiatan, dengan revisi target
        bila ada (pegawai pemilik; pejabat penilai boleh mengoreksi)."""
        p = current_principal()
        target = data.pop("target_revisi")
        target = {k: str(v) for k, v in (target or {}).items() if v is not None} or None
        _act(penilaian_id, akses.pastikan_pemilik_atau_penilai, lambda uow, pen: pp30.isi_realisasi(
            uow, pen, rhk_id, nilai=data, target_revisi=target, oleh=p.pegawai_id))
        return detail(penilaian_id)


def _tambah(penilaian_id, data, jenis):
    p = current_principal()
    _act(penilaian_id, akses.pastikan_pemilik_atau_penilai, lambda uow, pen: pp30.tambah(
        uow, pen, jenis=jenis, uraian=data["uraian"], jumlah=data["jumlah"], oleh=p.pegawai_id))
    return detail(penilaian_id)


@blp.route("/penilaian/<penilaian_id>/pp30/tugas-tambahan")
class TugasTambahan(MethodView):
    @login_required
    @blp.arguments(sc.TambahanInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """Tugas tambahan (menambah nilai SKP: +1 untuk 1-3, +2 untuk 4-6, +3 untuk 7+)."""
        return _tambah(penilaian_id, data, pp30.TUGAS_TAMBAHAN)


@blp.route("/penilaian/<penilaian_id>/pp30/kreativitas")
class Kreativitas(MethodView):
    @login_required
    @blp.arguments(sc.TambahanInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """Kreativitas; ``jumlah`` adalah tingkatnya 1-3 (+3/+6/+12 pada nilai SKP)."""
        return _tambah(penilaian_id, data, pp30.KREATIVITAS)


@blp.route("/penilaian/<penilaian_id>/pp30/perilaku")
class PerilakuPp30(MethodView):
    @login_required
    @blp.arguments(sc.PerilakuPp30Input)
    @blp.response(200, PenilaianSchema)
    def put(self, data, penilaian_id):
        """Nilai perilaku per aspek 0-100 (pejabat penilai): ORIENTASI_PELAYANAN, KOMITMEN,
        INISIATIF_KERJA, KERJA_SAMA, dan KEPEMIMPINAN untuk pimpinan."""
        p = current_principal()
        _act(penilaian_id, akses.pastikan_pejabat_penilai, lambda uow, pen: pp30.nilai_perilaku(
            uow, pen, nilai=data["nilai"], oleh=p.pegawai_id))
        return detail(penilaian_id)
