"""Service functions ``fn(uow, principal, ...)`` run by the command runner (never committing,
raising ``kinerja_shared.errors``), queries, access checks, the events this service publishes
(``events.py``) and those it consumes (``handlers.py``)."""
