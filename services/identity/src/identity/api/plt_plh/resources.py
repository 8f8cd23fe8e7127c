"""PLT/PLH: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import ADMIN_ROLES, login_required, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import plt_plh as svc
from .schemas import PltPlhBaruSchema, PltPlhQuerySchema, PltPlhSchema, PltPlhUbahSchema

blp = Blueprint("plt_plh", __name__, url_prefix="/plt-plh",
                description="PLT/PLH: a pegawai heading a unor for a while")


@blp.route("")
class PltPlhList(MethodView):
    @login_required
    @blp.arguments(PltPlhQuerySchema, location="query")
    @blp.response(200, PltPlhSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """The PLT/PLH of the caller's instansi (admin_pusat: every instansi), filtered (e.g.
        `tanggal`), latest start first."""
        return run_page(pagination_parameters, svc.daftar, filters=filters)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PltPlhBaruSchema)
    @blp.response(201, PltPlhSchema)
    def post(self, data):
        """Assign a PLT/PLH: while active and within its dates, the pegawai heads the unor.
        `Location` names it."""
        row = run_command(svc.buat, data)
        return created(row, PltPlhById, plt_id=row["id"])


@blp.route("/<plt_id>")
class PltPlhById(MethodView):
    @login_required
    @blp.response(200, PltPlhSchema)
    def get(self, plt_id):
        """One PLT/PLH assignment."""
        return run_query(svc.ambil, plt_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PltPlhUbahSchema)
    @blp.response(200, PltPlhSchema)
    def patch(self, data, plt_id):
        """Change an assignment (e.g. `aktif: false` ends it)."""
        return run_command(svc.ubah, plt_id, data)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    def delete(self, plt_id):
        """Delete a PLT/PLH assignment."""
        run_command(svc.hapus, plt_id)
