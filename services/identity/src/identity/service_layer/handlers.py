"""Events this service consumes: the explicit subscription list (event type -> handler)."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import siasn


def handlers(runtime) -> Mapping[str, Handler]:
    # what integration pulls from SIASN (siasn.py; conflicts in siasn_konflik.py)
    return {"UnorSiasnDiterima": siasn.unor_diterima,
            "PegawaiSiasnDiterima": siasn.pegawai_diterima}
