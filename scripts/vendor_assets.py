"""Copy the explorer's third-party files from node_modules into src/unvotes/web/static/vendor/.

Run by scripts/setup.sh after `npm ci`. The list of files is unvotes.web.assets (VENDOR_FILES,
VENDOR_BUNDLES); versions come from package.json (pinned) and are recorded in vendor/manifest.json.
Usage: .venv/bin/python scripts/vendor_assets.py [--node-modules DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from unvotes.web.assets import VENDOR_BUNDLES, VENDOR_FILES, vendor_dir

ROOT = Path(__file__).resolve().parents[1]


def _version(modules: Path, package: str) -> str:
    data = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))
    return str(data["version"])


def _copy_license(modules: Path, package: str, out: Path) -> None:
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
        source = modules / package / name
        if source.is_file():
            (out / "licenses").mkdir(exist_ok=True)
            shutil.copyfile(source, out / "licenses" / f"{package}.txt")
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args()
    modules: Path = args.node_modules
    if not modules.is_dir():
        print(f"{modules}: not found; run 'npm ci' first", file=sys.stderr)
        return 1
    out = vendor_dir()
    out.mkdir(parents=True, exist_ok=True)
    packages: dict[str, str] = {}
    files: dict[str, str] = {}
    for item in VENDOR_FILES:
        shutil.copyfile(modules / item.package / item.path, out / item.name)
        packages[item.package] = _version(modules, item.package)
        _copy_license(modules, item.package, out)
    esbuild = modules / ".bin" / "esbuild"
    for bundle in VENDOR_BUNDLES:
        subprocess.run(
            [
                str(esbuild),
                str(modules / bundle.package / bundle.entry),
                "--bundle",
                "--minify",
                "--format=iife",
                f"--global-name={bundle.global_name}",
                f"--outfile={out / bundle.name}",
                "--log-level=warning",
            ],
            check=True,
        )
        packages[bundle.package] = _version(modules, bundle.package)
        _copy_license(modules, bundle.package, out)
    for path in sorted(out.glob("*.js*")):
        files[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = {"packages": dict(sorted(packages.items())), "sha256": files}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"vendor assets in {out}: " + ", ".join(f"{k} {v}" for k, v in sorted(packages.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
