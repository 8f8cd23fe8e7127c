"""Status kepegawaian of a pegawai, the TMTs that go with a golongan and a status, and what a
status means for the account (docs/services/identity.md, "Status kepegawaian").

- ``AKTIF`` (the default), ``CUTI`` (cuti besar, cuti di luar tanggungan negara) and
  ``TUGAS_BELAJAR`` keep the pegawai serving: the account logs in as before.
- ``PENSIUN``, ``PINDAH`` (moved out of the instansi, to one this system does not manage),
  ``BERHENTI`` and ``MENINGGAL`` end the service: the account is deactivated (``aktif`` false,
  so login is refused, the pegawai leaves the relasi and the sessions are revoked as any
  deactivation does). Asking for ``aktif`` true together with such a status is refused.
  Back from such a status to a serving one, the account is active again unless the same change
  says otherwise.
- A TMT belongs to its value: when the golongan (the status) changes and the change does not
  name ``tmt_golongan`` (``tmt_status``), the old TMT is cleared rather than left dated for the
  previous value. ``tmt_golongan`` needs a golongan.
"""
from __future__ import annotations

from typing import Any, Collection, Mapping

from .enums import STATUS_KEPEGAWAIAN

__all__ = ["STATUS_KEPEGAWAIAN", "STATUS_AWAL", "STATUS_MENGAKHIRI", "IsianTidakSah",
           "mengakhiri", "terapkan"]

STATUS_AWAL = "AKTIF"
STATUS_MENGAKHIRI = frozenset({"PENSIUN", "PINDAH", "BERHENTI", "MENINGGAL"})

# (value, its TMT): the TMT is cleared when the value changes without a TMT of its own
_TMT = (("golongan", "tmt_golongan"), ("status_kepegawaian", "tmt_status"))


class IsianTidakSah(ValueError):
    """One field's value breaks a rule; the message is shown to the user (Indonesian)."""

    def __init__(self, field: str, pesan: str) -> None:
        super().__init__(pesan)
        self.field = field
        self.pesan = pesan


def mengakhiri(status: str | None) -> bool:
    """True for a status that ends the service (the account is deactivated)."""
    return status in STATUS_MENGAKHIRI


def terapkan(before: Mapping[str, Any] | None, after: Mapping[str, Any],
             diminta: Collection[str]) -> dict[str, Any]:
    """The pegawai row ``after`` a change (``before`` None: a new pegawai) with the rules above
    applied; ``diminta`` names the fields the change gave. Raises ``IsianTidakSah``."""
    out = dict(after)
    out["status_kepegawaian"] = out.get("status_kepegawaian") or STATUS_AWAL
    if before is not None:
        for nilai, tmt in _TMT:
            if out.get(nilai) != before.get(nilai) and tmt not in diminta:
                out[tmt] = None
    if out.get("tmt_golongan") is not None and not out.get("golongan"):
        raise IsianTidakSah("tmt_golongan", "TMT golongan hanya dapat diisi bersama golongan.")
    status = out["status_kepegawaian"]
    if mengakhiri(status):
        if "aktif" in diminta and out.get("aktif"):
            raise IsianTidakSah("aktif", f"Pegawai berstatus {status} tidak dapat diaktifkan.")
        out["aktif"] = False
    elif before is not None and mengakhiri(before.get("status_kepegawaian")) \
            and "aktif" not in diminta:
        out["aktif"] = True
    return out
