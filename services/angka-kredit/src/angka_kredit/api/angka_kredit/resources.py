"""Angka kredit: the list and search, one row, the PAK workflow, integrasi (one, or a file)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest.fields import Upload
from marshmallow import Schema

from kinerja_shared.auth import ADMIN_ROLES, login_required, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page, unpaged

from ... import views
from ...service_layer import alur, impor, integrasi
from . import schemas as sc

blp = Blueprint("angka_kredit", __name__, url_prefix="/angka-kredit",
                description="Angka kredit of functional positions and the PAK workflow. Every "
                            "action answers the row, as GET /angka-kredit/{id} does.")


def body(angka_kredit_id: str) -> dict:
    return run_query(views.detail, angka_kredit_id)


class BerkasSchema(Schema):
    berkas = Upload(required=True, metadata={
        "description": "CSV (comma or semicolon separated) or .xlsx, the header in row 1 "
                       "(nip or pegawai_id, ak_lama, tanggal); at most 50,000 rows"})


@blp.route("")
class AngkaKreditCollection(MethodView):
    @login_required
    @blp.arguments(sc.AngkaKreditQuery, location="query")
    @blp.response(200, sc.AngkaKreditSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """AK rows the caller may see, newest first: an admin every row of his instansi,
        anyone else his own and those he assesses (pejabat penilai, atasan pejabat penilai).
        Filters as the manual's list: tahun, nip, nama, jabatan, status, sumber; also
        pegawai_id, instansi_id (admin_pusat) and aktif."""
        return run_page(pagination_parameters, views.daftar, **args)


@blp.route("/<angka_kredit_id>")
class AngkaKreditById(MethodView):
    @login_required
    @blp.response(200, sc.AngkaKreditDetailSchema)
    def get(self, angka_kredit_id):
        """One row with its documents' content: pegawai, jabatan, pangkat, predikat,
        persentase, koefisien, months, AK, akumulasi, kebutuhan and selisih, conclusion, the
        PAK table, nomor and signer, and its riwayat. 404 unless the pegawai, his pejabat
        penilai or atasan pejabat penilai, or an admin of its instansi."""
        return body(angka_kredit_id)


@blp.route("/<angka_kredit_id>/riwayat")
class Riwayat(MethodView):
    @login_required
    @blp.response(200, sc.RiwayatSchema(many=True))
    @unpaged("the history of one AK row")
    def get(self, angka_kredit_id):
        """Every change of figures and status: who (null: the system), when, before, after,
        why."""
        return run_query(views.riwayat_ak, angka_kredit_id)


@blp.route("/<angka_kredit_id>/ajukan")
class Ajukan(MethodView):
    @login_required
    @blp.arguments(sc.AjukanInput)
    @blp.response(200, sc.AngkaKreditDetailSchema)
    def post(self, data, angka_kredit_id):
        """Submit the PAK (DRAFT -> DIAJUKAN; the pegawai, the pejabat penilai or an admin).
        Under MANUAL numbering `nomor_sk` is required (422) and unique per instansi and year
        of `tanggal_sk` (409); under OTOMATIS it is made at approval. 409 from another status
        or for a superseded row."""
        run_command(alur.ajukan, angka_kredit_id, **data)
        return body(angka_kredit_id)


@blp.route("/<angka_kredit_id>/setujui")
class Setujui(MethodView):
    @login_required
    @blp.response(200, sc.AngkaKreditDetailSchema)
    def post(self, angka_kredit_id):
        """Approve (DIAJUKAN -> DISETUJUI; the pejabat penilai or an admin). Under OTOMATIS
        numbering the nomor SK is made now from the instansi's format with the next number of
        the year: gapless, and never shared by two approvals, however concurrent."""
        run_command(alur.setujui, angka_kredit_id)
        return body(angka_kredit_id)


@blp.route("/<angka_kredit_id>/tandatangani")
class Tandatangani(MethodView):
    @login_required
    @blp.arguments(sc.TandatanganiInput)
    @blp.response(200, sc.AngkaKreditDetailSchema)
    def post(self, data, angka_kredit_id):
        """Sign (DISETUJUI -> DITANDATANGANI) by TTE or wet signature (the pejabat penilai or
        an admin); publishes PakDitandatangani with the template in force. A signed PAK never
        changes: a later change of its predikat supersedes it with a correcting PAK."""
        run_command(alur.tandatangani, angka_kredit_id, **data)
        return body(angka_kredit_id)


@blp.route("/ajukan-massal")
class AjukanMassal(MethodView):
    @login_required
    @blp.arguments(sc.AjukanMassalInput)
    @blp.response(200, sc.HasilMassalSchema)
    def post(self, data):
        """Submit many PAK at once, one tempat and tanggal SK for all (under MANUAL numbering
        each item's `nomor_sk`). All or nothing: each row as one call would leave it
        (riwayat, events); the first refusal is answered, naming the row (404, 403, 409 or
        422 as for one row), and no row is changed."""
        return run_command(alur.ajukan_massal, data["items"], tempat=data["tempat"],
                           tanggal_sk=data["tanggal_sk"])


@blp.route("/setujui-massal")
class SetujuiMassal(MethodView):
    @login_required
    @blp.arguments(sc.SetujuiMassalInput)
    @blp.response(200, sc.HasilMassalSchema)
    def post(self, data):
        """Approve many PAK at once (under OTOMATIS numbering each gets the next number, in
        the order given). All or nothing: each row as one call would leave it (riwayat,
        events); the first refusal is answered, naming the row (404, 403, 409 or 422 as for
        one row), and no row is changed."""
        return run_command(alur.setujui_massal, data["angka_kredit_ids"])


@blp.route("/tandatangani-massal")
class TandatanganiMassal(MethodView):
    @login_required
    @blp.arguments(sc.TandatanganiMassalInput)
    @blp.response(200, sc.HasilMassalSchema)
    def post(self, data):
        """Sign many PAK at once, by one method (TTE or wet signature) and signer. All or
        nothing: each row as one call would leave it (riwayat, events, PakDitandatangani);
        the first refusal is answered, naming the row (404, 403, 409 or 422 as for one row),
        and no row is changed."""
        return run_command(alur.tandatangani_massal, data["angka_kredit_ids"],
                           metode=data["metode"], penandatangan=data["penandatangan"])


@blp.route("/<angka_kredit_id>/kembalikan")
class Kembalikan(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.AlasanInput)
    @blp.response(200, sc.AngkaKreditDetailSchema)
    def post(self, data, angka_kredit_id):
        """An admin returns a submitted or approved PAK to DRAFT with a reason ("Kembalikan ke
        Draf"); a nomor SK already given stays with it."""
        run_command(alur.kembalikan, angka_kredit_id, **data)
        return body(angka_kredit_id)


@blp.route("/<angka_kredit_id>/batalkan")
class Batalkan(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.AlasanInput)
    @blp.response(200, sc.AngkaKreditDetailSchema)
    def post(self, data, angka_kredit_id):
        """An admin cancels an unsigned integrasi (-> DIBATALKAN, kept) so it can be made
        again; a konversi follows its predikat and cannot be cancelled (409)."""
        run_command(integrasi.batalkan, angka_kredit_id, **data)
        return body(angka_kredit_id)


@blp.route("/integrasi")
class Integrasi(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.IntegrasiInput)
    @blp.response(201, sc.AngkaKreditDetailSchema)
    def post(self, data):
        """Integrasi: the one-time carry-over of a pegawai's pre-2023 AK, AK lama − nilai dasar
        of the jenjang held on `tanggal` (Ahli Pertama 100, Ahli Muda 200, Ahli Madya 400, Ahli
        Utama 850; keterampilan as the instansi's pengaturan sets them). 409 when the pegawai
        already has one; 422 per field for an AK lama below the nilai dasar, a pegawai who was
        no JF then, a date outside 2000-01-01..today."""
        angka_kredit_id = run_command(integrasi.buat, **data)
        return created(body(angka_kredit_id), AngkaKreditById, angka_kredit_id=angka_kredit_id)


@blp.route("/integrasi/impor")
class ImporIntegrasi(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.ImporQuery, location="query")
    @blp.arguments(BerkasSchema, location="files")
    @blp.response(200, sc.HasilImporSchema)
    def post(self, query, files):
        """Integrasi from a CSV or Excel file (columns nip or pegawai_id, ak_lama, tanggal as
        YYYY-MM-DD), every row checked as POST /angka-kredit/integrasi checks it. With any row
        error nothing is saved: 422 with `galat` per row (or, with `dry_run`, 200 with the same
        `galat` and what each valid row would give)."""
        berkas = files["berkas"]
        run = run_query if query["dry_run"] else run_command
        return run(impor.impor, instansi_id=query["instansi_id"] or None,
                   nama_berkas=berkas.filename or "", berkas=berkas.read(),
                   dry_run=query["dry_run"])
