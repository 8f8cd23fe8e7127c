"""reporting in the embedded mode (``make run``): the sweeper of expired files on a thread
(``service_layer/pembersihan.py``). Called by the embedded runner
(``ServiceDefinition.extra["embedded"]``); mounts nothing."""
from __future__ import annotations

from .wiring import components


def embedded(runtime, base_url: str, data_dir: str) -> dict:
    from .service_layer.pembersihan import Pembersih

    comp = components(runtime)
    Pembersih(runtime, comp, comp.settings.sweep_interval).start()
    return {}
