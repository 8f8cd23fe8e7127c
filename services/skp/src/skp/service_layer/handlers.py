"""Events this service consumes: the explicit subscription list (event type -> handler)."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import identity_read_model


def handlers(runtime) -> Mapping[str, Handler]:
    return {**identity_read_model.HANDLERS}
