"""A zip of the whole handbook that works without a server or internet: open
index.html from a file share, or unzip it onto an intranet web server.

Usage: .venv/bin/python scripts/offline.py [--out DIR] [--org OVERLAY]
Builds the site with HANDBOOK_OFFLINE=true (pages as files, search from a script, the
tools as one classic script) into a temporary folder and writes
DIR/peer-roles-handbook-<edition>.zip (default DIR: offline/). With --org, it is that
organisation's edition, built from its overlay folder as ./scripts/build --org builds
it, in DIR/<organisation>-peer-roles-handbook-<edition>.zip. Set SITE_URL to the
handbook's public address first, so printed pages name it.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
FOLDER = "peer-roles-handbook"


def organisation_slug(overlay: Path) -> str:
    """'Example Health' -> 'example-health', from an overlay the build has checked."""
    name = yaml.safe_load((overlay / "organisation.yml").read_text(encoding="utf-8"))["name"]
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "organisation"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "offline", help="where the zip goes")
    parser.add_argument("--org", type=Path,
                        help="an organisation's overlay folder: make that organisation's edition")
    args = parser.parse_args()
    env = {**os.environ, "HANDBOOK_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    if args.org:
        env["HANDBOOK_ORG"] = str(args.org.resolve())
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                "--site-dir", str(site)], cwd=ROOT, env=env,
                               capture_output=True, text=True)
        if build.returncode != 0:
            sys.exit(f"offline: the build failed:\n{build.stderr}")
        folder = f"{organisation_slug(args.org)}-{FOLDER}" if args.org else FOLDER
        edition = load_config(str(ROOT / "mkdocs.yml"))["extra"]["edition"]
        target = args.out / f"{folder}-{edition}.zip"
        files = sorted(p for p in site.rglob("*") if p.is_file())
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in files:
                    archive.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
        except OSError as err:
            sys.exit(f"offline: cannot write {target}: {err.strerror}")
    size = target.stat().st_size
    print(f"{target}: {len(files)} files, {size / 1_000_000:.1f} MB. Unzip it and open "
          f"{folder}/index.html.")


if __name__ == "__main__":
    main()
