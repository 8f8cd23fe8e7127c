"""The PP 30/2019 numeric model: realisasi per kegiatan, tugas tambahan and kreativitas (add,
read, correct, remove), perilaku. The computed nilai_skp, nilai_perilaku, nilai_kinerja and
predikat are in the penilaian, which every write answers (GET /penilaian/{id})."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, unpaged

from ... import views
from ...service_layer import pp30
from ..common import HapusQuery
from ..penilaian.schemas import PenilaianSchema
from . import schemas as sc

blp = Blueprint("pp30", __name__, url_prefix="/penilaian/<penilaian_id>/pp30",
                description="The PP 30/2019 numeric model (the DKI flow).")

@blp.route("/realisasi/<rhk_id>")
class RealisasiKegiatan(MethodView):
    @login_required
    @blp.arguments(sc.RealisasiPp30Input)
    @blp.response(200, PenilaianSchema)
    def put(self, data, penilaian_id, rhk_id):
        """Realisasi of kuantitas, kualitas, waktu (and biaya) of one kegiatan, with revised
        targets when there are (the owning pegawai; the pejabat penilai may correct). A
        realisasi so far off its target that its score reaches a million is 422."""
        nilai = {k: data[k] for k in ("kuantitas", "kualitas", "waktu", "biaya")}
        run_command(pp30.isi_realisasi, penilaian_id, rhk_id, nilai=nilai,
                    target_revisi=data["target_revisi"])
        return run_query(views.penilaian, penilaian_id)


def _tambah(penilaian_id, data, jenis, view):
    tid = run_command(pp30.tambah, penilaian_id, jenis=jenis, uraian=data["uraian"],
                      jumlah=data["jumlah"])
    return created(run_query(views.penilaian, penilaian_id), view, penilaian_id=penilaian_id,
                   entri_id=tid)


def _ubah(penilaian_id, entri_id, data, jenis):
    alasan = data.pop("alasan")
    run_command(pp30.ubah, penilaian_id, entri_id, jenis=jenis, perubahan=data, alasan=alasan)
    return run_query(views.penilaian, penilaian_id)


@blp.route("/tugas-tambahan/<entri_id>")
class TugasTambahanById(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema)
    def get(self, penilaian_id, entri_id):
        """One tugas tambahan entry."""
        return run_query(pp30.satu_entri, penilaian_id, pp30.TUGAS_TAMBAHAN, entri_id)

    @login_required
    @blp.arguments(sc.TambahanUbahInput)
    @blp.response(200, PenilaianSchema)
    def patch(self, data, penilaian_id, entri_id):
        """Correct uraian and/or jumlah of one tugas tambahan (`alasan` optional); answers the
        penilaian with its new values.

        The owning pegawai or the pejabat penilai, only while the penilaian is DRAFT or
        DIKIRIM (set or closed: 409 `penilaian-terkunci`). Nilai SKP, nilai kinerja and
        predikat are computed again as after a POST; the change is kept in the riwayat. An
        entry that is not on this penilaian: 404."""
        return _ubah(penilaian_id, entri_id, data, pp30.TUGAS_TAMBAHAN)

    @login_required
    @blp.arguments(HapusQuery, location="query")
    @blp.response(204)
    def delete(self, args, penilaian_id, entri_id):
        """Remove one tugas tambahan (`alasan` optional).

        The owning pegawai or the pejabat penilai, only while the penilaian is DRAFT or
        DIKIRIM (set or closed: 409 `penilaian-terkunci`). Nilai SKP, nilai kinerja and
        predikat are computed again as after a POST; the change is kept in the riwayat. An
        entry that is not on this penilaian: 404."""
        run_command(pp30.hapus, penilaian_id, entri_id, jenis=pp30.TUGAS_TAMBAHAN,
                    alasan=args["alasan"])


@blp.route("/tugas-tambahan")
class TugasTambahan(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema(many=True))
    @unpaged("the entries of one penilaian")
    def get(self, penilaian_id):
        """The tugas tambahan of this penilaian, oldest first."""
        return run_query(pp30.daftar_entri, penilaian_id, pp30.TUGAS_TAMBAHAN)

    @login_required
    @blp.arguments(sc.TambahanInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """A tugas tambahan (adds to nilai SKP: +1 for 1-3, +2 for 4-6, +3 for 7 or more; the
        `jumlah` of all entries counts). The owning pegawai or the pejabat penilai, while the
        penilaian is open. Answers the penilaian; `Location` names the new entry."""
        return _tambah(penilaian_id, data, pp30.TUGAS_TAMBAHAN, TugasTambahanById)


@blp.route("/kreativitas/<entri_id>")
class KreativitasById(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema)
    def get(self, penilaian_id, entri_id):
        """One kreativitas entry."""
        return run_query(pp30.satu_entri, penilaian_id, pp30.KREATIVITAS, entri_id)

    @login_required
    @blp.arguments(sc.KreativitasUbahInput)
    @blp.response(200, PenilaianSchema)
    def patch(self, data, penilaian_id, entri_id):
        """Correct uraian and/or level (`jumlah` 1-3) of one kreativitas (`alasan` optional);
        answers the penilaian with its new values.

        The owning pegawai or the pejabat penilai, only while the penilaian is DRAFT or
        DIKIRIM (set or closed: 409 `penilaian-terkunci`). Nilai SKP, nilai kinerja and
        predikat are computed again as after a POST; the change is kept in the riwayat. An
        entry that is not on this penilaian: 404."""
        return _ubah(penilaian_id, entri_id, data, pp30.KREATIVITAS)

    @login_required
    @blp.arguments(HapusQuery, location="query")
    @blp.response(204)
    def delete(self, args, penilaian_id, entri_id):
        """Remove one kreativitas (`alasan` optional); without a kreativitas the predikat can
        no longer be Sangat Baik.

        The owning pegawai or the pejabat penilai, only while the penilaian is DRAFT or
        DIKIRIM (set or closed: 409 `penilaian-terkunci`). Nilai SKP, nilai kinerja and
        predikat are computed again as after a POST; the change is kept in the riwayat. An
        entry that is not on this penilaian: 404."""
        run_command(pp30.hapus, penilaian_id, entri_id, jenis=pp30.KREATIVITAS,
                    alasan=args["alasan"])


@blp.route("/kreativitas")
class Kreativitas(MethodView):
    @login_required
    @blp.response(200, sc.TambahanSchema(many=True))
    @unpaged("the entries of one penilaian")
    def get(self, penilaian_id):
        """The kreativitas of this penilaian, oldest first."""
        return run_query(pp30.daftar_entri, penilaian_id, pp30.KREATIVITAS)

    @login_required
    @blp.arguments(sc.KreativitasInput)
    @blp.response(201, PenilaianSchema)
    def post(self, data, penilaian_id):
        """A kreativitas; `jumlah` is its level 1-3 (+3/+6/+12 on nilai SKP, the highest level
        counts). Sangat Baik needs a kreativitas. The owning pegawai or the pejabat penilai,
        while the penilaian is open. Answers the penilaian; `Location` names the new entry."""
        return _tambah(penilaian_id, data, pp30.KREATIVITAS, KreativitasById)


@blp.route("/perilaku")
class PerilakuPp30(MethodView):
    @login_required
    @blp.arguments(sc.PerilakuPp30Input)
    @blp.response(200, PenilaianSchema)
    def put(self, data, penilaian_id):
        """Nilai perilaku per aspect, 0-100 (pejabat penilai): exactly the aspects of this
        penilaian, `ORIENTASI_PELAYANAN`, `KOMITMEN`, `INISIATIF_KERJA`, `KERJA_SAMA`, and
        `KEPEMIMPINAN` for a pimpinan (instansi setting); another set of aspects is 422."""
        run_command(pp30.nilai_perilaku, penilaian_id, nilai=data["nilai"])
        return run_query(views.penilaian, penilaian_id)
