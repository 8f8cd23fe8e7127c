"""SKP: create, read, list, change, delete; the workflow actions; history."""
from __future__ import annotations

from datetime import date

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import func, or_, select

from kinerja_shared.auth import current_principal, login_required

from ... import views
from ...adapters.skp_tables import skp
from ...service_layer import akses, alur, perjanjian, skp_service
from ..common import baca, jalankan
from .schemas import (BatalkanSchema, KembalikanSchema, RiwayatSchema, SalinPkSchema,
                      SkpCreateSchema, SkpDetailSchema, SkpPatchSchema, SkpQuerySchema,
                      SkpSchema)

blp = Blueprint("skp", __name__, url_prefix="/skp",
                description="Sasaran Kinerja Pegawai dan alur persetujuannya.")


def _skp(skp_id: str) -> dict:
    return baca(views.satu_skp, skp_id)


def _filtered(args: dict, *where):
    stmt = select(skp).where(*where)
    for field in ("pegawai_id", "status", "jenis", "unor_id"):
        if args.get(field):
            stmt = stmt.where(skp.c[field] == args[field])
    if args.get("tahun"):
        t = args["tahun"]
        stmt = stmt.where(skp.c.periode_awal >= date(t, 1, 1), skp.c.periode_awal <= date(t, 12, 31))
    return stmt


def _page(stmt, pagination_parameters) -> list[dict]:
    def run(session):
        total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
        pagination_parameters.item_count = total
        page = stmt.order_by(skp.c.periode_awal.desc(), skp.c.id).offset(
            pagination_parameters.first_item).limit(pagination_parameters.page_size)
        return views.daftar_skp(session, page)
    return baca(run)


@blp.route("")
class SkpCollection(MethodView):
    @login_required
    @blp.arguments(SkpQuerySchema, location="query")
    @blp.response(200, SkpSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """SKPs the caller may see: his own, those he assesses (or is atasan penilai of), every
        SKP of his instansi for an admin. Filters: pegawai_id, tahun, status, jenis, unor_id."""
        p = current_principal()
        if p.is_admin_pusat:
            visible = ()
        elif p.is_admin_instansi:
            visible = (skp.c.instansi_id == p.instansi_id,)
        else:
            me = p.pegawai_id
            visible = (or_(skp.c.pegawai_id == me, skp.c.pejabat_penilai_id == me,
                           skp.c.atasan_pejabat_penilai_id == me),)
        return _page(_filtered(args, *visible), pagination_parameters)

    @login_required
    @blp.arguments(SkpCreateSchema)
    @blp.response(201, SkpSchema)
    def post(self, data):
        """New SKP in DRAFT for the caller (an admin may name ``pegawai_id``). ``jenis`` follows
        the kategori jabatan (JPT, or head of a mandiri unor); ``model`` defaults to the
        instansi's setting; the pejabat penilai is resolved on ``periode_awal`` from the unor
        tree, PLT/PLH and manual relasi, unless ``pejabat_penilai_nip`` names him (DKI).
        ``plt_unor_id`` makes the separate SKP of a PLT/PLH role. 409 when an SKP of the same
        role overlaps the dates; 422 for an end before the start."""
        return _skp(jalankan(skp_service.buat, data))


@blp.route("/bawahan")
class SkpBawahan(MethodView):
    @login_required
    @blp.arguments(SkpQuerySchema, location="query")
    @blp.response(200, SkpSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """SKPs the caller assesses as pejabat penilai (filters tahun, status, unor_id)."""
        me = current_principal().pegawai_id
        return _page(_filtered(args, skp.c.pejabat_penilai_id == me), pagination_parameters)


@blp.route("/<skp_id>")
class SkpById(MethodView):
    @login_required
    @blp.response(200, SkpDetailSchema)
    def get(self, skp_id):
        """The whole SKP: RHK with indikator and Matriks Peran Hasil, the seven perilaku aspects,
        status, pejabat penilai and his atasan, and its history (`riwayat`). 404 unless owner,
        penilai, atasan penilai or an admin of its instansi."""
        baca(akses.muat, current_principal(), skp_id)
        return {**_skp(skp_id), "riwayat": baca(views.riwayat_skp, skp_id)}

    @login_required
    @blp.arguments(SkpPatchSchema)
    @blp.response(200, SkpSchema)
    def patch(self, data, skp_id):
        """Change dates, pendekatan, model or pejabat penilai (owner; DRAFT or DIKEMBALIKAN)."""
        jalankan(skp_service.ubah, skp_id, data)
        return _skp(skp_id)

    @login_required
    @blp.response(204)
    def delete(self, skp_id):
        """Delete an SKP (owner; DRAFT or DIKEMBALIKAN)."""
        jalankan(skp_service.hapus, skp_id)


@blp.route("/<skp_id>/ajukan")
class Ajukan(MethodView):
    @login_required
    @blp.response(200, SkpSchema)
    def post(self, skp_id):
        """Owner sends the SKP to his pejabat penilai (DRAFT or DIKEMBALIKAN -> DIAJUKAN;
        publishes SkpDiajukan). The SKP JPT of a mandiri unor is approved at once (publishes
        SkpDisetujui). 422 without an RHK utama or with an RHK lacking indikator."""
        jalankan(alur.ajukan, skp_id)
        return _skp(skp_id)


@blp.route("/<skp_id>/kembalikan")
class Kembalikan(MethodView):
    @login_required
    @blp.arguments(KembalikanSchema)
    @blp.response(200, SkpSchema)
    def post(self, data, skp_id):
        """Pejabat penilai returns the SKP with a note (DIAJUKAN -> DIKEMBALIKAN; publishes
        SkpDikembalikan)."""
        jalankan(alur.kembalikan, skp_id, data["catatan"])
        return _skp(skp_id)


@blp.route("/<skp_id>/setujui")
class Setujui(MethodView):
    @login_required
    @blp.response(200, SkpSchema)
    def post(self, skp_id):
        """Pejabat penilai approves (DIAJUKAN -> DISETUJUI; publishes SkpDisetujui with the
        whole plan)."""
        jalankan(alur.setujui, skp_id)
        return _skp(skp_id)


@blp.route("/<skp_id>/batalkan")
class Batalkan(MethodView):
    @login_required
    @blp.arguments(BatalkanSchema)
    @blp.response(200, SkpSchema)
    def post(self, data, skp_id):
        """Admin of the instansi returns the SKP to DRAFT ("ubah status"); publishes
        SkpDibatalkan when it had been approved. 409 for an SKP already in DRAFT."""
        jalankan(alur.batalkan, skp_id, data.get("alasan"))
        return _skp(skp_id)


@blp.route("/<skp_id>/salin-perjanjian-kinerja")
class SalinPerjanjianKinerja(MethodView):
    @login_required
    @blp.arguments(SalinPkSchema)
    @blp.response(200, SkpSchema)
    def post(self, data, skp_id):
        """Copy the owner's Perjanjian Kinerja of the same year into this SKP JPT in one action:
        each sasaran strategis becomes an RHK utama (referensi PERKIN) with its indikator."""
        jalankan(perjanjian.salin_ke_skp, skp_id, data["perjanjian_kinerja_id"])
        return _skp(skp_id)


@blp.route("/<skp_id>/riwayat")
class Riwayat(MethodView):
    @login_required
    @blp.response(200, RiwayatSchema(many=True))
    def get(self, skp_id):
        """Who changed what and when (before and after), oldest first."""
        baca(akses.muat, current_principal(), skp_id)
        return baca(views.riwayat_skp, skp_id)
