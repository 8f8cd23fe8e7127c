"""Rencana hasil kerja, indikator, manual indikator, Matriks Peran Hasil, RHK atasan."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import current_principal, login_required

from ... import views
from ...service_layer import akses, matriks, rhk_service
from ..common import baca, jalankan
from ..skp.schemas import SkpSchema
from .schemas import (IndikatorPatchSchema, IndikatorSchema, ManualIndikatorSchema,
                      MatriksPeranSchema, RhkAtasanSchema, RhkPatchSchema, RhkSchema)

blp = Blueprint("rhk", __name__, url_prefix="/skp",
                description="Rencana hasil kerja, indikator, manual indikator, Matriks Peran Hasil.")
WHO = (" Owner while DRAFT or DIKEMBALIKAN; the pejabat penilai directly while DIAJUKAN; "
       "409 otherwise (an approved SKP is never edited).")


def _who(method):
    """Append who may edit, in which status, to the endpoint's OpenAPI description."""
    method.__doc__ = (method.__doc__ or "").rstrip() + WHO
    return method


def _skp(skp_id: str) -> dict:
    return baca(views.satu_skp, skp_id)


@blp.route("/<skp_id>/rhk")
class RhkCollection(MethodView):
    @login_required
    @blp.response(200, RhkSchema(many=True))
    def get(self, skp_id):
        """The RHK of an SKP (utama first) with their indikator."""
        baca(akses.muat, current_principal(), skp_id)
        return _skp(skp_id)["rhk"]

    @_who
    @login_required
    @blp.arguments(RhkSchema)
    @blp.response(201, SkpSchema)
    def post(self, data, skp_id):
        """Add an RHK. ``rhk_atasan_id`` must be an RHK of the pejabat penilai's approved SKP
        covering the same time (see ``rhk-atasan``); ``peran_id`` (from ``/peran-saya``) copies
        the peran's uraian and intervened RHK and keeps the link. On a PP_30_2019 SKP the RHK
        is a kegiatan with ``target_kuantitas, satuan, target_kualitas, target_waktu`` (months)
        and optional ``target_biaya``; ``referensi`` PERKIN, KSD, TUSI or TANPA_REFERENSI."""
        jalankan(rhk_service.tambah_rhk, skp_id, data)
        return _skp(skp_id)


@blp.route("/<skp_id>/rhk/<rhk_id>")
class RhkById(MethodView):
    @_who
    @login_required
    @blp.arguments(RhkPatchSchema)
    @blp.response(200, SkpSchema)
    def patch(self, data, skp_id, rhk_id):
        """Change an RHK."""
        jalankan(rhk_service.ubah_rhk, skp_id, rhk_id, data)
        return _skp(skp_id)

    @_who
    @login_required
    @blp.response(200, SkpSchema)
    def delete(self, skp_id, rhk_id):
        """Delete an RHK with its indikator."""
        jalankan(rhk_service.hapus_rhk, skp_id, rhk_id)
        return _skp(skp_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/indikator")
class IndikatorCollection(MethodView):
    @_who
    @login_required
    @blp.arguments(IndikatorSchema)
    @blp.response(201, SkpSchema)
    def post(self, data, skp_id, rhk_id):
        """Add an indikator. Kuantitatif: numeric ``target`` (a range with ``target_maks`` >=
        target), ``satuan``, and an ``aspek`` for JF/JA; ``perspektif`` only on SKP JPT."""
        jalankan(rhk_service.tambah_indikator, skp_id, rhk_id, data)
        return _skp(skp_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/indikator/<indikator_id>")
class IndikatorById(MethodView):
    @_who
    @login_required
    @blp.arguments(IndikatorPatchSchema)
    @blp.response(200, SkpSchema)
    def patch(self, data, skp_id, rhk_id, indikator_id):
        """Change an indikator (same rules as adding one)."""
        jalankan(rhk_service.ubah_indikator, skp_id, rhk_id, indikator_id, data)
        return _skp(skp_id)

    @_who
    @login_required
    @blp.response(200, SkpSchema)
    def delete(self, skp_id, rhk_id, indikator_id):
        """Delete an indikator."""
        jalankan(rhk_service.hapus_indikator, skp_id, rhk_id, indikator_id)
        return _skp(skp_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/indikator/<indikator_id>/manual")
class ManualIndikator(MethodView):
    @_who
    @login_required
    @blp.arguments(ManualIndikatorSchema)
    @blp.response(200, SkpSchema)
    def put(self, data, skp_id, rhk_id, indikator_id):
        """Manual indikator: definisi, formula, tujuan, satuan pengukuran, jenis IKU (OUTCOME,
        OUTPUT_KENDALI_RENDAH, OUTPUT_KENDALI_SEDANG), penanggung jawab, penyedia data, sumber
        data, periode pelaporan (BULANAN, TRIWULANAN, SEMESTERAN, TAHUNAN)."""
        jalankan(rhk_service.simpan_manual, skp_id, rhk_id, indikator_id, data)
        return _skp(skp_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/matriks-peran")
class MatriksPeran(MethodView):
    @login_required
    @blp.response(200, MatriksPeranSchema)
    def get(self, skp_id, rhk_id):
        """The Matriks Peran Hasil of an RHK (whoever may read the SKP)."""
        return baca(matriks.lihat, current_principal(), skp_id, rhk_id)

    @login_required
    @blp.arguments(MatriksPeranSchema)
    @blp.response(200, MatriksPeranSchema)
    def put(self, data, skp_id, rhk_id):
        """Replace the matrix (owner, the pimpinan): ``kolom`` are the peran, each row a bawahan
        of the owner (422 otherwise) as KETUA or ANGGOTA with one peran or null per kolom.
        Every filled cell appears in that bawahan's ``/peran-saya``. On an approved SKP a new
        SkpDisetujui revision carries the matrix."""
        jalankan(matriks.simpan, skp_id, rhk_id, data["kolom"], data["baris"])
        return baca(matriks.lihat, current_principal(), skp_id, rhk_id)


@blp.route("/<skp_id>/rhk-atasan")
class RhkAtasan(MethodView):
    @login_required
    @blp.response(200, RhkAtasanSchema(many=True))
    def get(self, skp_id):
        """Approved RHK of the pejabat penilai for the same period: what an RHK of this SKP may
        intervene (``rhk_atasan_id``)."""
        d = baca(akses.muat, current_principal(), skp_id)
        return baca(views.rhk_atasan, d.row)
