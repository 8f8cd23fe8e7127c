"""Pegawai: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import ADMIN_ROLES, current_principal, login_required, roles_required

from ...service_layer import akun, sesi
from ...service_layer import pegawai as svc
from ..common import comp, page_of, runtime, uow
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
        """Cari pegawai instansi sendiri (admin pusat: semua) menurut `nip` (awalan), `nama`
        (minimal 3 huruf), `unor_id` dan lainnya; berhalaman."""
        p = current_principal()
        return page_of(pagination_parameters, lambda page, size: svc.daftar(
            uow(), p, filters=filters, page=page, page_size=size))

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PegawaiBaruSchema)
    @blp.response(201, PegawaiSchema)
    @blp.alt_response(409, description="NIP sudah terdaftar")
    def post(self, data):
        """Tambah pegawai; instansi mengikuti unor. NIP 18 digit diperiksa."""
        return svc.buat(uow(), current_principal(), data, passwords=comp().passwords)


@blp.route("/non-asn")
class PegawaiNonAsn(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PegawaiNonAsnSchema)
    @blp.response(201, PegawaiSchema)
    @blp.alt_response(409, description="NIK sudah terdaftar")
    def post(self, data):
        """Tambah JPT non-ASN (mis. bupati) yang dikenali dengan NIK 16 digit."""
        data = {**data, "non_asn": True, "kategori_jabatan": data.get("kategori_jabatan") or "JPT"}
        return svc.buat(uow(), current_principal(), data, passwords=comp().passwords)


@blp.route("/<pegawai_id>")
class PegawaiById(MethodView):
    @login_required
    @blp.response(200, PegawaiSchema)
    def get(self, pegawai_id):
        """Satu pegawai (pengguna instansi yang sama)."""
        return svc.ambil(uow(), current_principal(), pegawai_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PegawaiUbahSchema)
    @blp.response(200, PegawaiSchema)
    def patch(self, data, pegawai_id):
        """Ubah data pegawai (admin instansinya). Menonaktifkan (`aktif: false`), mengganti
        kata sandi, mencabut peran, atau memindahkan ke instansi lain mencabut semua token
        pegawai itu yang sudah diterbitkan."""
        return svc.ubah(uow(), current_principal(), pegawai_id, data, passwords=comp().passwords)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    @blp.alt_response(409, description="masih dirujuk PLT/PLH")
    def delete(self, pegawai_id):
        """Hapus pegawai; 409 selama masih tercatat sebagai PLT/PLH. Token pegawai itu
        dicabut."""
        svc.hapus(uow(), current_principal(), pegawai_id)


@blp.route("/<pegawai_id>/password")
class PegawaiPassword(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(ResetPasswordSchema)
    @blp.response(204)
    def post(self, data, pegawai_id):
        """Atur ulang kata sandi pegawai (admin instansinya) dan buka kunci login-nya. Semua
        token pegawai itu yang sudah diterbitkan dicabut di semua layanan."""
        akun.reset_password(runtime(), comp(), current_principal(), pegawai_id,
                            password_baru=data["password_baru"])


@blp.route("/<pegawai_id>/keluar-semua")
class PegawaiKeluarSemua(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    @blp.alt_response(404, description="pegawai tidak ada atau instansi lain")
    def post(self, pegawai_id):
        """Keluarkan pegawai dari semua perangkat (admin instansinya; akun admin pusat hanya
        oleh admin pusat): semua token yang sudah diterbitkan untuknya dicabut di semua
        layanan, misalnya saat perangkatnya hilang atau tokennya diduga dicuri."""
        sesi.keluar_semua(uow(), current_principal(), pegawai_id)
