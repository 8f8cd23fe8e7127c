"""What the service publishes about AK rows, through the outbox in the transaction of the
change. ``terbitkan(uow, ids)`` registers changed rows; however often a row is registered in
one transaction it is published once, just before the commit, from its row as it will be
committed (AngkaKreditDitetapkan). ``ditandatangani`` adds the PakDitandatangani of a signing.
``snapshots`` gives the same events of every row as it stands (``kinerja republish
angka_kredit``).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from sqlalchemy import select

from ..adapters.tables import angka_kredit, template_pak
from . import events, muat

_TERTUNDA = "angka_kredit.tertunda"


def _tertunda(uow) -> dict[str, bool]:
    """Rows registered in the open transaction (id -> signed now), kept with the session and
    forgotten with its transaction."""
    s = uow.session
    tx = s.get_transaction() or s.begin()
    slot = s.info.get(_TERTUNDA)
    if slot is None or slot[0] is not tx:
        slot = s.info[_TERTUNDA] = (tx, {})
    return slot[1]


def terbitkan(uow, ids: Iterable[str]) -> None:
    tertunda = _tertunda(uow)
    for i in ids:
        tertunda.setdefault(i, False)
    if tertunda:
        uow.once_before_commit(_TERTUNDA, _terbitkan)


def ditandatangani(uow, angka_kredit_id: str) -> None:
    terbitkan(uow, [angka_kredit_id])
    _tertunda(uow)[angka_kredit_id] = True


def _terbitkan(uow) -> None:
    tertunda = _tertunda(uow)
    items = dict(tertunda)
    tertunda.clear()
    s = uow.session
    rows = muat.ak_banyak(s, items)
    dihitung = muat.ringkasan_banyak(s, {i for r in rows.values() for i in r["dihitung"]})
    staged = []
    for i in sorted(rows):
        row = rows[i]
        staged.append((events.angka_kredit_ditetapkan(row, dihitung), i, row["instansi_id"]))
        if items[i]:
            staged.append((events.pak_ditandatangani(row, dihitung, _template(s, row)), i,
                           row["instansi_id"]))
    uow.add_events(staged)


def _template(s, row):
    return s.execute(select(template_pak).where(
        template_pak.c.instansi_id == row["instansi_id"],
        template_pak.c.metode == row["metode"])).mappings().first()


POTONGAN = 500


def snapshots(uow) -> Iterator[tuple]:
    """Every current snapshot, without changing any row: AngkaKreditDitetapkan of every AK
    row at its ``revisi``, and the PakDitandatangani of a signed one whose instansi's template
    has not changed since the signing (the template in force then is not kept elsewhere, and
    consumers keep the one the signing sent: a template changed later is not sent as if it
    were the one signed with; reporting then keeps what it has, or none in a rebuilt read
    model, and prints the PAK's own fields)."""
    s = uow.session
    ids = list(s.execute(select(angka_kredit.c.id).order_by(angka_kredit.c.id)).scalars())
    for i in range(0, len(ids), POTONGAN):
        rows = muat.ak_banyak(s, ids[i:i + POTONGAN])
        dihitung = muat.ringkasan_banyak(
            s, {d for r in rows.values() for d in r["dihitung"]})
        for key in sorted(rows):
            row = rows[key]
            yield events.angka_kredit_ditetapkan(row, dihitung), key, row["instansi_id"]
            if row["ditandatangani_at"] is None:
                continue
            template = _template(s, row)
            if template is None or template["diubah_at"] <= row["ditandatangani_at"]:
                yield (events.pak_ditandatangani(row, dihitung, template), key,
                       row["instansi_id"])
