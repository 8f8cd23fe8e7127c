"""Downloads by signed link from the local storage (the token is the permission: one file,
until it expires); with S3 storage the links point at the object store, never here."""
from __future__ import annotations

from typing import BinaryIO

from kinerja_shared.errors import NotFound

from ..adapters.storage import InvalidLink, LocalStorage


def buka(storage, token: str) -> tuple[dict, BinaryIO]:
    """``(claims, open file)`` of a valid token; 404 when forged, expired or gone."""
    if not isinstance(storage, LocalStorage):
        raise NotFound()
    try:
        claims = storage.resolve(token)
        return claims, storage.open(claims["k"])
    except (InvalidLink, FileNotFoundError, ValueError):
        raise NotFound("Tautan tidak berlaku atau sudah kedaluwarsa.") from None
