"""A zip of the whole handbook that works without a server or internet: open
index.html from a file share, or unzip it onto an intranet web server.

Usage: .venv/bin/python scripts/offline.py [--out DIR]
Builds the site with HANDBOOK_OFFLINE=true (pages as files, search from a script, the
tools as one classic script) into a temporary folder and writes
DIR/peer-roles-handbook-<edition>.zip (default DIR: offline/). Set SITE_URL to the
handbook's public address first, so printed pages name it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
FOLDER = "peer-roles-handbook"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "offline", help="where the zip goes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / FOLDER
        env = {**os.environ, "HANDBOOK_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                "--site-dir", str(site)], cwd=ROOT, env=env,
                               capture_output=True, text=True)
        if build.returncode != 0:
            sys.exit(f"offline: the build failed:\n{build.stderr}")
        edition = load_config(str(ROOT / "mkdocs.yml"))["extra"]["edition"]
        target = args.out / f"{FOLDER}-{edition}.zip"
        files = sorted(p for p in site.rglob("*") if p.is_file())
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in files:
                    archive.write(path, path.relative_to(site.parent).as_posix())
        except OSError as err:
            sys.exit(f"offline: cannot write {target}: {err.strerror}")
    size = target.stat().st_size
    print(f"{target}: {len(files)} files, {size / 1_000_000:.1f} MB. Unzip it and open "
          f"{FOLDER}/index.html.")


if __name__ == "__main__":
    main()
