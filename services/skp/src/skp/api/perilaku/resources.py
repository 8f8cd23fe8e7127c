"""Perilaku kerja of an SKP: the seven aspects, set penilai, ekspektasi khusus."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from kinerja_shared.auth import current_principal, login_required

from ... import views
from ...domain.errors import invalid
from ...service_layer import akses, perilaku_service
from ..common import baca, jalankan
from ..fields import AspekPerilaku, PenilaiPerilaku, enum
from ..skp.schemas import PerilakuSchema

blp = Blueprint("perilaku", __name__, url_prefix="/skp",
                description="Perilaku kerja (BerAKHLAK): set penilai dan ekspektasi khusus.")
ASPEK = list(AspekPerilaku.__args__)


class SetPenilaiSchema(Schema):
    penilai = enum(PenilaiPerilaku, required=True)
    penilai_pegawai_id = fields.String(allow_none=True, metadata={
        "description": "required for REKAN and BAWAHAN; ATASAN defaults to the pejabat penilai"})


class EkspektasiSchema(Schema):
    ekspektasi_khusus = fields.String(required=True, allow_none=True)


def _aspek(skp_id: str, aspek: str) -> dict:
    return next(p for p in baca(views.satu_skp, skp_id)["perilaku"] if p["aspek"] == aspek)


def _known(aspek: str) -> None:
    if aspek not in ASPEK:
        raise invalid("aspek", "Harus salah satu dari: " + ", ".join(ASPEK) + ".")


@blp.route("/<skp_id>/perilaku")
class PerilakuCollection(MethodView):
    @login_required
    @blp.response(200, PerilakuSchema(many=True))
    def get(self, skp_id):
        """The seven aspects, always present, with their official indicators, the ekspektasi
        khusus and who gives the feedback."""
        baca(akses.muat, current_principal(), skp_id)
        return baca(views.satu_skp, skp_id)["perilaku"]


@blp.route("/<skp_id>/perilaku/<aspek>")
class SetPenilai(MethodView):
    @login_required
    @blp.arguments(SetPenilaiSchema)
    @blp.response(200, PerilakuSchema)
    def put(self, data, skp_id, aspek):
        """Set penilai of one aspect (owner, DRAFT or DIKEMBALIKAN): ATASAN, REKAN or BAWAHAN;
        the person must stand in that relation to the owner (422 on ``penilai_pegawai_id``)."""
        _known(aspek)
        jalankan(perilaku_service.set_penilai, skp_id, aspek, data["penilai"],
                 data.get("penilai_pegawai_id"))
        return _aspek(skp_id, aspek)


@blp.route("/<skp_id>/perilaku/<aspek>/ekspektasi")
class Ekspektasi(MethodView):
    @login_required
    @blp.arguments(EkspektasiSchema)
    @blp.response(200, PerilakuSchema)
    def put(self, data, skp_id, aspek):
        """Ekspektasi khusus pimpinan of one aspect (the pejabat penilai; not once approved)."""
        _known(aspek)
        jalankan(perilaku_service.set_ekspektasi, skp_id, aspek, data["ekspektasi_khusus"])
        return _aspek(skp_id, aspek)
