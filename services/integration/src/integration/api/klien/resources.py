"""Service accounts of pipelines (admin_instansi manages them) and their token endpoint."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import roles_required
from kinerja_shared.runtime.runtime import current_runtime
from kinerja_shared.web.commands import run_command, run_public_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page
from kinerja_shared.web.problems import Problem

from ...service_layer import klien as svc

blp = Blueprint("klien", __name__, url_prefix="/klien",
                description="Service accounts of pipelines (OAuth2 client credentials)")
oauth = Blueprint("oauth", __name__, url_prefix="/oauth",
                  description="Tokens of service accounts (RFC 6749 client credentials)")


class KlienBaruSchema(Schema):
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    scopes = fields.List(fields.Str(validate=validate.OneOf(svc.SCOPES)), required=True,
                         validate=validate.Length(min=1, max=len(svc.SCOPES)))


class KlienSchema(Schema):
    id = fields.Str()
    instansi_id = fields.Str(metadata={"description": "the one instansi it reads"})
    nama = fields.Str()
    client_id = fields.Str()
    scopes = fields.List(fields.Str())
    aktif = fields.Bool()
    dibuat_at = fields.DateTime()
    dibuat_oleh = fields.Str(allow_none=True)


class KlienDibuatSchema(KlienSchema):
    client_secret = fields.Str(metadata={"description": "shown once; store it now"})


class TokenSchema(Schema):
    grant_type = fields.Str(required=True, validate=validate.Equal("client_credentials"))
    client_id = fields.Str(validate=validate.Length(max=100), metadata={
        "description": "or in HTTP Basic"})
    client_secret = fields.Str(validate=validate.Length(max=200), metadata={
        "description": "or in HTTP Basic"})
    scope = fields.Str(validate=validate.Length(max=200), metadata={
        "description": "space-separated subset of the client's scopes"})


class TokenJawabSchema(Schema):
    access_token = fields.Str()
    token_type = fields.Str(metadata={"example": "Bearer"})
    expires_in = fields.Int(metadata={"example": 3600})
    scope = fields.Str(metadata={"example": "feed:predikat export"})


@blp.route("")
class KlienList(MethodView):
    @roles_required("admin_instansi")
    @blp.response(200, KlienSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """Active service accounts of the caller's instansi (secrets never shown again)."""
        return run_page(pagination_parameters, svc.daftar)

    @roles_required("admin_instansi")
    @blp.arguments(KlienBaruSchema)
    @blp.response(201, KlienDibuatSchema)
    def post(self, data):
        """A service account for a pipeline, reading the caller's instansi only, with scopes
        `feed:predikat`, `feed:angka-kredit`, `feed:sinkron`, `export`. The answer is the only
        one that shows `client_secret`."""
        row = run_command(svc.buat, **data)
        return created(row, KlienById, klien_id=row["id"])


@blp.route("/<klien_id>")
class KlienById(MethodView):
    @roles_required("admin_instansi")
    @blp.response(200, KlienSchema)
    def get(self, klien_id):
        """One service account."""
        return run_query(svc.ambil, klien_id)

    @roles_required("admin_instansi")
    @blp.response(204)
    def delete(self, klien_id):
        """Revoke a service account: its tokens stop working at once."""
        run_command(svc.cabut, klien_id)


@oauth.route("/token")
class Token(MethodView):
    @oauth.arguments(TokenSchema, location="form")
    @oauth.response(200, TokenJawabSchema)
    @oauth.alt_response(401, description="Unknown client or wrong secret (`invalid_client`)")
    def post(self, data):
        """RFC 6749 §4.4 client credentials, form-encoded; the client authenticates with HTTP
        Basic (`client_id:client_secret`) or in the form. Example:

            curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials \\
                 https://kinerja.example.go.id/api/integration/oauth/token
        """
        auth = request.authorization
        client_id = data.get("client_id") or (auth.username if auth else None)
        client_secret = data.get("client_secret") or (auth.password if auth else None)
        if auth and data.get("client_id") and auth.username != data["client_id"]:
            raise Problem(400, "Kredensial klien ganda yang berbeda.", type="invalid_request")
        return run_public_command(svc.token, client_id=client_id, client_secret=client_secret,
                                  scope=data.get("scope"),
                                  ttl=current_runtime().components.settings.client_token_ttl)
