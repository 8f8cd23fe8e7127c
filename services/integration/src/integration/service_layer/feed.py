"""The change feeds pipelines read (NATIONAL.md, last section): per instansi, every change of
a final predikat (``PREDIKAT``), an angka kredit (``ANGKA_KREDIT``) or a sync result
(``SINKRON``) gets the next ``seq`` of the instansi, written in the transaction of the change.

Why a counter row and not a sequence: ``seq`` must follow commit order, or a reader paging by
"seq greater than my cursor" could pass a number whose transaction commits later and never see
it. Taking the numbers with ``UPDATE feed_urutan ... RETURNING`` holds the instansi's row lock
until the commit, so a transaction that takes later numbers commits later: a reader that sees
``seq`` k sees every number below it (SQLite serialises writers anyway). Writers of one instansi
queue on that row for the moment between taking numbers and committing.

Each change also becomes one delivery per active webhook of the instansi subscribed to its kind
(``webhook.py`` sends them), in the same transaction.
"""
from __future__ import annotations

import json
import uuid
from typing import Any, Iterable

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.bulk import insert_rows

from ..adapters.tables import feed, feed_urutan, pengiriman_webhook, webhook

JENIS = ("PREDIKAT", "ANGKA_KREDIT", "SINKRON")


def tambah(uow, instansi_id: str, entri: Iterable[tuple[str, str, int | None, dict]]) -> list[int]:
    """Append ``(jenis, kunci, tahun, data)`` changes of one instansi; their ``seq``."""
    entri = list(entri)
    if not entri:
        return []
    s = uow.session
    _pastikan_urutan(s, instansi_id)
    akhir = s.execute(sa.update(feed_urutan).where(feed_urutan.c.instansi_id == instansi_id)
                      .values(seq=feed_urutan.c.seq + len(entri))
                      .returning(feed_urutan.c.seq)).scalar_one()
    t = now()
    rows = [{"instansi_id": instansi_id, "seq": akhir - len(entri) + 1 + i, "jenis": jenis,
             "kunci": kunci, "tahun": tahun, "data": data, "dibuat_at": t}
            for i, (jenis, kunci, tahun, data) in enumerate(entri)]
    insert_rows(s, feed, rows)
    _antre_webhook(s, instansi_id, rows)
    return [r["seq"] for r in rows]


def _pastikan_urutan(s, instansi_id: str) -> None:
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    s.execute(insert(feed_urutan).values(instansi_id=instansi_id, seq=0)
              .on_conflict_do_nothing(index_elements=["instansi_id"]))


def _antre_webhook(s, instansi_id: str, rows: list[dict]) -> None:
    hooks = s.execute(sa.select(webhook.c.id, webhook.c.jenis).where(
        webhook.c.instansi_id == instansi_id, webhook.c.aktif.is_(True))).all()
    if not hooks:
        return
    deliveries = []
    for hook in hooks:
        for row in rows:
            if row["jenis"] not in (hook.jenis or []):
                continue
            event_id = str(uuid.uuid4())
            deliveries.append({
                "webhook_id": hook.id, "instansi_id": instansi_id, "event_id": event_id,
                "jenis": row["jenis"], "feed_seq": row["seq"], "status": "MENUNGGU",
                "percobaan": 0, "berikut_at": row["dibuat_at"], "dibuat_at": row["dibuat_at"],
                "body": json.dumps(perubahan(row, event_id=event_id), ensure_ascii=False,
                                   default=str)})
    insert_rows(s, pengiriman_webhook, deliveries)


def perubahan(row: Any, *, event_id: str | None = None) -> dict[str, Any]:
    """One change as a pipeline reads it (feed page, export, webhook body)."""
    m = row if isinstance(row, dict) else row._mapping
    body = {"seq": m["seq"], "jenis": m["jenis"], "kunci": m["kunci"], "tahun": m["tahun"],
            "instansi_id": m["instansi_id"], "dibuat_at": _iso(m["dibuat_at"]),
            "data": m["data"]}
    if event_id is not None:
        body = {"id": event_id, **body}
    return body


def _iso(value: Any) -> str | None:
    from kinerja_shared.db.times import as_utc

    return None if value is None else as_utc(value).isoformat()
