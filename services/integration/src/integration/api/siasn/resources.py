"""SIASN sync: pull of pegawai and unor, push of predikat and angka kredit (API.md,
integration; BKN admin manual §2.13). Every request is the admin_instansi's, for the caller's
own instansi; another instansi's jobs answer 404."""
from __future__ import annotations

from flask import jsonify, url_for
from flask.views import MethodView

from kinerja_shared.auth import roles_required
from kinerja_shared.runtime.runtime import current_runtime
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, _endpoint, run_page

from ...service_layer import kirim, sinkron as svc
from ...service_layer.pns import pns_siasn
from .schemas import (ItemQuerySchema, ItemSchema, KirimSchema, PratinjauSchema,
                      SinkronQuerySchema, SinkronSchema, TarikQuerySchema, TarikSchema)

blp = Blueprint("siasn", __name__, url_prefix="/siasn", description="Sync with SIASN (BKN)")
ADMIN = "admin_instansi"
TARIK = dict(sistem="SIASN", arah="TARIK", jenis=svc.JENIS_TARIK)


def accepted(body, view, **values):
    """202 with ``Location`` naming the job to poll."""
    return body, 202, {"Location": url_for(_endpoint(view), **values)}


@blp.route("/sinkron")
class Tarik(MethodView):
    @roles_required(ADMIN)
    @blp.arguments(TarikQuerySchema, location="query")
    @blp.response(200, SinkronSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Pull jobs of the caller's instansi, newest first."""
        return run_page(pagination_parameters, svc.daftar, filters=filters, **TARIK)

    @roles_required(ADMIN)
    @blp.arguments(TarikSchema)
    @blp.response(202, SinkronSchema, headers={"Location": {
        "description": "the job to poll", "schema": {"type": "string"}}})
    @blp.alt_response(409, description="The SIASN instansi id is not set, or a pull is "
                                       "already waiting or running")
    def post(self, data):
        """Queue a pull from SIASN (`PEGAWAI`, `UNOR` or `UNOR_DAN_PEGAWAI`) of the caller's
        instansi, matched by its SIASN instansi id (`PUT /pengaturan`). The job's `jumlah`
        counts `tambah`, `ubah`, `hapus` and `gagal`; `GET /siasn/sinkron/{id}/item` has a
        reason per failed record. identity applies what the pull brings (its conflicts:
        identity's `GET /siasn-konflik`)."""
        row = run_command(svc.minta_tarik, jenis=data["jenis"])
        return accepted(row, TarikById, sinkron_id=row["id"])


@blp.route("/sinkron/<sinkron_id>")
class TarikById(MethodView):
    @roles_required(ADMIN)
    @blp.response(200, SinkronSchema)
    def get(self, sinkron_id):
        """One pull job."""
        return run_query(svc.ambil, sinkron_id, **TARIK)


@blp.route("/sinkron/<sinkron_id>/item")
class TarikItem(MethodView):
    @roles_required(ADMIN)
    @blp.arguments(ItemQuerySchema, location="query")
    @blp.response(200, ItemSchema(many=True))
    @blp.paginate()
    def get(self, filters, sinkron_id, pagination_parameters):
        """What a pull did per record (`status=GAGAL`: the failures with their reasons)."""
        return run_page(pagination_parameters, svc.item, sinkron_id,
                        status=filters.get("status"), **TARIK)


def _pns(instansi_id: str):
    runtime = current_runtime()
    return pns_siasn(runtime, runtime.components.siasn(), instansi_id)


def _push_routes(path: str, jenis: str, label: str) -> None:
    kind = dict(sistem="SIASN", arah="KIRIM", jenis=(jenis,))

    class Daftar(MethodView):
        @roles_required(ADMIN)
        @blp.arguments(SinkronQuerySchema, location="query")
        @blp.response(200, SinkronSchema(many=True))
        @blp.paginate()
        def get(self, filters, pagination_parameters):
            return run_page(pagination_parameters, svc.daftar, filters=filters, **kind)

        @roles_required(ADMIN)
        @blp.arguments(KirimSchema)
        @blp.response(202, SinkronSchema, headers={"Location": {
            "description": "the job to poll", "schema": {"type": "string"}}})
        @blp.alt_response(200, schema=PratinjauSchema,
                          description="`pratinjau: true`: what would be sent")
        @blp.alt_response(429, description="A push of this kind was asked for today already "
                                           "(`Retry-After`: seconds until the next local day)")
        def post(self, data):
            if data["pratinjau"]:
                # a Response: flask-smorest leaves it alone (the 202 schema is the job's)
                return jsonify(PratinjauSchema().dump(run_query(
                    kirim.pratinjau, jenis=jenis, tahun=data["tahun"], pns_untuk=_pns)))
            row = run_command(kirim.minta, jenis=jenis, tahun=data["tahun"],
                              zona=current_runtime().components.settings.timezone)
            return accepted(row, ById, sinkron_id=row["id"])

    class ById(MethodView):
        @roles_required(ADMIN)
        @blp.response(200, SinkronSchema)
        def get(self, sinkron_id):
            return run_query(svc.ambil, sinkron_id, **kind)

    class Item(MethodView):
        @roles_required(ADMIN)
        @blp.arguments(ItemQuerySchema, location="query")
        @blp.response(200, ItemSchema(many=True))
        @blp.paginate()
        def get(self, filters, sinkron_id, pagination_parameters):
            return run_page(pagination_parameters, svc.item, sinkron_id,
                            status=filters.get("status"), **kind)

    class UlangiGagal(MethodView):
        @roles_required(ADMIN)
        @blp.response(202, SinkronSchema, headers={"Location": {
            "description": "the job to poll", "schema": {"type": "string"}}})
        @blp.alt_response(409, description="The job has not ended, or nothing failed")
        def post(self, sinkron_id):
            row = run_command(kirim.ulangi_gagal, sinkron_id, jenis=jenis)
            return accepted(row, ById, sinkron_id=row["id"])

    Daftar.get.__doc__ = f"Pushes of {label} of the caller's instansi, newest first."
    Daftar.post.__doc__ = (
        f"Push {label} of a year to SIASN. With `pratinjau: true` answer exactly what would "
        "be sent (each record's body with SIASN's field names, `TAMBAH` or `UBAH`, or why it "
        "cannot be sent) and send nothing. Otherwise queue the push (202): at most once a day "
        "per instansi (429 with `Retry-After`), only records never sent or changed since "
        "their last successful send; per-record results at `.../{id}/item`.")
    ById.get.__doc__ = f"One push of {label} with its counts (`berhasil`, `gagal`)."
    Item.get.__doc__ = ("What a push did per record: the body sent, SIASN's record id, the "
                        "reason of a failure.")
    UlangiGagal.post.__doc__ = ("Queue a job that sends again only the records this push "
                                "failed (not counted as the day's push).")
    for cls, suffix in ((Daftar, ""), (ById, "/<sinkron_id>"), (Item, "/<sinkron_id>/item"),
                        (UlangiGagal, "/<sinkron_id>/ulangi-gagal")):
        cls.__name__ = cls.__qualname__ = f"{cls.__name__}{jenis.title().replace('_', '')}"
        blp.route(f"{path}{suffix}")(cls)


_push_routes("/sinkron-predikat", "PREDIKAT", "annual and periodic predikat (`skp22/save`, "
             "`kinerjaperiodik/save`)")
_push_routes("/sinkron-angka-kredit", "ANGKA_KREDIT", "angka kredit (`angkakredit/save`)")
