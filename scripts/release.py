"""Publish the edition named in mkdocs.yml (extra.edition), for good.

Usage: .venv/bin/python scripts/release.py [--branch gh-pages]

1. Refuses if the working tree has uncommitted changes, or if the edition was already
   released: a published edition never changes.
2. Saves a snapshot of every item (data/editions/<edition>.json), from which later
   editions list what changed.
3. Builds the site and publishes it with mike into its own folder on the local git
   branch (gh-pages by default), moves the `latest` alias to it and makes `latest` the
   address the branch's root leads to. Nothing is pushed anywhere.
4. Commits the snapshot and tags the commit `edition-<edition>`.
"""
from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs.config import load_config  # noqa: E402

from macros import editions  # noqa: E402
from macros.handbook import load_handbook  # noqa: E402
from macros.placement import Placements  # noqa: E402


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=check)


def mike(*args: str) -> str:
    # mike and the mkdocs it runs live beside this Python, in the project's environment.
    tools = Path(sys.executable).parent
    # Material prints a notice about its future on every build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([str(tools / "mike"), *args], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"release: mike {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branch", default="gh-pages", help="the branch editions are published on")
    args = parser.parse_args()

    config = load_config(str(ROOT / "mkdocs.yml"))
    edition = config["extra"]["edition"]
    data_dir = ROOT / config["extra"]["data_dir"]
    snapshot_file = data_dir / editions.SNAPSHOT_DIR / f"{edition}.json"
    tag = f"edition-{edition}"

    if git("status", "--porcelain").stdout.strip():
        sys.exit("release: commit or stash your changes first; an edition is made from a commit")
    if snapshot_file.exists() or git("rev-parse", "--verify", "--quiet", f"refs/tags/{tag}",
                                     check=False).returncode == 0:
        sys.exit(f"release: edition {edition} is already published, and published editions never "
                 f"change. Set extra.edition in mkdocs.yml to the next edition first.")

    book = load_handbook(data_dir, root=ROOT)
    placements = Placements(Path(config["docs_dir"]))
    released = datetime.date.today().isoformat()
    editions.write_snapshot(snapshot_file, editions.snapshot(book, placements, edition, released))
    try:
        mike("deploy", "--branch", args.branch, "--update-aliases", "--title", f"Edition {edition}",
             edition, "latest")
        mike("set-default", "--branch", args.branch, "latest")
    except SystemExit:
        snapshot_file.unlink()  # not published, so not released
        raise
    git("add", str(snapshot_file))
    git("commit", "--quiet", "-m", f"Edition {edition}")
    git("tag", "-a", tag, "-m", f"Edition {edition}, released {released}")
    print(f"Published edition {edition} (tag {tag}) on branch {args.branch}. Editions:")
    print(mike("list", "--branch", args.branch), end="")


if __name__ == "__main__":
    main()
