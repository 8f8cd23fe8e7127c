"""What the repository itself must not hold (the developers' guide): paths of a developer's
machine in code or docs. Checked over every tracked text file."""
from __future__ import annotations

import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
# absolute paths of the machines the suite was built on, and home folders of any machine
MACHINE_PATH = re.compile(r"(?<![\w.:/-])/(?:work|root|home/[a-z][\w-]*)/[\w.-]+")
SKIP_SUFFIXES = {".png", ".jpg", ".pdf", ".xlsx", ".zip", ".ico", ".svg", ".woff", ".woff2"}


def _tracked() -> list[pathlib.Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [ROOT / p for p in out.stdout.decode().split("\0") if p]


def test_no_path_of_a_developers_machine_is_committed():
    found = []
    for path in _tracked():
        if path.suffix in SKIP_SUFFIXES or path.name == "package-lock.json" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:120]}")
    assert not found, "machine paths committed:\n" + "\n".join(found)
