"""The PP 30/2019 numeric model: realisasi per kegiatan, tugas tambahan and kreativitas (add,
read, correct, remove), perilaku. The computed nilai_skp, nilai_perilaku, nilai_kinerja and
predikat are in GET /penilaian/{id}."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import current_principal, login_required
from kinerja_shared.runtime import current_runtime

from ... import views
from ...service_layer import akses, muat, pp30
from ...service_layer.errors import tidak_ditemukan
from ..common import HapusQuery
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


def _ubah(penilaian_id, entri_id, data, jenis):
    p = current_principal()
    alasan = data.pop("alasan")
    _act(penilaian_id, akses.pastikan_pemilik_atau_penilai, lambda uow, pen: pp30.ubah(
        uow, pen, entri_id, jenis=jenis, perubahan=data, alasan=alasan, oleh=p.pegawai_id))
    return detail(penilaian_id)


def _hapus(penilaian_id, entri_id, args, jenis):
    p = current_principal()
    _act(penilaian_id, akses.pastikan_pemilik_atau_penilai, lambda uow, pen: pp30.hapus(
        uow, pen, entri_id, jenis=jenis, alasan=args["alasan"], oleh=p.pegawai_id))
    return detail(penilaian_id)


def _daftar(penilaian_id, jenis, entri_id=None):
    """Entries of a visible penilaian (404 when it is not visible, or for a missing entry)."""
    with current_runtime().uow() as uow:
        pen = muat.penilaian_row(uow.session, penilaian_id)
        akses.pastikan_terlihat(current_principal(), pen)
        rows = views.tambahan(uow.session, penilaian_id, jenis, entri_id)
    if entri_id is None:
        return rows
    if not rows:
        raise tidak_ditemukan(f"Entri {pp30.NAMA[jenis]} tidak ditemukan pada penilaian ini.")
    return rows[0]


@blp.route("/penilaian/<penilaian_id>/pp30/tugas-tambahan")
class TugasTambahan(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema(many=True))
    def get(self, penilaian_id):
        """Daftar tugas tambahan penilaian ini."""
        return _daftar(penilaian_id, pp30.TUGAS_TAMBAHAN)

    @login_required
    @blp.arguments(sc.TambahanInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """Tugas tambahan (menambah nilai SKP: +1 untuk 1-3, +2 untuk 4-6, +3 untuk 7+; jumlah
        dari semua entri). Pegawai pemilik atau pejabat penilai, selama penilaian belum
        ditetapkan."""
        return _tambah(penilaian_id, data, pp30.TUGAS_TAMBAHAN)


@blp.route("/penilaian/<penilaian_id>/pp30/tugas-tambahan/<entri_id>")
class TugasTambahanById(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema)
    def get(self, penilaian_id, entri_id):
        """Satu entri tugas tambahan."""
        return _daftar(penilaian_id, pp30.TUGAS_TAMBAHAN, entri_id)

    @login_required
    @blp.arguments(sc.TambahanUbahInput)
    @blp.response(200, PenilaianSchema)
    def patch(self, data, penilaian_id, entri_id):
        """Koreksi uraian dan/atau jumlah satu tugas tambahan (``alasan`` opsional); jawabannya
        penilaian dengan nilai terbaru.

        Pegawai pemilik atau pejabat penilai, hanya selama penilaian DRAFT atau DIKIRIM (sudah
        ditetapkan atau ditutup: 409 ``penilaian-terkunci``). Nilai SKP, nilai kinerja dan
        predikat dihitung ulang seperti sesudah POST; perubahan dicatat di riwayat. Entri yang
        tidak ada pada penilaian ini: 404."""
        return _ubah(penilaian_id, entri_id, data, pp30.TUGAS_TAMBAHAN)

    @login_required
    @blp.arguments(HapusQuery, location="query")
    @blp.response(200, PenilaianSchema)
    def delete(self, args, penilaian_id, entri_id):
        """Hapus satu tugas tambahan (``alasan`` opsional); jawabannya penilaian dengan nilai
        terbaru.

        Pegawai pemilik atau pejabat penilai, hanya selama penilaian DRAFT atau DIKIRIM (sudah
        ditetapkan atau ditutup: 409 ``penilaian-terkunci``). Nilai SKP, nilai kinerja dan
        predikat dihitung ulang seperti sesudah POST; perubahan dicatat di riwayat. Entri yang
        tidak ada pada penilaian ini: 404."""
        return _hapus(penilaian_id, entri_id, args, pp30.TUGAS_TAMBAHAN)


@blp.route("/penilaian/<penilaian_id>/pp30/kreativitas")
class Kreativitas(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema(many=True))
    def get(self, penilaian_id):
        """Daftar kreativitas penilaian ini."""
        return _daftar(penilaian_id, pp30.KREATIVITAS)

    @login_required
    @blp.arguments(sc.TambahanInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """Kreativitas; ``jumlah`` adalah tingkatnya 1-3 (+3/+6/+12 pada nilai SKP, tingkat
        tertinggi yang berlaku). Predikat Sangat Baik hanya bila ada kreativitas. Pegawai
        pemilik atau pejabat penilai, selama penilaian belum ditetapkan."""
        return _tambah(penilaian_id, data, pp30.KREATIVITAS)


@blp.route("/penilaian/<penilaian_id>/pp30/kreativitas/<entri_id>")
class KreativitasById(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema)
    def get(self, penilaian_id, entri_id):
        """Satu entri kreativitas."""
        return _daftar(penilaian_id, pp30.KREATIVITAS, entri_id)

    @login_required
    @blp.arguments(sc.TambahanUbahInput)
    @blp.response(200, PenilaianSchema)
    def patch(self, data, penilaian_id, entri_id):
        """Koreksi uraian dan/atau tingkat (``jumlah`` 1-3, selain itu 422) satu kreativitas
        (``alasan`` opsional); jawabannya penilaian dengan nilai terbaru.

        Pegawai pemilik atau pejabat penilai, hanya selama penilaian DRAFT atau DIKIRIM (sudah
        ditetapkan atau ditutup: 409 ``penilaian-terkunci``). Nilai SKP, nilai kinerja dan
        predikat dihitung ulang seperti sesudah POST; perubahan dicatat di riwayat. Entri yang
        tidak ada pada penilaian ini: 404."""
        return _ubah(penilaian_id, entri_id, data, pp30.KREATIVITAS)

    @login_required
    @blp.arguments(HapusQuery, location="query")
    @blp.response(200, PenilaianSchema)
    def delete(self, args, penilaian_id, entri_id):
        """Hapus satu kreativitas (``alasan`` opsional); tanpa kreativitas lagi predikat tidak
        dapat Sangat Baik. Jawabannya penilaian dengan nilai terbaru.

        Pegawai pemilik atau pejabat penilai, hanya selama penilaian DRAFT atau DIKIRIM (sudah
        ditetapkan atau ditutup: 409 ``penilaian-terkunci``). Nilai SKP, nilai kinerja dan
        predikat dihitung ulang seperti sesudah POST; perubahan dicatat di riwayat. Entri yang
        tidak ada pada penilaian ini: 404."""
        return _hapus(penilaian_id, entri_id, args, pp30.KREATIVITAS)


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
