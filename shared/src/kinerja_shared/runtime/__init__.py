"""How a service is described (``ServiceDefinition``), wired (``ServiceRuntime``) and run
(web app, outbox relay, consumer, job worker, migrations, the embedded all-in-one runner)."""
from .definition import ServiceDefinition, load_definitions
from .runtime import ServiceRuntime, current_runtime

__all__ = ["ServiceDefinition", "ServiceRuntime", "current_runtime", "load_definitions"]
