"""Verification codes printed under the QR code of every document: short, unambiguous when
read aloud or typed (Crockford base 32: no I, L, O, U), grouped in fours."""
from __future__ import annotations

import re
import secrets

ALFABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG = 12  # 60 bits: guessing a valid code is hopeless at any request rate
POLA = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
_BACAAN = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def baru() -> str:
    raw = "".join(secrets.choice(ALFABET) for _ in range(PANJANG))
    return "-".join(raw[i:i + 4] for i in range(0, PANJANG, 4))


def normalkan(kode: str) -> str | None:
    """A code as a person typed it (lower case, without dashes, O for 0) in its printed form,
    or None when it cannot be one."""
    raw = re.sub(r"[\s-]", "", kode.upper()).translate(_BACAAN)
    if len(raw) != PANJANG or any(c not in ALFABET for c in raw):
        return None
    return "-".join(raw[i:i + 4] for i in range(0, PANJANG, 4))
