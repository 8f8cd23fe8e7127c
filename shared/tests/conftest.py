"""A small service built the suite's one way (``contoh``: barang with a unique kode and a
parent), for the platform's request-path tests on SQLite (unit) and PostgreSQL (integration).

    POST   /barang            create (201, Location)           run_command(buat)
    GET    /barang            list (paged)                     run_page(daftar)
    GET    /barang/<id>       one                              run_query(satu)
    DELETE /barang/<id>       delete (204)                     run_command(hapus)
    POST   /barang/<id>/gagal writes, then refuses (rolled back, or kept with ?simpan=1)
    POST   /barang/<id>/lapor writes and stages an event the service does not declare
    POST   /barang/<id>/komit a service function that commits (refused)
    GET    /rusak/...         answers that break a convention (checked while tests run)
"""
from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flask.views import MethodView
from marshmallow import Schema, fields, validate
from sqlalchemy import Column, ForeignKey, MetaData, String, Table, UniqueConstraint, select

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.config import ServiceSettings
from kinerja_shared.db.paging import fetch_page
from kinerja_shared.errors import Conflict, NotFound
from kinerja_shared.events.contracts.identity import UnorDiperbarui
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.runtime import ServiceDefinition, ServiceRuntime
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page, unpaged

metadata = MetaData()
outbox, inbox = add_messaging_tables(metadata)
barang = Table("barang", metadata, Column("id", String(36), primary_key=True),
               Column("kode", String(20), nullable=False),
               Column("induk_id", String(36), ForeignKey("barang.id")),
               UniqueConstraint("kode", name="uq_barang_kode"))

KODE_DIPAKAI = "Kode barang sudah dipakai."


# -- service layer ---------------------------------------------------------------------------

def buat(uow, principal, data: dict) -> str:
    if uow.session.execute(select(barang.c.id).where(barang.c.kode == data["kode"])).first():
        raise Conflict(KODE_DIPAKAI)  # the friendly pre-check; the unique key decides races
    new_id = str(uuid.uuid4())
    uow.session.execute(barang.insert().values(id=new_id, kode=data["kode"],
                                               induk_id=data.get("induk_id")))
    uow.session.flush()
    return new_id


def satu(uow, principal, barang_id: str) -> dict:
    row = uow.session.execute(select(barang).where(barang.c.id == barang_id)).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def daftar(uow, principal, *, page):
    return fetch_page(uow.session, select(barang), page, barang.c.kode, barang.c.id)


def hapus(uow, principal, barang_id: str) -> None:
    satu(uow, principal, barang_id)
    uow.session.execute(barang.delete().where(barang.c.id == barang_id))


def gagal(uow, principal, barang_id: str, simpan: bool) -> None:
    uow.session.execute(barang.update().where(barang.c.id == barang_id).values(kode="DIUBAH"))
    uow.add_event(UnorDiperbarui(id=barang_id, instansi_id="i", nama="x"),
                  aggregate_id=barang_id)
    raise Conflict("Ditolak setelah menulis.", code="ditolak", keep_changes=simpan, id=barang_id)


def lapor(uow, principal, barang_id: str) -> None:
    from kinerja_shared.events.contracts.identity import UnorDihapus

    uow.add_event(UnorDihapus(id=barang_id, instansi_id="i"), aggregate_id=barang_id)


def komit(uow, principal) -> None:
    uow.commit()


# -- api --------------------------------------------------------------------------------------

class BarangSchema(Schema):
    id = fields.Str(dump_only=True)
    kode = fields.Str(required=True)
    induk_id = fields.Str(load_default=None, allow_none=True)


blp = Blueprint("barang", __name__, url_prefix="/barang", description="Barang.")


@blp.route("")
class BarangCollection(MethodView):
    @blp.response(200, BarangSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """List."""
        return run_page(pagination_parameters, daftar)

    @blp.arguments(BarangSchema)
    @blp.response(201, BarangSchema)
    def post(self, data):
        """Create."""
        new_id = run_command(buat, data)
        return created(run_query(satu, new_id), BarangById, barang_id=new_id)


@blp.route("/<barang_id>")
class BarangById(MethodView):
    @blp.response(200, BarangSchema)
    def get(self, barang_id):
        """One."""
        return run_query(satu, barang_id)

    @blp.response(204)
    def delete(self, barang_id):
        """Delete."""
        run_command(hapus, barang_id)


@blp.route("/<barang_id>/gagal")
class Gagal(MethodView):
    @blp.response(200)
    def post(self, barang_id):
        """Write, then refuse."""
        from flask import request

        run_command(gagal, barang_id, request.args.get("simpan") == "1")


@blp.route("/<barang_id>/lapor")
class Lapor(MethodView):
    @blp.response(200)
    def post(self, barang_id):
        """Stage an undeclared event."""
        run_command(lapor, barang_id)
        return {}


@blp.route("/komit")
class Komit(MethodView):
    @blp.response(200)
    def post(self):
        """A function that commits."""
        run_command(komit)
        return {}


class HargaSchema(Schema):
    nilai = fields.Decimal(as_string=True, required=True,
                           validate=validate.Range(min=0, max=100, min_inclusive=False))
    jumlah = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10))
    persen = fields.Decimal(load_default=None, validate=validate.Range(min=Decimal("0.5")))


@blp.route("/<barang_id>/harga")
class Harga(MethodView):
    @blp.arguments(HargaSchema)
    @blp.response(200, HargaSchema)
    def put(self, data, barang_id):
        """Bounds of numbers in the document."""
        return data


rusak = Blueprint("rusak", __name__, url_prefix="/rusak", description="Broken answers.")


@rusak.route("/tanpa-location")
class TanpaLocation(MethodView):
    def post(self):
        return {"id": "x"}, 201


@rusak.route("/hapus-berisi")
class HapusBerisi(MethodView):
    def delete(self):
        return {"dihapus": True}, 200


@rusak.route("/daftar")
class Daftar(MethodView):
    def get(self):
        return [1, 2, 3]


@rusak.route("/terbatas")
class Terbatas(MethodView):
    @unpaged("seven aspects, always")
    def get(self):
        return [1, 2, 3]


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="contoh", url_prefix="contoh", title="Contoh", description="A test service.",
        metadata=metadata, migrations_dir=Path("."), blueprints=lambda: [blp, rusak],
        publishes=(UnorDiperbarui,),
        conflict_messages={"uq_barang_kode": KODE_DIPAKAI})


def contoh_runtime(database_url: str, **settings: Any) -> ServiceRuntime:
    from kinerja_shared.testing.service import RecordingPublisher

    base = ServiceSettings.from_env("contoh", {})
    settings.setdefault("check_http_conventions", True)
    runtime = ServiceRuntime(definition(), dataclasses.replace(
        base, database_url=database_url, **settings), publisher=RecordingPublisher(),
        key_source=TokenMinter().key_source)
    metadata.create_all(runtime.engine)
    return runtime


@pytest.fixture
def contoh():
    """``contoh(database_url, **settings) -> runtime``; disposed after the test."""
    made = []

    def make(database_url: str, **settings: Any) -> ServiceRuntime:
        made.append(contoh_runtime(database_url, **settings))
        return made[-1]

    yield make
    for runtime in made:
        runtime.dispose()
