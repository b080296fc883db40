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

All or nothing: if any step fails, the publishing branch (and with it the `latest`
alias), the current branch, the tags and the working tree are put back as they were,
and the message names the step and shows the failing command's own output.
Exit codes: 0 released; 1 refused or a step failed (nothing changed); 2 wrong usage.
"""
from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# mkdocs.yml plus the edition selector, which needs mike's list of editions.
EDITIONS_CONFIG = "mkdocs.editions.yml"

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import ConfigurationError  # noqa: E402

from macros import editions  # noqa: E402
from macros.handbook import load_handbook  # noqa: E402
from macros.placement import Placements  # noqa: E402
from macros.problems import DataError  # noqa: E402


class StepFailed(Exception):
    """One step of the release went wrong; the message says which and why."""

    def __init__(self, step: str, why: str):
        super().__init__(f"{step} failed: {why}")


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=check)


def run(step: str, command: list[str], env: dict | None = None) -> str:
    """Run one command of the release; a failure carries the command's own output."""
    try:
        # One stream, so the output reads in the order the command wrote it.
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
    except OSError as error:
        raise StepFailed(step, f"{command[0]} could not be run ({error.strerror})") from None
    if result.returncode != 0:
        output = result.stdout.strip()
        shown = " ".join([Path(command[0]).name, *command[1:]])
        raise StepFailed(step, f"`{shown}` exited with code {result.returncode}:\n"
                               f"{textwrap.indent(output or '(no output)', '    ')}")
    return result.stdout


def mike(step: str, *args: str) -> str:
    # mike and the mkdocs it runs live beside this Python, in the project's environment.
    tools = Path(sys.executable).parent
    # Material prints a notice about its future on every build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    return run(step, [str(tools / "mike"), *args], env)


def ref(name: str) -> str | None:
    """The commit a ref points to, or None if there is no such ref."""
    result = git("rev-parse", "--verify", "--quiet", name, check=False)
    return result.stdout.strip() or None


@dataclass
class Before:
    """What a failed release must put back: the refs it may move and the files it writes."""

    pages_ref: str  # refs/heads/gh-pages, or the branch given
    pages_commit: str | None
    head: str
    tag_ref: str
    snapshot: Path
    snapshot_dir_existed: bool

    @classmethod
    def record(cls, branch: str, tag: str, snapshot: Path) -> Before:
        return cls(f"refs/heads/{branch}", ref(f"refs/heads/{branch}"), ref("HEAD"),
                   f"refs/tags/{tag}", snapshot, snapshot.parent.is_dir())

    def restore(self) -> list[str]:
        """Put everything back; what could not be put back, if anything."""
        commands = []
        if ref(self.tag_ref):
            commands.append(["update-ref", "-d", self.tag_ref])
        if ref("HEAD") != self.head:
            # --soft moves the current branch back; the snapshot is unstaged and removed below.
            commands.append(["reset", "--quiet", "--soft", self.head])
        commands.append(["rm", "--cached", "--quiet", "--ignore-unmatch", "--", str(self.snapshot)])
        if self.pages_commit:
            commands.append(["update-ref", self.pages_ref, self.pages_commit])
        elif ref(self.pages_ref):
            commands.append(["update-ref", "-d", self.pages_ref])
        failures = []
        for command in commands:
            result = git(*command, check=False)
            if result.returncode != 0:
                failures.append(f"git {' '.join(command)}: {result.stderr.strip()}")
        self.snapshot.unlink(missing_ok=True)
        if not self.snapshot_dir_existed and self.snapshot.parent.is_dir():
            self.snapshot.parent.rmdir()
        left = git("status", "--porcelain", check=False).stdout.strip()
        if left:
            failures.append(f"the working tree, which still differs:\n{textwrap.indent(left, '    ')}")
        return failures


def publish(args: argparse.Namespace, config, edition: str, snapshot_file: Path, tag: str) -> None:
    """The steps of a release, in order; each raises StepFailed with its name."""
    data_dir = ROOT / config["extra"]["data_dir"]
    released = datetime.date.today().isoformat()
    try:
        book = load_handbook(data_dir, root=ROOT)
        record = editions.snapshot(book, Placements(Path(config["docs_dir"])), edition, released)
        editions.write_snapshot(snapshot_file, record)
    except (DataError, OSError) as error:
        raise StepFailed("writing the snapshot", str(error)) from None
    mike("building and publishing the edition (mike deploy)", "deploy", "--config-file", EDITIONS_CONFIG,
         "--branch", args.branch, "--update-aliases", "--title", f"Edition {edition}", edition, "latest")
    mike("making latest the branch's default (mike set-default)", "set-default",
         "--config-file", EDITIONS_CONFIG, "--branch", args.branch, "latest")
    committing = "committing the snapshot (git commit)"
    run(committing, ["git", "add", str(snapshot_file)])
    run(committing, ["git", "commit", "--quiet", "-m", f"Edition {edition}"])
    run("tagging the commit (git tag)",
        ["git", "tag", "-a", tag, "-m", f"Edition {edition}, released {released}"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branch", default="gh-pages", help="the branch editions are published on")
    args = parser.parse_args()
    try:
        config = load_config(str(ROOT / "mkdocs.yml"))
        edition = config["extra"]["edition"]
        snapshots = ROOT / config["extra"]["data_dir"] / editions.SNAPSHOT_DIR
        snapshot_file = snapshots / f"{edition}.json"
    except (ConfigurationError, KeyError) as error:
        print(f"release: mkdocs.yml: {error}", file=sys.stderr)
        return 1
    tag = f"edition-{edition}"
    status = git("status", "--porcelain", check=False)
    if status.returncode != 0:
        print(f"release: git status failed: {status.stderr.strip()}", file=sys.stderr)
        return 1
    if status.stdout.strip():
        print("release: commit or stash your changes first; an edition is made from a commit",
              file=sys.stderr)
        return 1
    if snapshot_file.exists() or ref(f"refs/tags/{tag}"):
        print(f"release: edition {edition} is already published, and published editions never "
              f"change. Set extra.edition in mkdocs.yml to the next edition first.", file=sys.stderr)
        return 1

    before = Before.record(args.branch, tag, snapshot_file)
    try:
        publish(args, config, edition, snapshot_file, tag)
    except (StepFailed, KeyboardInterrupt) as error:
        why = str(error) if isinstance(error, StepFailed) else "interrupted"
        print(f"release: edition {edition} was not released: {why}", file=sys.stderr)
        failures = before.restore()
        if failures:
            print("release: could not put back:", *(f"  - {failure}" for failure in failures),
                  sep="\n", file=sys.stderr)
        else:
            print(f"release: nothing was changed: branch {args.branch}, the latest alias, the tags "
                  "and the working tree are as they were.", file=sys.stderr)
        return 1
    print(f"Published edition {edition} (tag {tag}) on branch {args.branch}. Editions:")
    try:
        print(mike("listing the editions (mike list)", "list", "--branch", args.branch), end="")
    except StepFailed as error:  # released all the same; only the listing is missing
        print(f"release: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
