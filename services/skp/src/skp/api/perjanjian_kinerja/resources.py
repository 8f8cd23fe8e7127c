"""Perjanjian Kinerja (JPT) per year: sasaran strategis and their indikator. Every write
answers the whole Perjanjian Kinerja (GET /perjanjian-kinerja/{id}); a create also names what it
made in ``Location``."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import perjanjian
from ...views import perjanjian as views
from .schemas import (PerjanjianKinerjaSchema, PkIndikatorPatchSchema, PkIndikatorSchema,
                      PkQuerySchema, SasaranPatchSchema, SasaranSchema)

blp = Blueprint("perjanjian_kinerja", __name__, url_prefix="/perjanjian-kinerja",
                description="Perjanjian Kinerja of a JPT per year: sasaran strategis, their "
                            "indikator with target and satuan. Writes answer the whole "
                            "Perjanjian Kinerja.")


def pk_body(pk_id: str) -> dict:
    """The Perjanjian Kinerja as GET /perjanjian-kinerja/{id} answers it."""
    return run_query(views.perjanjian_kinerja, pk_id)


@blp.route("")
class PkCollection(MethodView):
    @login_required
    @blp.arguments(PkQuerySchema, location="query")
    @blp.response(200, PerjanjianKinerjaSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """Own Perjanjian Kinerja (admins: those of their instansi), newest year first;
        filters tahun, pegawai_id."""
        return run_page(pagination_parameters, views.daftar, **args)

    @login_required
    @blp.arguments(PerjanjianKinerjaSchema)
    @blp.response(201, PerjanjianKinerjaSchema)
    def post(self, data):
        """New Perjanjian Kinerja of the caller for ``tahun`` (optionally with its sasaran and
        indikator at once); 409 when that year's exists. ``Location`` is
        /perjanjian-kinerja/{id}."""
        pk_id = run_command(perjanjian.buat, data)
        return created(pk_body(pk_id), PkById, pk_id=pk_id)


@blp.route("/<pk_id>")
class PkById(MethodView):
    @login_required
    @blp.response(200, PerjanjianKinerjaSchema)
    def get(self, pk_id):
        """One Perjanjian Kinerja with its sasaran and indikator (owner, admins)."""
        return pk_body(pk_id)

    @login_required
    @blp.response(204)
    def delete(self, pk_id):
        """Delete a Perjanjian Kinerja (owner)."""
        run_command(perjanjian.hapus, pk_id)


@blp.route("/<pk_id>/sasaran")
class SasaranCollection(MethodView):
    @login_required
    @blp.arguments(SasaranSchema)
    @blp.response(201, PerjanjianKinerjaSchema)
    def post(self, data, pk_id):
        """Add a sasaran strategis (with indikator, optionally) (owner); answers the
        Perjanjian Kinerja, ``Location`` names the new sasaran."""
        sid = run_command(perjanjian.tambah_sasaran, pk_id, data)
        return created(pk_body(pk_id), SasaranById, pk_id=pk_id, sid=sid)


@blp.route("/<pk_id>/sasaran/<sid>")
class SasaranById(MethodView):
    @login_required
    @blp.response(200, SasaranSchema)
    def get(self, pk_id, sid):
        """One sasaran strategis with its indikator (owner, admins)."""
        return run_query(views.sasaran, pk_id, sid)

    @login_required
    @blp.arguments(SasaranPatchSchema)
    @blp.response(200, PerjanjianKinerjaSchema)
    def patch(self, data, pk_id, sid):
        """Change a sasaran strategis (owner)."""
        run_command(perjanjian.ubah_sasaran, pk_id, sid, data)
        return pk_body(pk_id)

    @login_required
    @blp.response(204)
    def delete(self, pk_id, sid):
        """Delete a sasaran strategis with its indikator (owner)."""
        run_command(perjanjian.hapus_sasaran, pk_id, sid)


@blp.route("/<pk_id>/sasaran/<sid>/indikator")
class PkIndikatorCollection(MethodView):
    @login_required
    @blp.arguments(PkIndikatorSchema)
    @blp.response(201, PerjanjianKinerjaSchema)
    def post(self, data, pk_id, sid):
        """Add an indikator with target and satuan (owner); answers the Perjanjian Kinerja,
        ``Location`` names the new indikator."""
        iid = run_command(perjanjian.tambah_indikator, pk_id, sid, data)
        return created(pk_body(pk_id), PkIndikatorById, pk_id=pk_id, sid=sid, iid=iid)


@blp.route("/<pk_id>/sasaran/<sid>/indikator/<iid>")
class PkIndikatorById(MethodView):
    @login_required
    @blp.response(200, PkIndikatorSchema)
    def get(self, pk_id, sid, iid):
        """One indikator of a sasaran strategis (owner, admins)."""
        return run_query(views.indikator, pk_id, sid, iid)

    @login_required
    @blp.arguments(PkIndikatorPatchSchema)
    @blp.response(200, PerjanjianKinerjaSchema)
    def patch(self, data, pk_id, sid, iid):
        """Change an indikator (owner)."""
        run_command(perjanjian.ubah_indikator, pk_id, sid, iid, data)
        return pk_body(pk_id)

    @login_required
    @blp.response(204)
    def delete(self, pk_id, sid, iid):
        """Delete an indikator (owner)."""
        run_command(perjanjian.hapus_indikator, pk_id, sid, iid)
