"""Capaian kinerja organisasi per unor induk and period, its finalisation and statistics."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import login_required, roles_required
from kinerja_shared.auth.principal import ADMIN_ROLES
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import capaian as svc
from . import schemas as sc

blp = Blueprint("capaian_organisasi", __name__, url_prefix="/capaian-organisasi",
                description="Capaian kinerja organisasi (SE MenPAN-RB 3/2023) and its "
                            "statistics.")


@blp.route("")
class CapaianList(MethodView):
    @login_required
    @blp.arguments(sc.CapaianQuery, location="query")
    @blp.response(200, sc.CapaianSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """The capaian organisasi of my instansi, newest year first; filters tahun,
        periode_id, unor_induk_id, final."""
        return run_page(pagination_parameters, svc.daftar, args)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.CapaianInput)
    @blp.response(201, sc.CapaianSchema)
    def post(self, data):
        """The capaian organisasi of one unor induk in one period (admin of the instansi).
        One per unor induk and period: another is 409, also when two are created at once."""
        cid = run_command(svc.buat, periode_id=data["periode_id"],
                          unor_induk_id=data["unor_induk_id"], capaian=data["capaian"],
                          bukti_dukung=data["bukti_dukung"], tahun=data.get("tahun"))
        return created(run_query(svc.baca, cid), CapaianById, capaian_id=cid)


@blp.route("/<capaian_id>")
class CapaianById(MethodView):
    @login_required
    @blp.response(200, sc.CapaianSchema)
    def get(self, capaian_id):
        """One capaian organisasi."""
        return run_query(svc.baca, capaian_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.CapaianPatch)
    @blp.response(200, sc.CapaianSchema)
    def patch(self, data, capaian_id):
        """Change the capaian or its evidence (until it is final: 409 after)."""
        run_command(svc.ubah, capaian_id, data)
        return run_query(svc.baca, capaian_id)


@blp.route("/<capaian_id>/final")
class CapaianFinal(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, sc.FinalSchema)
    def post(self, capaian_id):
        """Make it final; answers the capaian with a warning when not every pegawai of the
        unit has been assessed, and the statistics. Publishes CapaianOrganisasiFinal."""
        hasil = run_command(svc.finalkan, capaian_id)
        return {**run_query(svc.baca, capaian_id), **hasil}


@blp.route("/<capaian_id>/batal-final")
class CapaianBatalFinal(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, sc.CapaianSchema)
    def post(self, capaian_id):
        """Undo final (publishes CapaianOrganisasiFinal with `final: false`)."""
        run_command(svc.batal_final, capaian_id)
        return run_query(svc.baca, capaian_id)


@blp.route("/<capaian_id>/statistik")
class CapaianStatistik(MethodView):
    @login_required
    @blp.response(200, sc.StatistikSchema)
    def get(self, capaian_id):
        """Pegawai assessed of the total, how many per predikat, the distribution the capaian
        allows next to the actual one, and the rules broken (admins, or the pimpinan of that
        unor)."""
        return run_query(svc.statistik, capaian_id)
