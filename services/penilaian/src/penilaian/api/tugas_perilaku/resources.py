"""The behaviour feedback the caller was set to give (as atasan, rekan or bawahan)."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.web.http import Blueprint, run_page

from ... import views
from ..penilaian import schemas as sc

blp = Blueprint("tugas_perilaku", __name__, url_prefix="/tugas-perilaku", description=(
    "Behaviour feedback the caller was set to give, as atasan, rekan or bawahan."))


@blp.route("")
class TugasPerilaku(MethodView):
    @login_required
    @blp.arguments(sc.TugasPerilakuQuery, location="query")
    @blp.response(200, sc.TugasPerilakuSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """The aspects I give feedback on, in penilaian that are not closed (`tahun` narrows
        it), with what I wrote so far."""
        return run_page(pagination_parameters, views.tugas_perilaku, args["tahun"])
