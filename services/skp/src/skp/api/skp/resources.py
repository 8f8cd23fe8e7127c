"""SKP: create, read, list, change, delete; the workflow actions; history."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page, unpaged

from ...service_layer import alur, perjanjian, skp_service
from ...views import skp as views
from .schemas import (BatalkanSchema, KembalikanSchema, RiwayatSchema, SalinPkSchema,
                      SkpCreateSchema, SkpDetailSchema, SkpPatchSchema, SkpQuerySchema,
                      SkpSchema)

blp = Blueprint("skp", __name__, url_prefix="/skp",
                description="Sasaran Kinerja Pegawai (SKP) and its approval workflow. Every "
                            "write to an SKP answers the whole SKP, as GET /skp/{id} does.")


def skp_body(skp_id: str) -> dict:
    """The SKP aggregate as GET /skp/{id} answers it (what every write to an SKP answers)."""
    return run_query(views.skp, skp_id)


@blp.route("")
class SkpCollection(MethodView):
    @login_required
    @blp.arguments(SkpQuerySchema, location="query")
    @blp.response(200, SkpSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """SKPs the caller may see: his own, those he assesses (or is atasan penilai of), every
        SKP of his instansi for an admin; newest first. Filters: pegawai_id, tahun, status,
        jenis, unor_id."""
        return run_page(pagination_parameters, views.daftar, **args)

    @login_required
    @blp.arguments(SkpCreateSchema)
    @blp.response(201, SkpDetailSchema)
    def post(self, data):
        """New SKP in DRAFT for the caller (an admin may name ``pegawai_id``). ``jenis`` follows
        the kategori jabatan (JPT, or head of a mandiri unor); ``model`` defaults to the
        instansi's setting; the pejabat penilai is resolved on ``periode_awal`` from the unor
        tree, PLT/PLH and manual relasi, unless ``pejabat_penilai_nip`` names him (DKI).
        ``plt_unor_id`` makes the separate SKP of a PLT/PLH role. 409 when an SKP of the same
        role overlaps the dates; 422 for an end before the start or in another year. Answers
        the new SKP; ``Location`` is /skp/{id}."""
        skp_id = run_command(skp_service.buat, data)
        return created(skp_body(skp_id), SkpById, skp_id=skp_id)


@blp.route("/bawahan")
class SkpBawahan(MethodView):
    @login_required
    @blp.arguments(SkpQuerySchema, location="query")
    @blp.response(200, SkpSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """SKPs the caller assesses as pejabat penilai (filters as GET /skp)."""
        return run_page(pagination_parameters, views.bawahan, **args)


@blp.route("/<skp_id>")
class SkpById(MethodView):
    @login_required
    @blp.response(200, SkpDetailSchema)
    def get(self, skp_id):
        """The whole SKP: RHK with indikator and Matriks Peran Hasil, the seven perilaku aspects,
        status, pejabat penilai and his atasan, and its history (`riwayat`). 404 unless owner,
        penilai, atasan penilai or an admin of its instansi."""
        return skp_body(skp_id)

    @login_required
    @blp.arguments(SkpPatchSchema)
    @blp.response(200, SkpDetailSchema)
    def patch(self, data, skp_id):
        """Change dates, pendekatan, model or pejabat penilai (owner; DRAFT or DIKEMBALIKAN).
        409 for a model change once the SKP has an RHK, or dates overlapping another SKP of
        the same role."""
        run_command(skp_service.ubah, skp_id, data)
        return skp_body(skp_id)

    @login_required
    @blp.response(204)
    def delete(self, skp_id):
        """Delete an SKP (owner; DRAFT or DIKEMBALIKAN)."""
        run_command(skp_service.hapus, skp_id)


@blp.route("/<skp_id>/ajukan")
class Ajukan(MethodView):
    @login_required
    @blp.response(200, SkpDetailSchema)
    def post(self, skp_id):
        """Owner sends the SKP to his pejabat penilai (DRAFT or DIKEMBALIKAN -> DIAJUKAN;
        publishes SkpDiajukan). The SKP JPT of a mandiri unor is approved at once (publishes
        SkpDisetujui). 422 without an RHK utama or (PermenPAN-RB 6/2022) with an RHK lacking
        indikator; 409 without a pejabat penilai."""
        run_command(alur.ajukan, skp_id)
        return skp_body(skp_id)


@blp.route("/<skp_id>/kembalikan")
class Kembalikan(MethodView):
    @login_required
    @blp.arguments(KembalikanSchema)
    @blp.response(200, SkpDetailSchema)
    def post(self, data, skp_id):
        """Pejabat penilai returns the SKP with a note (DIAJUKAN -> DIKEMBALIKAN; publishes
        SkpDikembalikan)."""
        run_command(alur.kembalikan, skp_id, data["catatan"])
        return skp_body(skp_id)


@blp.route("/<skp_id>/setujui")
class Setujui(MethodView):
    @login_required
    @blp.response(200, SkpDetailSchema)
    def post(self, skp_id):
        """Pejabat penilai approves (DIAJUKAN -> DISETUJUI; publishes SkpDisetujui with the
        whole plan)."""
        run_command(alur.setujui, skp_id)
        return skp_body(skp_id)


@blp.route("/<skp_id>/batalkan")
class Batalkan(MethodView):
    @login_required
    @blp.arguments(BatalkanSchema)
    @blp.response(200, SkpDetailSchema)
    def post(self, data, skp_id):
        """Admin of the instansi returns the SKP to DRAFT ("ubah status"); publishes
        SkpDibatalkan when it had been approved. 409 for an SKP already in DRAFT."""
        run_command(alur.batalkan, skp_id, data.get("alasan"))
        return skp_body(skp_id)


@blp.route("/<skp_id>/salin-perjanjian-kinerja")
class SalinPerjanjianKinerja(MethodView):
    @login_required
    @blp.arguments(SalinPkSchema)
    @blp.response(200, SkpDetailSchema)
    def post(self, data, skp_id):
        """Copy the owner's Perjanjian Kinerja of the same year into this SKP JPT in one action:
        each sasaran strategis becomes an RHK utama (referensi PERKIN) with its indikator.
        422 on ``perjanjian_kinerja_id`` for an SKP JF/JA or a PK of another pegawai or year."""
        run_command(perjanjian.salin_ke_skp, skp_id, data["perjanjian_kinerja_id"])
        return skp_body(skp_id)


@blp.route("/<skp_id>/riwayat")
class Riwayat(MethodView):
    @login_required
    @blp.response(200, RiwayatSchema(many=True))
    @unpaged("the history of one SKP")
    def get(self, skp_id):
        """Who changed what and when (before and after), oldest first."""
        return run_query(views.riwayat, skp_id)
