"""Production WSGI entry: ``gunicorn 'kinerja_shared.runtime.wsgi:create_app("skp")'``.

The web process only writes (state and outbox rows in one transaction); the service's relay
process publishes and its consumer process consumes.
"""
from __future__ import annotations

from ..config import ServiceSettings
from ..web.logging_setup import setup_logging
from .definition import load_definitions
from .runtime import ServiceRuntime


def create_app(service: str):
    definition = load_definitions([service])[service]
    settings = ServiceSettings.from_env(service)
    setup_logging(service, settings.log_format)
    return ServiceRuntime(definition, settings).create_app()
