"""Layer rules of every service (docs/ARCHITECTURE.md, "Layers"), enforced by import-linter
with the configuration ``kinerja_shared.testing.layers`` generates from the installed services."""
from __future__ import annotations

import os
import textwrap

from kinerja_shared.testing import layers


def test_every_service_keeps_its_layers():
    kept, report = layers.lint(layers.service_packages())
    assert kept, report


def test_no_service_folder_escapes_the_check_as_a_namespace_package():
    """A folder of modules without ``__init__.py`` is invisible to import-linter."""
    found = [d for p in layers.service_packages() for d in layers.namespace_directories(p)]
    assert not found, f"add an __init__.py to: {found}"


def test_a_service_that_breaks_each_rule_is_refused_with_the_import_named(tmp_path):
    """The rules bite: a package breaking each of them fails, and the report names every
    offending import with its line."""
    pkg = tmp_path / "contoh"
    files = {
        "__init__.py": "",
        "domain/__init__.py": "",
        "domain/aturan.py": "import decimal\nimport sqlalchemy\n",
        "adapters/__init__.py": "",
        "adapters/tables.py": "import sqlalchemy\n",
        "service_layer/__init__.py": "",
        "service_layer/perintah.py": "from flask import request\nfrom contoh.api import x\n",
        "api/__init__.py": "x = 1\n",
        "api/resources.py": "from contoh.adapters.tables import sqlalchemy\n",
    }
    for name, text in files.items():
        path = pkg / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    kept, report = layers.lint(["contoh"], env=env)

    assert not kept
    for broken in ("contoh.domain.aturan imports sqlalchemy",
                   "contoh.service_layer.perintah -> flask",
                   "contoh.service_layer.perintah -> contoh.api",
                   "contoh.api.resources -> contoh.adapters.tables"):
        assert broken in " ".join(report.split()), report
    assert "decimal" not in report.split("Broken contracts")[1].split("contoh.service_layer")[0]


def test_a_folder_without_init_is_reported(tmp_path, monkeypatch):
    (tmp_path / "contoh2" / "api" / "barang").mkdir(parents=True)
    (tmp_path / "contoh2" / "__init__.py").write_text("")
    (tmp_path / "contoh2" / "api" / "__init__.py").write_text("")
    (tmp_path / "contoh2" / "api" / "barang" / "resources.py").write_text("import sqlalchemy\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert layers.namespace_directories("contoh2") == ["contoh2/api/barang"]
