"""What pipelines read with a service account's token (`POST /oauth/token`): the change feeds
and the yearly exports of the account's instansi."""
from __future__ import annotations

import csv
import io
import json
from functools import wraps

from flask import Response, g, request, stream_with_context, url_for
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.web.commands import run_public_query
from kinerja_shared.web.http import Blueprint
from kinerja_shared.web.problems import Problem

from ...service_layer import feed_baca as svc
from ...service_layer import klien

blp = Blueprint("feed", __name__, url_prefix="/feed",
                description="Change feeds for pipelines (service-account token)")
ekspor_blp = Blueprint("ekspor", __name__, url_prefix="/ekspor",
                       description="Yearly exports for pipelines (service-account token)")
SECURITY = "klienToken"
JENIS = tuple(svc.JENIS_URL)

EXAMPLE = {"data": [{"seq": 41, "jenis": "PREDIKAT", "kunci": "skp22:198503152010011002:2025",
                     "tahun": 2025, "instansi_id": "0f5c…", "dibuat_at":
                     "2026-01-20T03:15:02+00:00", "data": {
                         "penilaian_id": "7d2e…", "revisi": 2, "nip": "198503152010011002",
                         "nama": "Sari Wulandari", "tahun": 2025, "predikat": "BAIK",
                         "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
                         "rating_perilaku": "SESUAI_EKSPEKTASI"}}],
           "cursor": "djEuNDE", "ada_lagi": False}
CONTOH = """Changes of the service account's instansi in commit order, each once, `limit` per
page (1-1000, default 100). Keep `cursor` of each answer and pass it back: the next page holds
what was committed after it, however long you wait (`ada_lagi` says whether more is waiting
now; the `Link` header names the next page, RFC 8288). A record changed twice appears twice
(a keberatan's revision: `data.revisi` grows); the latest change per `kunci` is its state.

    TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials \\
            $BASE/api/integration/oauth/token | jq -r .access_token)
    curl -H "Authorization: Bearer $TOKEN" "$BASE/api/integration/feed/predikat?limit=500"

    import requests
    cursor = load_cursor()            # None the first time
    while True:
        page = requests.get(f"{BASE}/api/integration/feed/predikat",
                            params={"cursor": cursor, "limit": 500},
                            headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
        for change in page["data"]:
            upsert(change["kunci"], change["data"])
        cursor = page["cursor"]; save_cursor(cursor)
        if not page["ada_lagi"]:
            break
"""


def klien_required(scope_of):
    """The view needs a service account's token with the scope ``scope_of(**view_args)``; the
    account's instansi is ``g.klien["instansi_id"]``."""
    def decorator(fn):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            token = header[7:].strip() if header[:7].lower() == "bearer " else None
            g.klien = run_public_query(klien.verifikasi, access_token=token,
                                       scope=scope_of(**kwargs))
            return fn(*args, **kwargs)
        return wrapper
    return decorator


class FeedQuerySchema(Schema):
    cursor = fields.Str(validate=validate.Length(max=100), metadata={
        "description": "`cursor` of the previous answer; none: from the beginning"})
    limit = fields.Int(load_default=100, validate=validate.Range(min=1, max=1000))


class PerubahanSchema(Schema):
    seq = fields.Int(metadata={"description": "position in the instansi's commit order"})
    jenis = fields.Str()
    kunci = fields.Str(metadata={"description": "the record changed"})
    tahun = fields.Int(allow_none=True)
    instansi_id = fields.Str()
    dibuat_at = fields.Str()
    data = fields.Dict(metadata={"description": "the record as it now stands"})


class FeedSchema(Schema):
    data = fields.List(fields.Nested(PerubahanSchema))
    cursor = fields.Str(metadata={"description": "pass it back as `cursor`"})
    ada_lagi = fields.Bool(metadata={"description": "more changes are waiting now"})


def _scope(jenis: str) -> str:
    if jenis not in svc.JENIS_URL:
        raise Problem(404)
    return svc.SCOPE[svc.JENIS_URL[jenis]]


@blp.route("/<jenis>")
class Feed(MethodView):
    @blp.doc(security=[{SECURITY: ["feed:predikat", "feed:angka-kredit", "feed:sinkron"]}],
             description=CONTOH, parameters=[{"in": "path", "name": "jenis", "required": True,
                                             "schema": {"type": "string", "enum": list(JENIS)}}])
    @blp.arguments(FeedQuerySchema, location="query")
    @blp.response(200, FeedSchema, example=EXAMPLE)
    @blp.alt_response(401, description="No, an unknown or an expired service-account token")
    @blp.alt_response(403, description="The token lacks the scope of this feed")
    @klien_required(lambda jenis: _scope(jenis))
    def get(self, args, jenis):
        """Change feed (`predikat`: final predikat; `angka-kredit`; `sinkron`: sync results)."""
        page = run_public_query(svc.halaman, instansi_id=g.klien["instansi_id"],
                                jenis=svc.JENIS_URL[jenis], cursor=args.get("cursor"),
                                limit=args["limit"])
        link = url_for("feed.Feed", jenis=jenis, cursor=page["cursor"], limit=args["limit"])
        return page, 200, {"Link": f'<{link}>; rel="next"'}


class EksporQuerySchema(Schema):
    tahun = fields.Int(required=True, validate=validate.Range(min=2000, max=2100))


@ekspor_blp.route("/<jenis>.<format_>")
class Ekspor(MethodView):
    @ekspor_blp.doc(security=[{SECURITY: ["export"]}], parameters=[
        {"in": "path", "name": "jenis", "required": True,
         "schema": {"type": "string", "enum": list(JENIS)}},
        {"in": "path", "name": "format_", "required": True,
         "schema": {"type": "string", "enum": ["ndjson", "csv"]}}])
    @ekspor_blp.arguments(EksporQuerySchema, location="query")
    @ekspor_blp.response(200, description="NDJSON (one change per line, as in the feed) or CSV "
                                          "(`seq`, `kunci`, then the record's columns)",
                         content_type="application/x-ndjson")
    @klien_required(lambda jenis, format_: "export")
    def get(self, args, jenis, format_):
        """The current state of every record of a year (its latest change), in commit order.

            curl -H "Authorization: Bearer $TOKEN" \\
                 "$BASE/api/integration/ekspor/predikat.csv?tahun=2025" -o predikat.csv
        """
        if jenis not in svc.JENIS_URL or format_ not in ("ndjson", "csv"):
            raise Problem(404)
        kind = svc.JENIS_URL[jenis]
        rows = run_public_query(svc.ekspor, instansi_id=g.klien["instansi_id"], jenis=kind,
                                tahun=args["tahun"])
        if format_ == "ndjson":
            body = (json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
            return Response(stream_with_context(body), mimetype="application/x-ndjson")
        return Response(stream_with_context(_csv(kind, rows)), mimetype="text/csv",
                        headers={"Content-Disposition":
                                 f'attachment; filename="{jenis}-{args["tahun"]}.csv"'})


def _csv(kind: str, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["seq", "kunci", *svc.KOLOM_CSV[kind]])
    yield out.getvalue()
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(svc.baris_csv(kind, row))
        yield out.getvalue()
