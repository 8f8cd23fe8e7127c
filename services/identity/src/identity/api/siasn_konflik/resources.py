"""GET /siasn-konflik: what a SIASN pull would have overwritten here, for admins to decide."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import ADMIN_ROLES, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, run_page

from ...service_layer import siasn_konflik as svc

blp = Blueprint("siasn_konflik", __name__, url_prefix="/siasn-konflik",
                description="Conflicts between local edits and SIASN's pulled data")


class KonflikQuerySchema(Schema):
    status = fields.Str(validate=validate.OneOf((svc.TERBUKA, svc.DITERIMA, svc.DITOLAK)))
    entitas = fields.Str(validate=validate.OneOf(("pegawai", "unor")))
    kunci = fields.Str(metadata={"description": "NIP or SIASN unit id"})
    instansi_id = fields.Str(metadata={"description": "admin_pusat only"})


class KonflikSchema(Schema):
    id = fields.Str()
    instansi_id = fields.Str()
    entitas = fields.Str(metadata={"description": "`pegawai` or `unor`"})
    entitas_id = fields.Str()
    kunci = fields.Str(metadata={"description": "NIP or SIASN unit id"})
    nama = fields.Str(allow_none=True)
    field = fields.Str(metadata={"description": "the field both sides changed"})
    nilai_lokal = fields.Raw(allow_none=True, metadata={"description": "kept here"})
    nilai_siasn = fields.Raw(allow_none=True, metadata={"description": "what SIASN says"})
    status = fields.Str(metadata={"description": "TERBUKA, DITERIMA (SIASN's value taken), "
                                                 "DITOLAK (ours kept)"})
    sinkron_id = fields.Str(allow_none=True, metadata={"description": "integration's pull"})
    dibuat_at = fields.DateTime()
    diperbarui_at = fields.DateTime()
    diselesaikan_at = fields.DateTime(allow_none=True)
    diselesaikan_oleh = fields.Str(allow_none=True)


@blp.route("")
class KonflikList(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(KonflikQuerySchema, location="query")
    @blp.response(200, KonflikSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Conflicts of the caller's instansi, latest first: a field an admin changed here
        that a SIASN pull says otherwise (ours was kept)."""
        return run_page(pagination_parameters, svc.daftar, filters=filters)


@blp.route("/<konflik_id>")
class KonflikById(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, KonflikSchema)
    def get(self, konflik_id):
        """One conflict."""
        return run_query(svc.ambil, konflik_id)


@blp.route("/<konflik_id>/terima")
class Terima(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, KonflikSchema)
    @blp.alt_response(409, description="Already resolved")
    def post(self, konflik_id):
        """Take SIASN's value (applied as any change: riwayat, snapshot event)."""
        return run_command(svc.selesaikan, konflik_id, terima=True)


@blp.route("/<konflik_id>/tolak")
class Tolak(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, KonflikSchema)
    @blp.alt_response(409, description="Already resolved")
    def post(self, konflik_id):
        """Keep the local value."""
        return run_command(svc.selesaikan, konflik_id, terima=False)
