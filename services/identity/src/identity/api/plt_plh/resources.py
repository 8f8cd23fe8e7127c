"""PLT/PLH: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import ADMIN_ROLES, current_principal, login_required, roles_required

from ...service_layer import plt_plh as svc
from ..common import page_of, uow
from .schemas import PltPlhBaruSchema, PltPlhQuerySchema, PltPlhSchema, PltPlhUbahSchema

blp = Blueprint("plt_plh", __name__, url_prefix="/plt-plh", description="PLT/PLH")


@blp.route("")
class PltPlhList(MethodView):
    @login_required
    @blp.arguments(PltPlhQuerySchema, location="query")
    @blp.response(200, PltPlhSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Daftar PLT/PLH instansi sendiri, disaring (mis. `tanggal`) dan berhalaman."""
        p = current_principal()
        return page_of(pagination_parameters, lambda page, size: svc.daftar(
            uow(), p, filters=filters, page=page, page_size=size))

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PltPlhBaruSchema)
    @blp.response(201, PltPlhSchema)
    def post(self, data):
        """Tetapkan PLT/PLH: selama aktif dan dalam rentang tanggalnya, ia memimpin unor itu."""
        return svc.buat(uow(), current_principal(), data)


@blp.route("/<plt_id>")
class PltPlhById(MethodView):
    @login_required
    @blp.response(200, PltPlhSchema)
    def get(self, plt_id):
        """Satu penugasan PLT/PLH."""
        return svc.ambil(uow(), current_principal(), plt_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PltPlhUbahSchema)
    @blp.response(200, PltPlhSchema)
    def patch(self, data, plt_id):
        """Ubah penugasan (mis. `aktif: false` untuk mengakhirinya)."""
        return svc.ubah(uow(), current_principal(), plt_id, data)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    def delete(self, plt_id):
        """Hapus penugasan PLT/PLH."""
        svc.hapus(uow(), current_principal(), plt_id)
