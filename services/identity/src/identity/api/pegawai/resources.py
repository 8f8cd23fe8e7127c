"""Pegawai: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import ADMIN_ROLES, login_required, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import akun, sesi
from ...service_layer import pegawai as svc
from ..common import comp
from .schemas import (
    PegawaiBaruSchema,
    PegawaiNonAsnSchema,
    PegawaiQuerySchema,
    PegawaiSchema,
    PegawaiUbahSchema,
    ResetPasswordSchema,
)

blp = Blueprint("pegawai", __name__, url_prefix="/pegawai", description="Pegawai")


@blp.route("")
class PegawaiList(MethodView):
    @login_required
    @blp.arguments(PegawaiQuerySchema, location="query")
    @blp.response(200, PegawaiSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Search the pegawai of the caller's instansi (admin_pusat: every instansi) by `nip`
        (prefix), `nama` (at least 3 letters), `unor_id`, `status_kepegawaian` and more; by
        name."""
        return run_page(pagination_parameters, svc.daftar, filters=filters)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PegawaiBaruSchema)
    @blp.response(201, PegawaiSchema)
    @blp.alt_response(409, description="The NIP is registered already")
    def post(self, data):
        """Add a pegawai; the instansi follows the unor. `Location` names it."""
        row = run_command(svc.buat, data, passwords=comp().passwords)
        return created(row, PegawaiById, pegawai_id=row["id"])


@blp.route("/non-asn")
class PegawaiNonAsn(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PegawaiNonAsnSchema)
    @blp.response(201, PegawaiSchema)
    @blp.alt_response(409, description="The NIK is registered already")
    def post(self, data):
        """Add a JPT non-ASN (e.g. a bupati), known by a 16-digit NIK; kategori_jabatan JPT
        unless given. `Location` names it."""
        data = {**data, "non_asn": True, "kategori_jabatan": data.get("kategori_jabatan") or "JPT"}
        row = run_command(svc.buat, data, passwords=comp().passwords)
        return created(row, PegawaiById, pegawai_id=row["id"])


@blp.route("/<pegawai_id>")
class PegawaiById(MethodView):
    @login_required
    @blp.response(200, PegawaiSchema)
    def get(self, pegawai_id):
        """One pegawai (users of the same instansi)."""
        return run_query(svc.ambil, pegawai_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PegawaiUbahSchema)
    @blp.response(200, PegawaiSchema)
    @blp.alt_response(409, description="The NIP is registered already")
    def patch(self, data, pegawai_id):
        """Change a pegawai (the admins of their instansi; an admin_pusat account only an
        admin_pusat). Deactivating (`aktif: false`, or a `status_kepegawaian` that ends the
        service: PENSIUN, PINDAH, BERHENTI, MENINGGAL), setting a password, taking a role away
        or moving the pegawai to another instansi revokes every token issued to them so far.
        A changed golongan or status without its TMT (`tmt_golongan`, `tmt_status`) clears
        that TMT."""
        return run_command(svc.ubah, pegawai_id, data, passwords=comp().passwords)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    @blp.alt_response(409, description="Still named by a PLT/PLH or as the instansi's "
                                       "pemutus keberatan, or one's own account")
    def delete(self, pegawai_id):
        """Delete a pegawai; 409 while a PLT/PLH names them or the instansi's `pengaturan`
        names them as `pemutus_keberatan_pegawai_id`, and for one's own account. Their tokens
        are revoked."""
        run_command(svc.hapus, pegawai_id)


@blp.route("/<pegawai_id>/password")
class PegawaiPassword(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(ResetPasswordSchema)
    @blp.response(200, PegawaiSchema)
    def post(self, data, pegawai_id):
        """Reset a pegawai's password (the admins of their instansi; an admin_pusat account
        only an admin_pusat) and lift the login lock of their NIP. Every token issued to them
        so far is revoked in every service. Answers the pegawai."""
        return run_command(akun.reset_password, comp().passwords, pegawai_id,
                           password_baru=data["password_baru"])


@blp.route("/<pegawai_id>/keluar-semua")
class PegawaiKeluarSemua(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, PegawaiSchema)
    @blp.alt_response(404, description="No such pegawai, or one of another instansi")
    def post(self, pegawai_id):
        """Log a pegawai out everywhere (the admins of their instansi; an admin_pusat account
        only an admin_pusat): every token issued to them so far is revoked in every service
        (401 "Sesi telah dicabut"), e.g. when a phone is lost or a token is thought stolen.
        Answers the pegawai."""
        return run_command(sesi.keluar_semua, pegawai_id)
