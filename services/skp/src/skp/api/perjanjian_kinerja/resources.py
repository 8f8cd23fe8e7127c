"""Perjanjian Kinerja (JPT) per year: sasaran strategis and their indikator."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from kinerja_shared.auth import current_principal, login_required

from ... import views
from ...adapters.skp_tables import perjanjian_kinerja as pk
from ...service_layer import perjanjian
from ..common import baca, jalankan
from .schemas import (PerjanjianKinerjaSchema, PkIndikatorPatchSchema, PkIndikatorSchema,
                      PkQuerySchema, SasaranPatchSchema, SasaranSchema)

blp = Blueprint("perjanjian_kinerja", __name__, url_prefix="/perjanjian-kinerja",
                description="Perjanjian Kinerja: sasaran strategis, indikator, target, satuan.")


def _pk(pk_id: str) -> dict:
    return baca(lambda s: views.perjanjian(s, perjanjian.muat(s, current_principal(), pk_id)))


@blp.route("")
class PkCollection(MethodView):
    @login_required
    @blp.arguments(PkQuerySchema, location="query")
    @blp.response(200, PerjanjianKinerjaSchema(many=True))
    def get(self, args):
        """Own Perjanjian Kinerja (admins: those of their instansi); filters tahun, pegawai_id."""
        p = current_principal()
        stmt = select(pk).order_by(pk.c.tahun.desc())
        if p.is_admin_instansi and not p.is_admin_pusat:
            stmt = stmt.where(pk.c.instansi_id == p.instansi_id)
        elif not p.is_admin_pusat:
            stmt = stmt.where(pk.c.pegawai_id == p.pegawai_id)
        for field in ("tahun", "pegawai_id"):
            if args.get(field):
                stmt = stmt.where(pk.c[field] == args[field])
        return baca(views.daftar_perjanjian, stmt)

    @login_required
    @blp.arguments(PerjanjianKinerjaSchema)
    @blp.response(201, PerjanjianKinerjaSchema)
    def post(self, data):
        """New Perjanjian Kinerja of the caller for ``tahun`` (optionally with its sasaran and
        indikator at once); 409 when that year's exists."""
        return _pk(jalankan(perjanjian.buat, data))


@blp.route("/<pk_id>")
class PkById(MethodView):
    @login_required
    @blp.response(200, PerjanjianKinerjaSchema)
    def get(self, pk_id):
        """One Perjanjian Kinerja with its sasaran and indikator (owner, admins)."""
        return _pk(pk_id)

    @login_required
    @blp.response(204)
    def delete(self, pk_id):
        """Delete a Perjanjian Kinerja (owner)."""
        jalankan(perjanjian.hapus, pk_id)


@blp.route("/<pk_id>/sasaran")
class SasaranCollection(MethodView):
    @login_required
    @blp.arguments(SasaranSchema)
    @blp.response(201, PerjanjianKinerjaSchema)
    def post(self, data, pk_id):
        """Add a sasaran strategis (with indikator, optionally) (owner)."""
        jalankan(perjanjian.tambah_sasaran, pk_id, data)
        return _pk(pk_id)


@blp.route("/<pk_id>/sasaran/<sid>")
class SasaranById(MethodView):
    @login_required
    @blp.arguments(SasaranPatchSchema)
    @blp.response(200, PerjanjianKinerjaSchema)
    def patch(self, data, pk_id, sid):
        """Change a sasaran strategis (owner)."""
        jalankan(perjanjian.ubah_sasaran, pk_id, sid, data)
        return _pk(pk_id)

    @login_required
    @blp.response(200, PerjanjianKinerjaSchema)
    def delete(self, pk_id, sid):
        """Delete a sasaran strategis with its indikator (owner)."""
        jalankan(perjanjian.hapus_sasaran, pk_id, sid)
        return _pk(pk_id)


@blp.route("/<pk_id>/sasaran/<sid>/indikator")
class PkIndikatorCollection(MethodView):
    @login_required
    @blp.arguments(PkIndikatorSchema)
    @blp.response(201, PerjanjianKinerjaSchema)
    def post(self, data, pk_id, sid):
        """Add an indikator with target and satuan (owner)."""
        jalankan(perjanjian.tambah_indikator, pk_id, sid, data)
        return _pk(pk_id)


@blp.route("/<pk_id>/sasaran/<sid>/indikator/<iid>")
class PkIndikatorById(MethodView):
    @login_required
    @blp.arguments(PkIndikatorPatchSchema)
    @blp.response(200, PerjanjianKinerjaSchema)
    def patch(self, data, pk_id, sid, iid):
        """Change an indikator (owner)."""
        jalankan(perjanjian.ubah_indikator, pk_id, sid, iid, data)
        return _pk(pk_id)

    @login_required
    @blp.response(200, PerjanjianKinerjaSchema)
    def delete(self, pk_id, sid, iid):
        """Delete an indikator (owner)."""
        jalankan(perjanjian.hapus_indikator, pk_id, sid, iid)
        return _pk(pk_id)
