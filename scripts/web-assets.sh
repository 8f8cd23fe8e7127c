#!/usr/bin/env bash
# Front-end assets of the web UI from their npm packages (web/package.json, pinned by
# web/package-lock.json): `npm ci`, then the files named in package.json's "kinerjaAssets" are
# copied into the Python package (web/src/kinerja_web/static/vendor/, not in git). `make install`
# runs it; so does the Dockerfile's build stage. Nothing is hand-copied into the repository.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  ../scripts/system-deps.sh npm  # Debian's npm (and nodejs), when missing
fi
npm ci --no-audit --no-fund --loglevel=error
python3 - <<'PY'
import json, pathlib, shutil
pkg = json.loads(pathlib.Path("package.json").read_text())
out = pathlib.Path("src/kinerja_web/static/vendor")
out.mkdir(parents=True, exist_ok=True)
for name, source in pkg["kinerjaAssets"].items():
    shutil.copyfile(pathlib.Path("node_modules") / source, out / name)
    print(f"web-assets: {source} -> static/vendor/{name}")
PY
