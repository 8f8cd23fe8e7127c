"""First start: an admin_pusat account (and its instansi) when none exists; demo data on
request. Defaults are for local use only (docs/services/identity.md).

These run at start-up, outside any request: each opens the runtime's unit of work itself,
calls the same service functions a request would (as the system: ``principal`` None) and
commits."""
from __future__ import annotations

import logging
import os
from typing import Mapping

import sqlalchemy as sa

from ..adapters.tables import instansi, pegawai
from ..wiring import components
from . import instansi as instansi_svc
from . import pegawai as pegawai_svc

log = logging.getLogger("kinerja.identity")

LOCAL_ADMIN_NIP = "199001012020011001"  # local-only default
LOCAL_ADMIN_PASSWORD = "kinerja-admin"  # local-only default
INSTANSI_PUSAT = {"nama": "Administrator Pusat Kinerja", "kode": "PUSAT"}


def ada_admin_pusat(session) -> bool:
    # roles is JSON: compare its text, portable between PostgreSQL and SQLite
    return session.execute(sa.select(pegawai.c.id).where(
        sa.cast(pegawai.c.roles, sa.String).contains('"admin_pusat"'))).first() is not None


def pastikan_admin_pusat(runtime, environ: Mapping[str, str] | None = None) -> str | None:
    """Creates the admin_pusat from KINERJA_ADMIN_NIP / KINERJA_ADMIN_PASSWORD when there is
    none; returns its id (None when one existed)."""
    env = os.environ if environ is None else environ
    comp = components(runtime)
    nip = env.get("KINERJA_ADMIN_NIP") or LOCAL_ADMIN_NIP
    password = env.get("KINERJA_ADMIN_PASSWORD") or LOCAL_ADMIN_PASSWORD
    with runtime.uow() as uow:
        if ada_admin_pusat(uow.session):
            return None
        if uow.session.execute(sa.select(pegawai.c.id).where(pegawai.c.nip == nip)).first():
            log.warning("identity: NIP %s exists but is no admin_pusat; no admin created", nip)
            return None
        pusat = uow.session.execute(sa.select(instansi.c.id).where(
            instansi.c.kode == INSTANSI_PUSAT["kode"])).scalar()
        if pusat is None:
            pusat = instansi_svc.buat(uow, None, INSTANSI_PUSAT)["id"]
        row = pegawai_svc.buat(uow, None, {
            "nip": nip, "nama": "Administrator Pusat", "password": password,
            "roles": ["admin_pusat"], "jabatan": "Administrator"}, passwords=comp.passwords,
            instansi_id=pusat)
        uow.commit()
    if password == LOCAL_ADMIN_PASSWORD:
        log.warning("identity: admin_pusat %s created with the LOCAL default password", nip)
    return row["id"]


def on_start(runtime) -> None:
    components(runtime).keys.ensure_key()
    pastikan_admin_pusat(runtime)
    if os.environ.get("KINERJA_DEMO", "").strip().lower() in {"1", "true", "yes"}:
        from .demo import muat_demo

        muat_demo(runtime)
