"""Buku Catatan Perilaku (DKI): dated behaviour notes of the pejabat penilai on a penilaian;
read by whoever sees the penilaian, added, corrected and removed by the pejabat penilai while
the penilaian is open."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import current_principal, login_required
from kinerja_shared.runtime import current_runtime

from ... import views
from ...service_layer import akses, catatan, muat
from ...service_layer.errors import tidak_ditemukan
from ..common import HapusQuery
from ..penilaian.resources import _act
from . import schemas as sc

blp = Blueprint("catatan_perilaku", __name__, description=(
    "Buku Catatan Perilaku: catatan perilaku bertanggal oleh pejabat penilai selama periode."))


def _catatan(penilaian_id: str, catatan_id: str | None = None) -> list[dict]:
    with current_runtime().uow() as uow:
        pen = muat.penilaian_row(uow.session, penilaian_id)
        akses.pastikan_terlihat(current_principal(), pen)
        return views.catatan(uow.session, penilaian_id, catatan_id)


@blp.route("/penilaian/<penilaian_id>/catatan-perilaku")
class CatatanPerilaku(MethodView):
    @login_required
    @blp.response(200, sc.CatatanSchema(many=True))
    def get(self, penilaian_id):
        """Buku Catatan Perilaku penilaian ini, urut tanggal."""
        return _catatan(penilaian_id)

    @login_required
    @blp.arguments(sc.CatatanInput)
    @blp.response(201, sc.CatatanSchema(many=True))
    def post(self, data, penilaian_id):
        """Tambah catatan perilaku bertanggal (pejabat penilai), di dalam periode penilaian,
        selama penilaian DRAFT atau DIKIRIM (sesudahnya 409 ``penilaian-terkunci``); dicatat di
        riwayat. Jawabannya seluruh catatan."""
        p = current_principal()
        _act(penilaian_id, akses.pastikan_pejabat_penilai, lambda uow, pen: catatan.tambah(
            uow, pen, tanggal=data["tanggal"], uraian=data["uraian"], oleh=p.pegawai_id))
        return _catatan(penilaian_id)


@blp.route("/penilaian/<penilaian_id>/catatan-perilaku/<catatan_id>")
class CatatanPerilakuById(MethodView):
    @login_required
    @blp.response(200, sc.CatatanSchema)
    def get(self, penilaian_id, catatan_id):
        """Satu catatan perilaku."""
        rows = _catatan(penilaian_id, catatan_id)
        if not rows:
            raise tidak_ditemukan("Catatan perilaku tidak ditemukan pada penilaian ini.")
        return rows[0]

    @login_required
    @blp.arguments(sc.CatatanUbahInput)
    @blp.response(200, sc.CatatanSchema(many=True))
    def patch(self, data, penilaian_id, catatan_id):
        """Koreksi tanggal dan/atau uraian satu catatan (``alasan`` opsional). Pejabat penilai,
        selama penilaian DRAFT atau DIKIRIM (sesudahnya 409 ``penilaian-terkunci``); tanggal
        tetap di dalam periode (422); catatan penilaian lain: 404. Dicatat di riwayat
        (sebelum/sesudah). Jawabannya seluruh catatan."""
        p = current_principal()
        alasan = data.pop("alasan")
        _act(penilaian_id, akses.pastikan_pejabat_penilai, lambda uow, pen: catatan.ubah(
            uow, pen, catatan_id, perubahan=data, alasan=alasan, oleh=p.pegawai_id))
        return _catatan(penilaian_id)

    @login_required
    @blp.arguments(HapusQuery, location="query")
    @blp.response(200, sc.CatatanSchema(many=True))
    def delete(self, args, penilaian_id, catatan_id):
        """Hapus satu catatan (``alasan`` opsional). Pejabat penilai, selama penilaian DRAFT
        atau DIKIRIM (sesudahnya 409 ``penilaian-terkunci``); catatan penilaian lain: 404.
        Dicatat di riwayat. Jawabannya catatan yang tersisa."""
        p = current_principal()
        _act(penilaian_id, akses.pastikan_pejabat_penilai, lambda uow, pen: catatan.hapus(
            uow, pen, catatan_id, alasan=args["alasan"], oleh=p.pegawai_id))
        return _catatan(penilaian_id)
