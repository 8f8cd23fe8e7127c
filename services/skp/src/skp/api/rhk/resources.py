"""Rencana hasil kerja, indikator, manual indikator, Matriks Peran Hasil, RHK atasan: parts of
the SKP aggregate. Every write answers the whole SKP (GET /skp/{id}); a create also names the
new part in ``Location``."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, unpaged

from ...service_layer import matriks, rhk_service
from ...views import skp as views
from ..skp.resources import skp_body
from ..skp.schemas import SkpDetailSchema
from .schemas import (IndikatorPatchSchema, IndikatorSchema, ManualIndikatorSchema,
                      MatriksPeranSchema, RhkAtasanSchema, RhkPatchSchema, RhkSchema)

blp = Blueprint("rhk", __name__, url_prefix="/skp",
                description="Rencana hasil kerja (RHK), indikator, manual indikator and Matriks "
                            "Peran Hasil of an SKP. Writes answer the whole SKP.")
WHO = (" Owner while DRAFT or DIKEMBALIKAN; the pejabat penilai directly while DIAJUKAN; "
       "409 otherwise (an approved SKP is never edited).")


def _who(method):
    """Append who may edit, in which status, to the endpoint's OpenAPI description."""
    method.__doc__ = (method.__doc__ or "").rstrip() + WHO
    return method


@blp.route("/<skp_id>/rhk")
class RhkCollection(MethodView):
    @login_required
    @blp.response(200, RhkSchema(many=True))
    @unpaged("the RHK of one SKP")
    def get(self, skp_id):
        """The RHK of an SKP (utama first) with their indikator."""
        return run_query(views.daftar_rhk, skp_id)

    @_who
    @login_required
    @blp.arguments(RhkSchema)
    @blp.response(201, SkpDetailSchema)
    def post(self, data, skp_id):
        """Add an RHK; answers the SKP, ``Location`` names the new RHK. ``uraian`` is required
        unless ``peran_id`` gives it. ``rhk_atasan_id`` must be an RHK of the pejabat
        penilai's approved SKP covering the same time (see ``rhk-atasan``); ``peran_id`` (from
        ``/peran-saya``) copies the peran's uraian and intervened RHK and keeps the link (422
        on either otherwise). On a PP_30_2019 SKP the RHK is a kegiatan with
        ``target_kuantitas`` (>= 0), ``satuan``, ``target_kualitas`` (0-100),
        ``target_waktu`` (months, 1-12) required and optional ``target_biaya`` (>= 0); on
        other models those fields are refused (422)."""
        rhk_id = run_command(rhk_service.tambah_rhk, skp_id, data)
        return created(skp_body(skp_id), RhkById, skp_id=skp_id, rhk_id=rhk_id)


@blp.route("/<skp_id>/rhk/<rhk_id>")
class RhkById(MethodView):
    @login_required
    @blp.response(200, RhkSchema)
    def get(self, skp_id, rhk_id):
        """One RHK with its indikator and Matriks Peran Hasil (whoever may read the SKP)."""
        return run_query(views.rhk, skp_id, rhk_id)

    @_who
    @login_required
    @blp.arguments(RhkPatchSchema)
    @blp.response(200, SkpDetailSchema)
    def patch(self, data, skp_id, rhk_id):
        """Change an RHK (the rules of adding one)."""
        run_command(rhk_service.ubah_rhk, skp_id, rhk_id, data)
        return skp_body(skp_id)

    @_who
    @login_required
    @blp.response(204)
    def delete(self, skp_id, rhk_id):
        """Delete an RHK with its indikator and the peran of its matrix."""
        run_command(rhk_service.hapus_rhk, skp_id, rhk_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/indikator")
class IndikatorCollection(MethodView):
    @_who
    @login_required
    @blp.arguments(IndikatorSchema)
    @blp.response(201, SkpDetailSchema)
    def post(self, data, skp_id, rhk_id):
        """Add an indikator; answers the SKP, ``Location`` names the new indikator.
        Kuantitatif: numeric ``target`` (a range with ``target_maks`` >= target), ``satuan``,
        and an ``aspek`` for JF/JA; ``perspektif`` only on SKP JPT (422 naming the field)."""
        iid = run_command(rhk_service.tambah_indikator, skp_id, rhk_id, data)
        return created(skp_body(skp_id), IndikatorById, skp_id=skp_id, rhk_id=rhk_id,
                       indikator_id=iid)


@blp.route("/<skp_id>/rhk/<rhk_id>/indikator/<indikator_id>")
class IndikatorById(MethodView):
    @login_required
    @blp.response(200, IndikatorSchema)
    def get(self, skp_id, rhk_id, indikator_id):
        """One indikator with its manual (whoever may read the SKP)."""
        return run_query(views.indikator, skp_id, rhk_id, indikator_id)

    @_who
    @login_required
    @blp.arguments(IndikatorPatchSchema)
    @blp.response(200, SkpDetailSchema)
    def patch(self, data, skp_id, rhk_id, indikator_id):
        """Change an indikator (the rules of adding one)."""
        run_command(rhk_service.ubah_indikator, skp_id, rhk_id, indikator_id, data)
        return skp_body(skp_id)

    @_who
    @login_required
    @blp.response(204)
    def delete(self, skp_id, rhk_id, indikator_id):
        """Delete an indikator."""
        run_command(rhk_service.hapus_indikator, skp_id, rhk_id, indikator_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/indikator/<indikator_id>/manual")
class ManualIndikator(MethodView):
    @_who
    @login_required
    @blp.arguments(ManualIndikatorSchema)
    @blp.response(200, SkpDetailSchema)
    def put(self, data, skp_id, rhk_id, indikator_id):
        """Manual indikator: definisi, formula, tujuan, satuan pengukuran, jenis IKU (OUTCOME,
        OUTPUT_KENDALI_RENDAH, OUTPUT_KENDALI_SEDANG), penanggung jawab, penyedia data, sumber
        data, periode pelaporan (BULANAN, TRIWULANAN, SEMESTERAN, TAHUNAN)."""
        run_command(rhk_service.simpan_manual, skp_id, rhk_id, indikator_id, data)
        return skp_body(skp_id)


@blp.route("/<skp_id>/rhk/<rhk_id>/matriks-peran")
class MatriksPeran(MethodView):
    @login_required
    @blp.response(200, MatriksPeranSchema)
    def get(self, skp_id, rhk_id):
        """The Matriks Peran Hasil of an RHK (whoever may read the SKP)."""
        return run_query(views.matriks_peran, skp_id, rhk_id)

    @login_required
    @blp.arguments(MatriksPeranSchema)
    @blp.response(200, SkpDetailSchema)
    def put(self, data, skp_id, rhk_id):
        """Replace the matrix (owner, the pimpinan, in any status); answers the SKP, whose
        ``rhk[].matriks_peran`` carries it. ``kolom`` are the peran, each row a distinct
        bawahan of the owner (422 otherwise) as KETUA or ANGGOTA with one peran or null per
        kolom (422 otherwise). Every filled cell appears in that bawahan's ``/peran-saya``. On
        an approved SKP a new SkpDisetujui revision carries the matrix."""
        run_command(matriks.simpan, skp_id, rhk_id, data["kolom"], data["baris"])
        return skp_body(skp_id)


@blp.route("/<skp_id>/rhk-atasan")
class RhkAtasan(MethodView):
    @login_required
    @blp.response(200, RhkAtasanSchema(many=True))
    @unpaged("the RHK of the pejabat penilai's approved SKPs overlapping this SKP")
    def get(self, skp_id):
        """Approved RHK of the pejabat penilai for the same period: what an RHK of this SKP may
        intervene (``rhk_atasan_id``)."""
        return run_query(views.rhk_atasan, skp_id)
