"""A domain rule's refusal as the platform's error (``kinerja_shared.errors``): ``Ditolak`` is a
``Conflict`` (409), ``TidakSah`` an ``Invalid`` with its messages per field (422)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from kinerja_shared.errors import Conflict, Invalid

from ..domain.errors import Ditolak, TidakSah


@contextmanager
def domain_refusals() -> Iterator[None]:
    try:
        yield
    except TidakSah as exc:
        raise Invalid(exc.errors) from exc
    except Ditolak as exc:
        raise Conflict(exc.pesan, code="status-tidak-sesuai") from exc
