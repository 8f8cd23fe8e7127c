"""integration in the embedded mode (``make run``): its SIASN and PMM sandboxes mounted under
``/sandbox/siasn`` and ``/sandbox/pmm`` of the same server, integration pointed at them (unless
``KINERJA_INTEGRATION_SIASN_URL`` / ``_PMM_URL`` say otherwise) with credentials made up for
this run, and the sync worker on a thread. State of the sandboxes: SQLite files in
``<data folder>/sandbox/``. Called by the embedded runner (``ServiceDefinition.extra["embedded"]``)."""
from __future__ import annotations

import os
import secrets
from dataclasses import replace

from .wiring import components


def embedded(runtime, base_url: str, data_dir: str) -> dict:
    """The WSGI apps to mount, by path; starts the worker."""
    from .sandbox.pmm import PmmCredentials, create_app as pmm_app
    from .sandbox.siasn import SiasnCredentials, create_app as siasn_app
    from .service_layer.pekerja import Pekerja

    comp = components(runtime)
    state = os.path.join(data_dir, "sandbox")  # beside the services' databases, not among them
    os.makedirs(state, exist_ok=True)
    s, p = comp.settings.siasn, comp.settings.pmm
    mounts = {}
    if not s.url:
        creds = SiasnCredentials(secrets.token_urlsafe(12), secrets.token_urlsafe(24),
                                 "kinerja-embedded", "operator", secrets.token_urlsafe(24))
        mounts["/sandbox/siasn"] = siasn_app(creds, path=os.path.join(state, "siasn.db"))
        s = replace(s, url=f"{base_url}/sandbox/siasn", token_url=None, sso_url=None,
                    consumer_key=creds.consumer_key, consumer_secret=creds.consumer_secret,
                    client_id=creds.client_id, username=creds.username, password=creds.password)
    if not p.url:
        pcreds = PmmCredentials("kinerja-embedded", secrets.token_urlsafe(24))
        mounts["/sandbox/pmm"] = pmm_app(pcreds, path=os.path.join(state, "pmm.db"))
        p = replace(p, url=f"{base_url}/sandbox/pmm", client_id=pcreds.client_id,
                    client_secret=pcreds.client_secret)
    comp.configure(siasn=s, pmm=p)
    worker = Pekerja(runtime, nama="embedded")
    worker.start()
    return mounts
