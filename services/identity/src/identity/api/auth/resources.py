"""Login, own account (password, log out everywhere), JWKS and signing keys."""
from __future__ import annotations

from flask import request
from flask.views import MethodView

from kinerja_shared.auth import ROLE_ADMIN_PUSAT, current_principal, login_required, roles_required
from kinerja_shared.web.commands import (run_command, run_public_command, run_public_query,
                                         run_query)
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import akun, kunci, sesi, sesi_login
from ...service_layer import pegawai as pegawai_svc
from ..common import comp
from ..pegawai.schemas import PegawaiSchema
from .schemas import (GantiPasswordSchema, KeluarSchema, KunciSchema, LoginSchema,
                      RefreshSchema, RotasiArgsSchema, TokenSchema)

blp = Blueprint("auth", __name__, url_prefix="/auth",
                description="Login, the caller's own account, and the token signing keys")
jwks_blp = Blueprint("jwks", __name__, url_prefix="/.well-known",
                     description="Public keys that verify the tokens")


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="Wrong NIP or password (one answer for both)")
    @blp.alt_response(429, description="Too many failed attempts; see Retry-After")
    def post(self, data):
        """Log in with a NIP (or NIK) and password; answers an RS256 access token.

        Repeated failures for one NIP or from one client address lock that key for a while
        (429 with `Retry-After`). A token sent along with the request is ignored."""
        return run_public_command(akun.login, comp(), nip=data["nip"], password=data["password"],
                           client=request.remote_addr)


@blp.route("/refresh")
class Refresh(MethodView):
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="Unknown, spent, ended or expired refresh token")
    def post(self, data):
        """Spend a refresh token for a new access token and a new refresh token of the same
        login session (rotation).

        A spent refresh token presented again (more than a few seconds after it was spent)
        was copied: the whole session is ended, its access tokens revoked in every service,
        and the answer is 401. A session lasts a working day from its login
        (`KINERJA_IDENTITY_REFRESH_TTL`) and ends with a password change, a deactivation or
        "log out everywhere". A token sent along with the request is ignored."""
        return run_public_command(akun.refresh, comp(), refresh_token=data["refresh_token"])


@blp.route("/keluar")
class Keluar(MethodView):
    @blp.arguments(RefreshSchema)
    @blp.response(200, KeluarSchema)
    @blp.alt_response(401, description="Unknown refresh token")
    def post(self, data):
        """Log out: end the login session the refresh token belongs to. Its refresh tokens are
        refused from now on and its access tokens (claim `sid`) are revoked in every service
        (401 "Sesi telah dicabut"), the pegawai's other sessions stay. Ending an ended session
        again answers the same. A token sent along with the request is ignored."""
        return run_public_command(sesi_login.keluar, comp(),
                                  refresh_token=data["refresh_token"])


@blp.route("/me")
class Me(MethodView):
    @login_required
    @blp.response(200, PegawaiSchema)
    def get(self):
        """The caller's own pegawai record and roles."""
        return run_query(pegawai_svc.ambil, current_principal().pegawai_id)


@blp.route("/password")
class Password(MethodView):
    @login_required
    @blp.arguments(GantiPasswordSchema)
    @blp.response(200, PegawaiSchema)
    def post(self, data):
        """Change one's own password (the old one must be right; the new one has at least 8
        characters) and answer one's pegawai record.

        Every token issued for this account so far, this request's included, is revoked in
        every service (401 "Sesi telah dicabut"): log in again with the new password. The other
        services refuse them once the SesiDicabut event reached them (seconds)."""
        return run_command(akun.ganti_password, comp().passwords, **data)


@blp.route("/keluar-semua")
class KeluarSemua(MethodView):
    @login_required
    @blp.response(200, PegawaiSchema)
    def post(self):
        """Log out everywhere: every token issued for this account so far, this request's
        included, is revoked in every service (401 "Sesi telah dicabut"); the next login works
        as usual. Answers one's pegawai record."""
        return run_command(sesi.keluar_semua, current_principal().pegawai_id)


@blp.route("/kunci")
class Kunci(MethodView):
    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.response(200, KunciSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """The signing keys, newest first, without their private part (retired ones
        included)."""
        return run_page(pagination_parameters, kunci.daftar, comp())

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.arguments(RotasiArgsSchema, location="query")
    @blp.response(201, KunciSchema)
    def post(self, args):
        """Rotate: a new key, published in the JWKS at once, that signs tokens only after the
        publish delay (`signs_from`), so the other services know it before a token names it;
        older keys keep verifying until retired. `?segera=true`: an emergency rotation, the
        new key signs at once. Answers the new key; `Location` names it."""
        key = run_command(kunci.rotasi, comp(), oleh=_oleh(), segera=args["segera"])
        return created(key, KunciById, kid=key["kid"])


@blp.route("/kunci/<kid>")
class KunciById(MethodView):
    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.response(200, KunciSchema)
    def get(self, kid):
        """One signing key (a retired one too), without its private part."""
        return run_query(kunci.ambil, comp(), kid)

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.response(204)
    @blp.alt_response(409, description="The key signs new tokens now: rotate first")
    def delete(self, kid):
        """Retire a key: the tokens it signed stop verifying. The key that signs now cannot be
        retired (409): rotate first. A pending key (not signing yet) may be retired; an
        unknown or already retired key is 404."""
        run_command(kunci.pensiunkan, comp(), kid, oleh=_oleh())


def _oleh() -> str:
    p = current_principal()
    return f"pegawai {p.pegawai_id} (NIP {p.nip}) via HTTP from {request.remote_addr}"


@jwks_blp.route("/jwks.json")
class Jwks(MethodView):
    @jwks_blp.response(200)
    def get(self):
        """JWKS: the RS256 public keys that verify tokens (no authentication), pending keys
        included."""
        return run_public_query(kunci.jwks, comp())
