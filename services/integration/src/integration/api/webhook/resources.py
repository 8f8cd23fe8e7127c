"""Webhooks of the caller's instansi: signed deliveries of its feed changes."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import webhook as svc
from ...service_layer.feed import JENIS

blp = Blueprint("webhook", __name__, url_prefix="/webhook",
                description="Signed webhooks of feed changes")

PENJELASAN = """Each change of the chosen kinds is POSTed as JSON (the feed's change, plus
`id`), signed: `X-Kinerja-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
"<t>.<raw body>")>`; `X-Kinerja-Event-Id` is the idempotency key (a delivery may arrive twice).
Answer 2xx; anything else is retried with exponential backoff, then the delivery is GAGAL.
A receiver checks the signature over the raw body (`integration/domain/tanda_tangan.py`, standard
library only, may be copied):

    import hashlib, hmac, time
    def verify(secret: str, header: str, body: bytes, tolerance=300) -> bool:
        parts = dict(p.split("=", 1) for p in header.split(","))
        t = int(parts["t"])
        mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
        return abs(time.time() - t) <= tolerance and hmac.compare_digest(mac, parts["v1"])
"""


class WebhookBaruSchema(Schema):
    url = fields.Url(required=True, schemes={"http", "https"}, require_tld=False,
                     validate=validate.Length(max=2000))
    jenis = fields.List(fields.Str(validate=validate.OneOf(JENIS)), required=True,
                        validate=validate.Length(min=1, max=len(JENIS)))


class WebhookSchema(Schema):
    id = fields.Str()
    instansi_id = fields.Str()
    url = fields.Str()
    jenis = fields.List(fields.Str())
    aktif = fields.Bool()
    dibuat_at = fields.DateTime()
    dibuat_oleh = fields.Str(allow_none=True)


class WebhookDibuatSchema(WebhookSchema):
    rahasia = fields.Str(metadata={"description": "the HMAC key; shown once"})


class PengirimanSchema(Schema):
    id = fields.Int()
    event_id = fields.Str()
    jenis = fields.Str()
    feed_seq = fields.Int()
    status = fields.Str(metadata={"description": "MENUNGGU, TERKIRIM, GAGAL"})
    percobaan = fields.Int()
    berikut_at = fields.DateTime(metadata={"description": "next try"})
    status_http = fields.Int(allow_none=True)
    galat = fields.Str(allow_none=True)
    dibuat_at = fields.DateTime()
    terkirim_at = fields.DateTime(allow_none=True)


class PengirimanQuerySchema(Schema):
    status = fields.Str(validate=validate.OneOf(("MENUNGGU", "TERKIRIM", "GAGAL")))


@blp.route("")
class WebhookList(MethodView):
    @roles_required("admin_instansi")
    @blp.response(200, WebhookSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """Active webhooks of the caller's instansi."""
        return run_page(pagination_parameters, svc.daftar)

    @roles_required("admin_instansi")
    @blp.doc(description=PENJELASAN)
    @blp.arguments(WebhookBaruSchema)
    @blp.response(201, WebhookDibuatSchema)
    def post(self, data):
        """Register a webhook for kinds of change (`PREDIKAT`, `ANGKA_KREDIT`, `SINKRON`)."""
        row = run_command(svc.buat, **data)
        return created(row, WebhookById, webhook_id=row["id"])


@blp.route("/<webhook_id>")
class WebhookById(MethodView):
    @roles_required("admin_instansi")
    @blp.response(200, WebhookSchema)
    def get(self, webhook_id):
        """One webhook (its secret is never shown again)."""
        return run_query(svc.ambil, webhook_id)

    @roles_required("admin_instansi")
    @blp.response(204)
    def delete(self, webhook_id):
        """Remove a webhook; its waiting deliveries end GAGAL."""
        run_command(svc.hapus, webhook_id)


@blp.route("/<webhook_id>/pengiriman")
class Pengiriman(MethodView):
    @roles_required("admin_instansi")
    @blp.arguments(PengirimanQuerySchema, location="query")
    @blp.response(200, PengirimanSchema(many=True))
    @blp.paginate()
    def get(self, filters, webhook_id, pagination_parameters):
        """The delivery log of a webhook, newest first."""
        return run_page(pagination_parameters, svc.log_pengiriman, webhook_id,
                        status=filters.get("status"))
