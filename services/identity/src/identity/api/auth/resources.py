"""Login, own account (password, log out everywhere), JWKS and signing-key rotation."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import ROLE_ADMIN_PUSAT, current_principal, login_required, roles_required

from ...service_layer import akun, kunci, sesi
from ...service_layer import pegawai as pegawai_svc
from ..common import comp, runtime, uow
from ..pegawai.schemas import PegawaiSchema
from .schemas import GantiPasswordSchema, KunciSchema, LoginSchema, RotasiArgsSchema, TokenSchema

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Login dan akun sendiri")
jwks_blp = Blueprint("jwks", __name__, url_prefix="/.well-known",
                     description="Kunci publik penandatangan token")


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="NIP atau kata sandi salah")
    @blp.alt_response(429, description="Terlalu banyak percobaan gagal (lihat Retry-After)")
    def post(self, data):
        """Masuk dengan NIP (atau NIK) dan kata sandi; menghasilkan token akses RS256.

        Kegagalan berulang untuk satu NIP atau satu alamat klien dikunci sementara (429)."""
        return akun.login(runtime(), comp(), nip=data["nip"], password=data["password"],
                          client=request.remote_addr)


@blp.route("/me")
class Me(MethodView):
    @login_required
    @blp.response(200, PegawaiSchema)
    def get(self):
        """Data pegawai dan peran pengguna yang sedang masuk."""
        p = current_principal()
        return pegawai_svc.ambil(uow(), p, p.pegawai_id)


@blp.route("/password")
class Password(MethodView):
    @login_required
    @blp.arguments(GantiPasswordSchema)
    @blp.response(204)
    def post(self, data):
        """Ganti kata sandi sendiri (kata sandi lama wajib benar; baru minimal 8 karakter).

        Semua token yang sudah diterbitkan untuk akun ini, termasuk token permintaan ini,
        dicabut di semua layanan (401 "Sesi telah dicabut"); masuk lagi dengan kata sandi
        baru. Layanan lain menolaknya setelah peristiwa SesiDicabut tiba (beberapa detik)."""
        akun.ganti_password(runtime(), comp(), current_principal(), **data)


@blp.route("/keluar-semua")
class KeluarSemua(MethodView):
    @login_required
    @blp.response(204)
    def post(self):
        """Keluar dari semua perangkat: semua token akun ini yang sudah diterbitkan, termasuk
        token permintaan ini, dicabut di semua layanan. Login berikutnya berlaku seperti biasa."""
        p = current_principal()
        sesi.keluar_semua(uow(), p, p.pegawai_id)


@blp.route("/kunci")
class Kunci(MethodView):
    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.response(200, KunciSchema(many=True))
    def get(self):
        """Daftar kunci penandatangan (tanpa bagian privat)."""
        return kunci.daftar(comp())

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.arguments(RotasiArgsSchema, location="query")
    @blp.response(201, KunciSchema)
    def post(self, args):
        """Rotasi: kunci baru langsung diterbitkan di JWKS dan mulai menandatangani token
        setelah jeda penerbitan (`signs_from`), agar layanan lain sudah mengenalnya; kunci
        lama tetap memverifikasi sampai dipensiunkan. `?segera=true`: rotasi darurat, kunci
        baru menandatangani seketika."""
        return kunci.rotasi(comp(), oleh=_oleh(), segera=args["segera"])


@blp.route("/kunci/<kid>")
class KunciById(MethodView):
    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.response(204)
    def delete(self, kid):
        """Pensiunkan kunci: token yang ditandatanganinya tidak berlaku lagi. Kunci yang
        sedang menandatangani tidak dapat dipensiunkan (409); rotasi dahulu. Kunci yang
        menunggu (belum menandatangani) boleh dipensiunkan."""
        kunci.pensiunkan(comp(), kid, oleh=_oleh())


def _oleh() -> str:
    p = current_principal()
    return f"pegawai {p.pegawai_id} (NIP {p.nip}) via HTTP from {request.remote_addr}"


@jwks_blp.route("/jwks.json")
class Jwks(MethodView):
    @jwks_blp.response(200)
    def get(self):
        """JWKS: kunci publik RS256 untuk memverifikasi token (tanpa autentikasi)."""
        return comp().keys.jwks()
