"""Layer rules of a service, checked by import-linter (tests/conventions/test_layers.py).

For every service package ``P`` (docs/ARCHITECTURE.md, "Layers"):

- ``P.domain`` imports only the standard library (and itself): rules stay plain Python;
- ``P.service_layer`` and ``P.views`` import neither ``P.api`` nor the web layer (flask,
  flask-smorest, marshmallow, webargs, werkzeug, ``kinerja_shared.web``,
  ``kinerja_shared.auth.flask``): they raise ``kinerja_shared.errors`` and take a unit of work;
- ``P.api`` imports neither ``P.adapters`` (tables, repositories) nor SQLAlchemy: views call
  service functions and queries through the command runner;
- ``P.adapters`` imports neither ``P.api`` nor ``P.service_layer``;
- ``kinerja_shared`` imports no service.

Only direct imports count (``allow_indirect_imports``): ``api -> service_layer -> adapters`` is
the normal path. The configuration is generated from the installed services, so a new service
is checked without a line here.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output

WEB_MODULES = ("flask", "flask_smorest", "marshmallow", "webargs", "werkzeug",
               "kinerja_shared.web", "kinerja_shared.auth.flask")


class StdlibOnlyContract(Contract):
    """Modules under ``source_modules`` import only the standard library and themselves."""

    type_name = "stdlib_only"
    source_modules = fields.SetField(subfield=fields.ModuleField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        stdlib = set(sys.stdlib_module_names) | {"__future__"}
        broken = []
        for source in sorted(self.source_modules, key=lambda m: m.name):  # type: ignore
            modules = {source.name} | graph.find_descendants(source.name)
            for importer in sorted(modules):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    root = imported.split(".")[0]
                    if root in stdlib or imported == source.name \
                            or imported.startswith(source.name + "."):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = sorted({d["line_number"] for d in details})
                    broken.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["broken"]:
            lines = ", ".join(f"l.{n}" for n in item["lines"])
            output.print_error(f"{item['importer']} imports {item['imported']} ({lines}), "
                               "which is not the standard library")
            output.new_line()


def service_packages() -> list[str]:
    """Top-level package of every installed service (from the ``kinerja.services`` entry
    points, e.g. ``angka_kredit``)."""
    found = {ep.value.split(":")[0].split(".")[0]
             for ep in entry_points(group="kinerja.services")}
    return sorted(found)


def namespace_directories(package: str) -> list[str]:
    """Folders of ``package`` holding Python modules but no ``__init__.py``: import-linter
    (grimp) leaves such namespace packages out of the graph, so their imports would go
    unchecked. Alembic's ``migrations`` folder is loaded by path and is not a package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    found = []
    for root in spec.submodule_search_locations:
        base = Path(root)
        for folder in sorted(p for p in base.rglob("*") if p.is_dir()):
            relative = folder.relative_to(base)
            if relative.parts[:1] == ("migrations",) or "__pycache__" in relative.parts:
                continue
            if any(folder.glob("*.py")) and not (folder / "__init__.py").exists():
                found.append(f"{package}/{relative.as_posix()}")
    return found


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def config_for(packages: list[str]) -> str:
    """The import-linter configuration (INI) of the layer rules for ``packages``."""
    lines = ["[importlinter]",
             "root_packages =", *[f"    {p}" for p in [*packages, "kinerja_shared"]],
             "include_external_packages = True",
             "contract_types =",
             f"    stdlib_only: {__name__}.StdlibOnlyContract", ""]

    def contract(key: str, name: str, kind: str, sources: list[str], forbidden: list[str]):
        sources = [s for s in sources if _exists(s)]
        forbidden = [f for f in forbidden if "." not in f or _exists(f)]
        if not sources:
            return
        lines.extend([f"[importlinter:contract:{key}]", f"name = {name}", f"type = {kind}",
                      "source_modules =", *[f"    {s}" for s in sources]])
        if kind == "forbidden":
            lines.extend(["forbidden_modules =", *[f"    {f}" for f in forbidden],
                          "allow_indirect_imports = True"])
        lines.append("")

    for p in packages:
        contract(f"{p}-domain", f"{p}: domain imports only the standard library",
                 "stdlib_only", [f"{p}.domain"], [])
        contract(f"{p}-service-layer", f"{p}: service layer and views stay off the web layer",
                 "forbidden", [f"{p}.service_layer", f"{p}.views"],
                 [f"{p}.api", *WEB_MODULES])
        contract(f"{p}-api", f"{p}: api reaches data only through the service layer",
                 "forbidden", [f"{p}.api"], [f"{p}.adapters", "sqlalchemy"])
        contract(f"{p}-adapters", f"{p}: adapters import neither api nor service layer",
                 "forbidden", [f"{p}.adapters"], [f"{p}.api", f"{p}.service_layer"])
    contract("shared", "kinerja_shared imports no service", "forbidden",
             ["kinerja_shared"], packages)
    return "\n".join(lines)


def lint(packages: list[str], *, env: dict[str, str] | None = None) -> tuple[bool, str]:
    """Run import-linter with the rules for ``packages`` in a fresh interpreter (``env``
    decides where packages are found): (kept, its report)."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-m", __name__, *packages],
                              capture_output=True, text=True, env=env, cwd=tmp)
    return done.returncode == 0, done.stdout + done.stderr


def main(packages: list[str]) -> int:
    from importlinter.cli import lint_imports

    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "importlinter.ini"
        config.write_text(config_for(packages))
        return lint_imports(config_filename=str(config), no_cache=True, no_logo=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or service_packages()))
