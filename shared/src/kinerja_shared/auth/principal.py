"""Who is calling: the verified identity a token carries, and the coarse role checks.

Roles are coarse (``pegawai``, ``admin_instansi``, ``admin_pusat``); most rights come from
relationships each service checks per object (see ``ensure_visible`` in ``auth.flask``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

ROLE_PEGAWAI = "pegawai"
ROLE_ADMIN_INSTANSI = "admin_instansi"
ROLE_ADMIN_PUSAT = "admin_pusat"
KNOWN_ROLES = frozenset({ROLE_PEGAWAI, ROLE_ADMIN_INSTANSI, ROLE_ADMIN_PUSAT})
# For ``roles_required(*ADMIN_ROLES)``: either kind of admin.
ADMIN_ROLES = (ROLE_ADMIN_INSTANSI, ROLE_ADMIN_PUSAT)


class InvalidClaims(ValueError):
    """The token's claims do not describe a principal (wrong types, no subject)."""


def _normalise_roles(roles: Iterable[str] | None) -> frozenset[str]:
    if isinstance(roles, str):  # a lone string is one role, not its letters
        roles = [roles]
    return frozenset(roles or ()) | {ROLE_PEGAWAI}


@dataclass(frozen=True)
class Principal:
    """The caller. ``pegawai_id`` is the token's ``sub``; ``pegawai`` is always among the roles."""

    pegawai_id: str
    nip: str | None = None
    nama: str | None = None
    instansi_id: str | None = None
    roles: frozenset[str] = field(default_factory=lambda: frozenset({ROLE_PEGAWAI}))
    token_id: str | None = None
    issued_at: int | None = None  # the token's ``iat`` (epoch seconds), for revocation checks
    # the token's ``sid``: the login session (refresh-token family) it belongs to, when identity
    # issued it for one; "log out" (POST /auth/keluar) revokes that session alone
    session_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", _normalise_roles(self.roles))

    @property
    def is_admin_pusat(self) -> bool:
        return ROLE_ADMIN_PUSAT in self.roles

    @property
    def is_admin_instansi(self) -> bool:
        return ROLE_ADMIN_INSTANSI in self.roles

    @property
    def is_admin(self) -> bool:
        """Admin of some kind (pusat or instansi); use ``can_admin_instansi`` for an object."""
        return self.is_admin_pusat or self.is_admin_instansi

    def has_role(self, *roles: str) -> bool:
        """True when the principal holds any of ``roles``."""
        return any(role in self.roles for role in roles)

    def can_admin_instansi(self, instansi_id: str | None) -> bool:
        """admin_pusat administers every instansi; admin_instansi only their own."""
        if self.is_admin_pusat:
            return True
        return self.is_admin_instansi and instansi_id is not None and instansi_id == self.instansi_id

    def sees_instansi(self, instansi_id: str | None) -> bool:
        """Whether anything of ``instansi_id`` may be visible at all (a pegawai of another
        instansi sees nothing)."""
        if self.is_admin_pusat:
            return True
        return instansi_id is not None and instansi_id == self.instansi_id

    # -- token claims ---------------------------------------------------------------------

    def to_claims(self) -> dict[str, Any]:
        """The private claims identity puts in a token (registered claims are added by
        ``sign_token``)."""
        claims: dict[str, Any] = {
            "sub": self.pegawai_id,
            "nip": self.nip,
            "nama": self.nama,
            "instansi_id": self.instansi_id,
            "roles": sorted(self.roles),
        }
        if self.token_id is not None:
            claims["jti"] = self.token_id
        if self.session_id is not None:
            claims["sid"] = self.session_id
        return claims

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> "Principal":
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub:
            raise InvalidClaims("sub must be a non-empty string")
        for name in ("nip", "nama", "instansi_id", "jti", "sid"):
            value = claims.get(name)
            if value is not None and not isinstance(value, str):
                raise InvalidClaims(f"{name} must be a string")
        issued_at = claims.get("iat")
        if issued_at is not None and (isinstance(issued_at, bool)
                                      or not isinstance(issued_at, (int, float))):
            raise InvalidClaims("iat must be a number")
        roles = claims.get("roles", [])
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise InvalidClaims("roles must be a list of strings")
        return cls(
            pegawai_id=sub,
            nip=claims.get("nip"),
            nama=claims.get("nama"),
            instansi_id=claims.get("instansi_id"),
            roles=frozenset(roles),
            token_id=claims.get("jti"),
            issued_at=None if issued_at is None else int(issued_at),
            session_id=claims.get("sid"),
        )
