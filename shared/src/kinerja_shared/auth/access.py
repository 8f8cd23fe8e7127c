"""Object-level checks (OWASP API1:2023), for the service layer: no web imports.

Another instansi's or another pegawai's object is invisible (``NotFound``, 404), not merely
forbidden; ``Forbidden`` (403) is for what the caller can see but may not do.

    ensure_visible(principal, instansi_id=skp.instansi_id, owner_pegawai_id=skp.pegawai_id,
                   related_pegawai_ids=(skp.penilai_id, skp.atasan_penilai_id))
"""
from __future__ import annotations

from typing import Iterable

from ..errors import Forbidden, NotFound
from .principal import Principal


def is_visible(
    principal: Principal,
    *,
    instansi_id: str | None,
    owner_pegawai_id: str | None = None,
    related_pegawai_ids: Iterable[str | None] = (),
) -> bool:
    """Whether the object is visible to ``principal``: never across instansi (admin_pusat
    excepted); admins of the instansi see it; a plain pegawai must be the owner or among the
    related pegawai (penilai, atasan penilai, penilai perilaku ...). Without owner and related
    ids the object is instansi-wide (unor, periode): every user of the instansi sees it."""
    if not principal.sees_instansi(instansi_id):
        return False
    if principal.can_admin_instansi(instansi_id):
        return True
    related = {pid for pid in related_pegawai_ids if pid is not None}
    if owner_pegawai_id is None and not related:
        return True
    return principal.pegawai_id == owner_pegawai_id or principal.pegawai_id in related


def ensure_visible(
    principal: Principal,
    *,
    instansi_id: str | None,
    owner_pegawai_id: str | None = None,
    related_pegawai_ids: Iterable[str | None] = (),
) -> None:
    """``NotFound`` unless ``is_visible``."""
    if not is_visible(principal, instansi_id=instansi_id, owner_pegawai_id=owner_pegawai_id,
                      related_pegawai_ids=tuple(related_pegawai_ids)):
        raise NotFound()


def ensure_admin_of(principal: Principal, instansi_id: str | None) -> None:
    """For admin actions on an object of ``instansi_id``: ``NotFound`` when that instansi is
    not visible at all, ``Forbidden`` when it is visible but the caller is no admin of it."""
    if not principal.sees_instansi(instansi_id):
        raise NotFound()
    if not principal.can_admin_instansi(instansi_id):
        raise Forbidden()
