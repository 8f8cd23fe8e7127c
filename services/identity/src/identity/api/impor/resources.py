"""POST /impor/unor and /impor/pegawai: bulk import from CSV or Excel, with a dry run."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from kinerja_shared.auth import ADMIN_ROLES, current_principal, roles_required

from ...adapters.tabular import BerkasTidakValid, baca
from ...service_layer import impor_pegawai, impor_unor
from ...service_layer.common import invalid
from ..common import uow

blp = Blueprint("impor", __name__, url_prefix="/impor", description="Impor massal unor dan pegawai")


class ImporQuerySchema(Schema):
    instansi_id = fields.Str(required=True)
    dry_run = fields.Bool(load_default=False, metadata={
        "description": "true: periksa saja dan laporkan galat per baris tanpa menyimpan"})


class BerkasSchema(Schema):
    berkas = Upload(required=True, metadata={"description": "CSV (koma atau titik koma) atau .xlsx"})


class GalatBarisSchema(Schema):
    baris = fields.Int(metadata={"description": "nomor baris di berkas (baris 1 = judul kolom)"})
    errors = fields.Dict()


class HasilImporSchema(Schema):
    dry_run = fields.Bool()
    jumlah_baris = fields.Int()
    tambah = fields.Int()
    ubah = fields.Int()
    galat = fields.List(fields.Nested(GalatBarisSchema))


def _rows(files) -> list[dict]:
    berkas = files["berkas"]
    try:
        return baca(berkas.filename or "", berkas.read())
    except BerkasTidakValid as exc:
        raise invalid("berkas", str(exc)) from None


@blp.route("/unor")
class ImporUnor(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(ImporQuerySchema, location="query")
    @blp.arguments(BerkasSchema, location="files")
    @blp.response(200, HasilImporSchema)
    def post(self, query, files):
        """Impor unor (kolom: kode, nama, jenis, eselon, kode_atasan, kode_induk, mandiri, kota);
        kode yang sudah ada diperbarui. Dengan galat apa pun tidak ada yang disimpan (422)."""
        return impor_unor.impor(uow(), current_principal(), instansi_id=query["instansi_id"],
                                rows=_rows(files), dry_run=query["dry_run"])


@blp.route("/pegawai")
class ImporPegawai(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(ImporQuerySchema, location="query")
    @blp.arguments(BerkasSchema, location="files")
    @blp.response(200, HasilImporSchema)
    def post(self, query, files):
        """Impor pegawai (kolom: nip, nama, gelar_depan, gelar_belakang, kode_unor, jenis_jabatan,
        jabatan, kategori_jabatan, jenjang, golongan, tmt_jabatan, email); NIP yang sudah ada di
        instansi ini diperbarui. Pegawai baru belum memiliki kata sandi."""
        return impor_pegawai.impor(uow(), current_principal(), instansi_id=query["instansi_id"],
                                   rows=_rows(files), dry_run=query["dry_run"])
