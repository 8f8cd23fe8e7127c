"""Buku Catatan Perilaku (DKI): dated behaviour notes of the pejabat penilai on a penilaian;
read by whoever sees the penilaian, added, corrected and removed by the pejabat penilai while
the penilaian is open. Writes answer the penilaian (GET /penilaian/{id}), which lists the
notes under `catatan_perilaku`."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, unpaged

from ... import views
from ...service_layer import catatan
from ..common import HapusQuery
from ..penilaian.schemas import PenilaianSchema
from . import schemas as sc

blp = Blueprint("catatan_perilaku", __name__,
                url_prefix="/penilaian/<penilaian_id>/catatan-perilaku", description=(
                    "Buku Catatan Perilaku: dated behaviour notes the pejabat penilai writes "
                    "during the period."))


@blp.route("/<catatan_id>")
class CatatanPerilakuById(MethodView):
    @login_required
    @blp.response(200, sc.CatatanSchema)
    def get(self, penilaian_id, catatan_id):
        """One note."""
        return run_query(catatan.satu, penilaian_id, catatan_id)

    @login_required
    @blp.arguments(sc.CatatanUbahInput)
    @blp.response(200, PenilaianSchema)
    def patch(self, data, penilaian_id, catatan_id):
        """Correct the date and/or text of one note (`alasan` optional). The pejabat penilai,
        while the penilaian is DRAFT or DIKIRIM (409 `penilaian-terkunci` after); the date
        stays inside the period (422); a note of another penilaian: 404. Kept in the riwayat
        (before/after)."""
        alasan = data.pop("alasan")
        run_command(catatan.ubah, penilaian_id, catatan_id, perubahan=data, alasan=alasan)
        return run_query(views.penilaian, penilaian_id)

    @login_required
    @blp.arguments(HapusQuery, location="query")
    @blp.response(204)
    def delete(self, args, penilaian_id, catatan_id):
        """Remove one note (`alasan` optional). The pejabat penilai, while the penilaian is
        DRAFT or DIKIRIM (409 `penilaian-terkunci` after); a note of another penilaian: 404.
        Kept in the riwayat."""
        run_command(catatan.hapus, penilaian_id, catatan_id, alasan=args["alasan"])


@blp.route("")
class CatatanPerilaku(MethodView):
    @login_required
    @blp.response(200, sc.CatatanSchema(many=True))
    @unpaged("the notes of one penilaian")
    def get(self, penilaian_id):
        """The Buku Catatan Perilaku of this penilaian, by date."""
        return run_query(catatan.daftar, penilaian_id)

    @login_required
    @blp.arguments(sc.CatatanInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """A dated note (pejabat penilai), dated inside the assessment period (422 outside),
        while the penilaian is DRAFT or DIKIRIM (409 `penilaian-terkunci` after); kept in the
        riwayat. Answers the penilaian; `Location` names the new note."""
        cid = run_command(catatan.tambah, penilaian_id, tanggal=data["tanggal"],
                          uraian=data["uraian"])
        return created(run_query(views.penilaian, penilaian_id), CatatanPerilakuById,
                       penilaian_id=penilaian_id, catatan_id=cid)
