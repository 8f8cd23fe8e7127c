"""What a rule says when it refuses: plain exceptions, no HTTP. The service layer turns them
into the platform's errors (``service_layer/refusals.py``): ``Ditolak`` into a conflict,
``TidakSah`` into invalid input per field."""
from __future__ import annotations


class Ditolak(Exception):
    """The current state does not allow it (a workflow step, a second integrasi)."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class TidakSah(ValueError):
    """Values that break a rule, with the messages per field (``{"ak_lama": ["..."]}``)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def tidak_sah(field: str, pesan: str) -> TidakSah:
    """``TidakSah`` for one field."""
    return TidakSah({field: [pesan]})
