"""Capaian kinerja organisasi per unor induk and period, its finalisation and statistics."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import func, select

from kinerja_shared.auth import (
    ADMIN_ROLES, current_principal, ensure_admin_of, login_required, roles_required,
)
from kinerja_shared.runtime import current_runtime

from ...adapters.tables import capaian_organisasi, pegawai_ref
from ...service_layer import capaian as svc
from ...service_layer import muat
from ...service_layer.errors import dilarang, tidak_ditemukan, tidak_valid
from ..common import pagination_header
from . import schemas as sc

blp = Blueprint("capaian_organisasi", __name__,
                description="Capaian kinerja organisasi (SE MenPAN-RB 3/2023) dan statistiknya.")
c = capaian_organisasi.c


def _row(s, capaian_id):
    row = s.execute(select(capaian_organisasi).where(c.id == capaian_id)).mappings().first()
    p = current_principal()
    if row is None or not p.sees_instansi(row["instansi_id"]):
        raise tidak_ditemukan("Capaian organisasi tidak ditemukan.")
    return row


def _admin_row(uow, capaian_id):
    row = _row(uow.session, capaian_id)
    ensure_admin_of(current_principal(), row["instansi_id"])
    return row


@blp.route("/capaian-organisasi")
class CapaianList(MethodView):
    @login_required
    @blp.arguments(sc.CapaianQuery, location="query")
    @blp.response(200, sc.CapaianSchema(many=True))
    def get(self, args):
        """Capaian organisasi instansi saya; filter tahun, periode_id, unor_induk_id, final."""
        p = current_principal()
        page, size = args.pop("page"), args.pop("page_size")
        stmt = select(capaian_organisasi)
        if not p.is_admin_pusat:
            stmt = stmt.where(c.instansi_id == p.instansi_id)
        for name, value in args.items():
            stmt = stmt.where(c[name] == value)
        with current_runtime().uow() as uow:
            total = uow.session.execute(select(func.count()).select_from(stmt.subquery())).scalar()
            rows = uow.session.execute(stmt.order_by(c.tahun.desc(), c.unor_induk_id).offset(
                (page - 1) * size).limit(size)).mappings().all()
        return [dict(r) for r in rows], 200, pagination_header(total, page, size)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.CapaianInput)
    @blp.response(201, sc.CapaianSchema)
    def post(self, data):
        """Tetapkan capaian organisasi satu unor induk pada satu periode (admin instansi)."""
        with current_runtime().uow() as uow:
            periode = muat.periode_row(uow.session, data["periode_id"])
            if periode is None or not current_principal().sees_instansi(periode["instansi_id"]):
                raise tidak_valid("Periode tidak dikenal.", {"periode_id": ["Tidak dikenal."]})
            ensure_admin_of(current_principal(), periode["instansi_id"])
            if data.get("tahun") not in (None, periode["tahun"]):
                raise tidak_valid("Tahun tidak sesuai periode.", {"tahun": ["Tidak sesuai."]})
            cid = svc.buat(uow, instansi_id=periode["instansi_id"], periode=periode,
                           unor_induk_id=data["unor_induk_id"], capaian=data["capaian"],
                           bukti_dukung=data["bukti_dukung"])
            uow.commit()
            return dict(_row(uow.session, cid))


@blp.route("/capaian-organisasi/<capaian_id>")
class CapaianById(MethodView):
    @login_required
    @blp.response(200, sc.CapaianSchema)
    def get(self, capaian_id):
        """Satu capaian organisasi."""
        with current_runtime().uow() as uow:
            return dict(_row(uow.session, capaian_id))

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.CapaianPatch)
    @blp.response(200, sc.CapaianSchema)
    def patch(self, data, capaian_id):
        """Ubah capaian atau bukti dukung (selama belum final)."""
        with current_runtime().uow() as uow:
            svc.ubah(uow, _admin_row(uow, capaian_id), data)
            uow.commit()
            return dict(_row(uow.session, capaian_id))


@blp.route("/capaian-organisasi/<capaian_id>/final")
class CapaianFinal(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, sc.FinalSchema)
    def post(self, capaian_id):
        """Finalkan; memperingatkan bila belum semua pegawai unit dinilai. Menerbitkan
        CapaianOrganisasiFinal."""
        with current_runtime().uow() as uow:
            hasil = svc.finalkan(uow, _admin_row(uow, capaian_id))
            uow.commit()
            return {**hasil, "capaian_organisasi": dict(_row(uow.session, capaian_id))}


@blp.route("/capaian-organisasi/<capaian_id>/batal-final")
class CapaianBatalFinal(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, sc.CapaianSchema)
    def post(self, capaian_id):
        """Batalkan status final."""
        with current_runtime().uow() as uow:
            svc.batal_final(uow, _admin_row(uow, capaian_id))
            uow.commit()
            return dict(_row(uow.session, capaian_id))


@blp.route("/capaian-organisasi/<capaian_id>/statistik")
class CapaianStatistik(MethodView):
    @login_required
    @blp.response(200, sc.StatistikSchema)
    def get(self, capaian_id):
        """Pegawai dinilai dari total, jumlah per predikat, distribusi yang diizinkan di samping
        yang aktual, dan aturan yang dilanggar (admin, atau pimpinan unor itu)."""
        p = current_principal()
        with current_runtime().uow() as uow:
            s = uow.session
            row = _row(s, capaian_id)
            if not p.can_admin_instansi(row["instansi_id"]):
                me = s.execute(select(pegawai_ref).where(pegawai_ref.c.id == p.pegawai_id)
                               ).mappings().first()
                if not me or me["unor_id"] != row["unor_induk_id"] or \
                        me["jenis_jabatan"] != "PIMPINAN":
                    raise dilarang("Hanya admin atau pimpinan unor ini.")
            return svc.statistik(s, row)
