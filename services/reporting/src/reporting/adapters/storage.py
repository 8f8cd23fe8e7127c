"""Where report files, zips and bulk-printed documents are kept, and their download links.

- ``LocalStorage``: a folder (the data folder in the embedded mode); a download link is this
  service's ``/unduh/{token}``, the token an HMAC-signed (key, file name, expiry).
- ``S3Storage``: an S3-compatible bucket (boto3) in production; a download link is a presigned
  GET URL that the object store itself refuses once expired.

Both are handed a key (``laporan/<job id>/<name>.xlsx``) and never see who asks: the service
layer checks that the caller may read the source before it asks for a link.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import shutil
import time
from pathlib import Path
from typing import BinaryIO, Protocol


class Storage(Protocol):
    def put_file(self, key: str, path: str, content_type: str) -> None: ...
    def put_bytes(self, key: str, data: bytes, content_type: str) -> None: ...
    def open(self, key: str) -> BinaryIO: ...
    def delete(self, key: str) -> None: ...
    def link(self, key: str, *, nama: str, content_type: str, expires: int,
             local_base: str) -> str: ...


class InvalidLink(ValueError):
    """A local download token that is forged, malformed or expired."""


class LocalStorage:
    def __init__(self, root: str, secret: str | None = None) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self._secret = (secret or self._kept_secret()).encode()

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root not in path.parents:
            raise ValueError(f"key outside the storage folder: {key!r}")
        return path

    def _kept_secret(self) -> str:
        """A random key kept in the folder, so links survive a restart of the embedded mode."""
        path = self.root / ".kunci-tautan"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        return path.read_text().strip()

    def put_file(self, key: str, path: str, content_type: str) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)  # whole or not at all

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def open(self, key: str) -> BinaryIO:
        return open(self._path(key), "rb")

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def link(self, key: str, *, nama: str, content_type: str, expires: int,
             local_base: str) -> str:
        claims = {"k": key, "n": nama, "t": content_type, "e": int(time.time()) + expires}
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{local_base}{body}.{_b64(self._sign(body))}"

    def resolve(self, token: str) -> dict:
        """The (key, name, type) a token names; ``InvalidLink`` if forged or expired."""
        body, _, signature = token.partition(".")
        try:
            good = hmac.compare_digest(_unb64(signature), self._sign(body))
            claims = json.loads(_unb64(body)) if good else None
        except (ValueError, TypeError):
            raise InvalidLink("token rusak") from None
        if claims is None:
            raise InvalidLink("tanda tangan tidak cocok")
        if claims["e"] < time.time():
            raise InvalidLink("tautan kedaluwarsa")
        return claims

    def _sign(self, body: str) -> bytes:
        return hmac.new(self._secret, body.encode(), hashlib.sha256).digest()


class S3Storage:
    def __init__(self, bucket: str, *, endpoint_url: str | None = None,
                 region: str | None = None, client=None) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            config=Config(signature_version="s3v4", retries={"max_attempts": 5,
                                                               "mode": "standard"},
                          s3={"addressing_style": "path" if endpoint_url else "auto"}))

    def put_file(self, key: str, path: str, content_type: str) -> None:
        self.client.upload_file(path, self.bucket, key, ExtraArgs={"ContentType": content_type})

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def open(self, key: str) -> BinaryIO:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"]

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def link(self, key: str, *, nama: str, content_type: str, expires: int,
             local_base: str) -> str:
        return self.client.generate_presigned_url("get_object", ExpiresIn=expires, Params={
            "Bucket": self.bucket, "Key": key, "ResponseContentType": content_type,
            "ResponseContentDisposition": f'attachment; filename="{nama}"'})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
