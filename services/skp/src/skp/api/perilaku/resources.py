"""Perilaku kerja of an SKP (part of the SKP aggregate): the seven aspects, set penilai,
ekspektasi khusus. Writes answer the whole SKP."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from kinerja_shared.auth import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, unpaged

from ...service_layer import perilaku_service
from ...views import skp as views
from ..fields import PenilaiPerilaku, enum
from ..skp.resources import skp_body
from ..skp.schemas import PerilakuSchema, SkpDetailSchema

blp = Blueprint("perilaku", __name__, url_prefix="/skp",
                description="Perilaku kerja (the seven BerAKHLAK aspects) of an SKP: who gives "
                            "the feedback (set penilai) and the ekspektasi khusus. Writes answer "
                            "the whole SKP.")
ASPEK = (" ``aspek`` is one of BERORIENTASI_PELAYANAN, AKUNTABEL, KOMPETEN, HARMONIS, LOYAL, "
         "ADAPTIF, KOLABORATIF (422 on ``aspek`` otherwise).")


def _aspek(method):
    """Append the values the ``aspek`` path segment takes to the OpenAPI description."""
    method.__doc__ = (method.__doc__ or "").rstrip() + ASPEK
    return method


class SetPenilaiSchema(Schema):
    penilai = enum(PenilaiPerilaku, required=True)
    penilai_pegawai_id = fields.String(allow_none=True, metadata={
        "description": "required for REKAN and BAWAHAN; ATASAN defaults to the pejabat penilai"})


class EkspektasiSchema(Schema):
    ekspektasi_khusus = fields.String(required=True, allow_none=True)


@blp.route("/<skp_id>/perilaku")
class PerilakuCollection(MethodView):
    @login_required
    @blp.response(200, PerilakuSchema(many=True))
    @unpaged("the seven perilaku aspects of one SKP")
    def get(self, skp_id):
        """The seven aspects, always present, with their official indicators, the ekspektasi
        khusus and who gives the feedback."""
        return run_query(views.perilaku, skp_id)


@blp.route("/<skp_id>/perilaku/<aspek>")
class SetPenilai(MethodView):
    @_aspek
    @login_required
    @blp.arguments(SetPenilaiSchema)
    @blp.response(200, SkpDetailSchema)
    def put(self, data, skp_id, aspek):
        """Set penilai of one aspect (owner, DRAFT or DIKEMBALIKAN): ATASAN, REKAN or BAWAHAN;
        the person must stand in that relation to the owner on the SKP's start date or today
        (422 on ``penilai_pegawai_id``). Answers the SKP."""
        run_command(perilaku_service.set_penilai, skp_id, aspek, data["penilai"],
                    data.get("penilai_pegawai_id"))
        return skp_body(skp_id)


@blp.route("/<skp_id>/perilaku/<aspek>/ekspektasi")
class Ekspektasi(MethodView):
    @_aspek
    @login_required
    @blp.arguments(EkspektasiSchema)
    @blp.response(200, SkpDetailSchema)
    def put(self, data, skp_id, aspek):
        """Ekspektasi khusus pimpinan of one aspect (the pejabat penilai; 409 once approved).
        Answers the SKP."""
        run_command(perilaku_service.set_ekspektasi, skp_id, aspek, data["ekspektasi_khusus"])
        return skp_body(skp_id)
