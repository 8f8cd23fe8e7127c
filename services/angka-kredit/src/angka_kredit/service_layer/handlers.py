"""Events this service consumes: the explicit subscription list (event type -> handler). A
handler is ``handler(payload, envelope, uow)`` with the typed payload (``@batch_handler`` for a
run of events at once); what the service publishes is in ``events.py``."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler


def handlers(runtime) -> Mapping[str, Handler]:
    return {}
