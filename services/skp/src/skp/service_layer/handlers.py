"""Events this service consumes: the explicit subscription list (event type -> handler)."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import identity_read_model, pmm


def handlers(runtime) -> Mapping[str, Handler]:
    # PmmSkpDiimpor: a teacher's SKP from PMM, through integration (pmm.py)
    return {**identity_read_model.HANDLERS, "PmmSkpDiimpor": pmm.pmm_skp_diimpor}
