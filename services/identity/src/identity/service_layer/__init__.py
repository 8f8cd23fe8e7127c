"""Service functions (commands and queries: ``fn(uow, principal, ...)``) over the unit of work the runner opens; events.py: what identity publishes."""
